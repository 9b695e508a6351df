import type { PriorityId } from './priority';
import { MAX_PROJECT_NAME_LENGTH, parseDueOnly, parseQuickAdd, type QuickAddResult } from './quick-add';
import { MAX_TITLE_LENGTH } from './task-title';

// Saturday 13 March 2027: 18:00 in Moscow (UTC+3), 10:00 in New York (UTC-5), whose clocks jump
// from 02:00 to 03:00 (UTC-4) the coming night.
const NOW = new Date('2027-03-13T15:00:00Z');
const MOSCOW = { now: NOW, timeZone: 'Europe/Moscow' };
const NEW_YORK = { now: NOW, timeZone: 'America/New_York' };

interface Row {
  title: string;
  project?: string;
  priority?: PriorityId;
  assignee?: string;
  /** Due instant in Moscow and in New York, and whether a time of day was given. */
  due?: [moscow: string, newYork: string, hasTime: boolean];
}

// Whole-day due dates are due at 23:59 local time.
const TOMORROW: Row['due'] = ['2027-03-14T20:59:00Z', '2027-03-15T03:59:00Z', false];
const NEXT_FRIDAY: Row['due'] = ['2027-03-19T20:59:00Z', '2027-03-20T03:59:00Z', false];
const NEXT_MONDAY: Row['due'] = ['2027-03-15T20:59:00Z', '2027-03-16T03:59:00Z', false];
const CHRISTMAS: Row['due'] = ['2027-12-25T20:59:00Z', '2027-12-26T04:59:00Z', false];
const IN_TWO_HOURS: Row['due'] = ['2027-03-13T17:00:00Z', '2027-03-13T17:00:00Z', true];

const TABLE: Array<[string, Row]> = [
  ['Buy milk', { title: 'Buy milk' }],
  ['Buy milk tomorrow', { title: 'Buy milk', due: TOMORROW }],
  [
    'Купить молоко завтра в 9',
    { title: 'Купить молоко', due: ['2027-03-14T06:00:00Z', '2027-03-14T13:00:00Z', true] },
  ],
  ['Report #work !high friday', { title: 'Report', project: 'work', priority: 3, due: NEXT_FRIDAY }],
  [
    'Отчёт #работа !срочно в пятницу 18:00',
    {
      title: 'Отчёт',
      project: 'работа',
      priority: 4,
      due: ['2027-03-19T15:00:00Z', '2027-03-19T22:00:00Z', true],
    },
  ],
  // 18:00 has just come in Moscow, so it is tomorrow's; in New York it is still ahead today.
  ['Call mom at 6pm', { title: 'Call mom', due: ['2027-03-14T15:00:00Z', '2027-03-13T23:00:00Z', true] }],
  [
    'Позвонить маме в 18:30',
    { title: 'Позвонить маме', due: ['2027-03-13T15:30:00Z', '2027-03-13T23:30:00Z', true] },
  ],
  ['Pay rent 25.12', { title: 'Pay rent', due: CHRISTMAS }],
  [
    'Оплатить 25.12.2027 14:30',
    { title: 'Оплатить', due: ['2027-12-25T11:30:00Z', '2027-12-25T19:30:00Z', true] },
  ],
  ['Taxes 2027-01-15', { title: 'Taxes', due: ['2027-01-15T20:59:00Z', '2027-01-16T04:59:00Z', false] }],
  [
    'Renew passport 10.01',
    { title: 'Renew passport', due: ['2028-01-10T20:59:00Z', '2028-01-11T04:59:00Z', false] },
  ],
  ['Stretch in 2 hours', { title: 'Stretch', due: IN_TWO_HOURS }],
  [
    'Проверить духовку через 30 минут',
    { title: 'Проверить духовку', due: ['2027-03-13T15:30:00Z', '2027-03-13T15:30:00Z', true] },
  ],
  [
    'Tea in 30 min !low',
    { title: 'Tea', priority: 1, due: ['2027-03-13T15:30:00Z', '2027-03-13T15:30:00Z', true] },
  ],
  [
    'Полить цветы через неделю #дом',
    { title: 'Полить цветы', project: 'дом', due: ['2027-03-20T20:59:00Z', '2027-03-21T03:59:00Z', false] },
  ],
  [
    'Standup next monday 10:00 #team',
    { title: 'Standup', project: 'team', due: ['2027-03-15T07:00:00Z', '2027-03-15T14:00:00Z', true] },
  ],
  ['Plan next week', { title: 'Plan', due: NEXT_MONDAY }],
  ['Уборка послезавтра', { title: 'Уборка', due: NEXT_MONDAY }],
  ['Гулять сегодня', { title: 'Гулять', due: ['2027-03-13T20:59:00Z', '2027-03-14T04:59:00Z', false] }],
  ['Gym today at 9pm', { title: 'Gym', due: ['2027-03-13T18:00:00Z', '2027-03-14T02:00:00Z', true] }],
  ['Review PR @alice_dev tomorrow', { title: 'Review PR', assignee: 'alice_dev', due: TOMORROW }],
  [
    'Спросить @ivan_petrov про отчёт !2',
    { title: 'Спросить про отчёт', assignee: 'ivan_petrov', priority: 2 },
  ],
  ['Fix bug #123 in parser', { title: 'Fix bug #123 in parser' }],
  ['Learn C#dev patterns !urgent', { title: 'Learn C#dev patterns', priority: 4 }],
  ['Wow!high expectations', { title: 'Wow!high expectations' }],
  [
    'Email bob@example.com about invoice 31.12',
    {
      title: 'Email bob@example.com about invoice',
      due: ['2027-12-31T20:59:00Z', '2028-01-01T04:59:00Z', false],
    },
  ],
  [
    'Read https://example.com/today#section tomorrow',
    { title: 'Read https://example.com/today#section', due: TOMORROW },
  ],
  ['Сдать отчёт до пятницы #работа', { title: 'Сдать отчёт', project: 'работа', due: NEXT_FRIDAY }],
  [
    'Встреча в среду в 10:00',
    { title: 'Встреча', due: ['2027-03-17T07:00:00Z', '2027-03-17T14:00:00Z', true] },
  ],
  ['Dentist fri 2:30pm', { title: 'Dentist', due: ['2027-03-19T11:30:00Z', '2027-03-19T18:30:00Z', true] }],
  ['Купить подарок 25 декабря', { title: 'Купить подарок', due: CHRISTMAS }],
  [
    'Ship release Dec 24 at 10am #work !high',
    {
      title: 'Ship release',
      project: 'work',
      priority: 3,
      due: ['2027-12-24T07:00:00Z', '2027-12-24T15:00:00Z', true],
    },
  ],
  // 02:30 does not exist in New York that night: it becomes 03:30 EDT.
  [
    'Night shift tomorrow 02:30',
    { title: 'Night shift', due: ['2027-03-13T23:30:00Z', '2027-03-14T07:30:00Z', true] },
  ],
  ['Прочитать «Завтра была война»', { title: 'Прочитать «Завтра была война»' }],
  ['Sprint monday-ish', { title: 'Sprint monday-ish' }],
  ['Обсудить сегодняшний план', { title: 'Обсудить сегодняшний план' }],
  ['Buy 1.5 kg apples for $3.10', { title: 'Buy 1.5 kg apples for $3.10' }],
  ['Lunch with team, tomorrow', { title: 'Lunch with team', due: TOMORROW }],
  [
    'Tomorrow: call the bank at 9',
    { title: 'call the bank', due: ['2027-03-14T06:00:00Z', '2027-03-14T13:00:00Z', true] },
  ],
  [
    '#дом !высокий Починить кран в 9 утра',
    {
      title: 'Починить кран',
      project: 'дом',
      priority: 3,
      due: ['2027-03-14T06:00:00Z', '2027-03-14T13:00:00Z', true],
    },
  ],
  [
    'Позвонить через 2 часа @manager_bob #клиенты !4',
    { title: 'Позвонить', project: 'клиенты', priority: 4, assignee: 'manager_bob', due: IN_TWO_HOURS },
  ],
  [
    'Backup in 3 days #ops',
    { title: 'Backup', project: 'ops', due: ['2027-03-16T20:59:00Z', '2027-03-17T03:59:00Z', false] },
  ],
  [
    'Продлить домен в следующем месяце',
    { title: 'Продлить домен', due: ['2027-04-01T20:59:00Z', '2027-04-02T03:59:00Z', false] },
  ],
  ['Yoga on sun 8am', { title: 'Yoga', due: ['2027-03-14T05:00:00Z', '2027-03-14T12:00:00Z', true] }],
  [
    'Отпуск 01.06 #личное !низкий',
    {
      title: 'Отпуск',
      project: 'личное',
      priority: 1,
      due: ['2027-06-01T20:59:00Z', '2027-06-02T03:59:00Z', false],
    },
  ],
  [
    'Check logs at 23:59',
    { title: 'Check logs', due: ['2027-03-13T20:59:00Z', '2027-03-14T04:59:00Z', true] },
  ],
  ['  Multiple   spaces   tomorrow   here  ', { title: 'Multiple spaces here', due: TOMORROW }],
  ['Plan #work #home', { title: 'Plan #home', project: 'work' }],
  ['Buy milk !HIGH !low', { title: 'Buy milk !low', priority: 3 }],
  ['Ремонт (завтра) #дом-и-сад', { title: 'Ремонт', project: 'дом-и-сад', due: TOMORROW }],
  ['Buy milk.\nThen bread tomorrow', { title: 'Buy milk.\nThen bread', due: TOMORROW }],
  ['Купить торт на завтра', { title: 'Купить торт', due: TOMORROW }],
  ['Разделить на 5 частей', { title: 'Разделить на 5 частей' }],
];

function expected(row: Row, zone: 'moscow' | 'newYork'): QuickAddResult {
  const result: QuickAddResult = { ok: true, title: row.title };
  if (row.project) result.project = row.project;
  if (row.priority) result.priorityId = row.priority;
  if (row.due) {
    const [moscow, newYork, hasTime] = row.due;
    result.due = { at: new Date(zone === 'moscow' ? moscow : newYork), hasTime };
  }
  if (row.assignee) result.assignee = row.assignee;
  return result;
}

describe('quick-add of a task', () => {
  it.each(TABLE)('reads %j in Moscow', (text, row) => {
    expect(parseQuickAdd(text, MOSCOW)).toEqual(expected(row, 'moscow'));
  });

  it.each(TABLE)('reads %j in New York', (text, row) => {
    expect(parseQuickAdd(text, NEW_YORK)).toEqual(expected(row, 'newYork'));
  });
});

describe('quick-add that cannot make a task', () => {
  it.each([
    ['tomorrow', { ok: false, error: 'empty_title' }],
    ['tomorrow!', { ok: false, error: 'empty_title' }],
    ['#work !high завтра в 9', { ok: false, error: 'empty_title' }],
    ['', { ok: false, error: 'empty_title' }],
    ['\u0000 ', { ok: false, error: 'empty_title' }],
    ['Meet 31.02', { ok: false, error: 'bad_date', detail: '31.02' }],
    ['Call at 25:61', { ok: false, error: 'bad_date', detail: 'at 25:61' }],
    ['Встреча через abc часов', { ok: false, error: 'bad_date', detail: 'через abc часов' }],
    ['31.02', { ok: false, error: 'bad_date', detail: '31.02' }],
    [`${'x'.repeat(MAX_TITLE_LENGTH + 1)} tomorrow`, { ok: false, error: 'too_long', detail: '1001' }],
    [`#${'p'.repeat(MAX_PROJECT_NAME_LENGTH + 1)} Task`, { ok: false, error: 'too_long', detail: 'project' }],
  ])('refuses %j', (text, result) => {
    expect(parseQuickAdd(text, MOSCOW)).toEqual(result);
  });

  it('keeps a title of exactly the limit once the date is taken out', () => {
    const title = '🎉'.repeat(MAX_TITLE_LENGTH);
    expect(parseQuickAdd(`${title} tomorrow`, MOSCOW)).toMatchObject({ ok: true, title });
  });
});

describe('a due date on its own', () => {
  it('reads a reply that is only a date', () => {
    expect(parseDueOnly(' завтра в 10 ', MOSCOW)).toEqual({
      ok: true,
      due: { at: new Date('2027-03-14T07:00:00Z'), hasTime: true },
    });
    expect(parseDueOnly('25.12.', NEW_YORK)).toEqual({
      ok: true,
      due: { at: new Date('2027-12-26T04:59:00Z'), hasTime: false },
    });
  });

  it('names what it did not understand, and says when there is no date at all', () => {
    expect(parseDueOnly('tomorrow please', MOSCOW)).toEqual({
      ok: false,
      error: 'bad_date',
      detail: 'please',
    });
    expect(parseDueOnly('31.02', MOSCOW)).toEqual({ ok: false, error: 'bad_date', detail: '31.02' });
    expect(parseDueOnly('soon', MOSCOW)).toEqual({ ok: false, error: 'no_date' });
    expect(parseDueOnly('', MOSCOW)).toEqual({ ok: false, error: 'no_date' });
  });
});
