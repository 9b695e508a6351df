import { describeRecurrence } from './describe-recurrence';
import { findRecurrenceInTokens } from './find-recurrence';
import { nextOccurrence } from './next-occurrence';
import { parseQuickAdd, type QuickAddTask } from './quick-add';
import { isConsistent, parseRRule, toRRule } from './recurrence';
import { tokenizeText } from './text-tokens';

// Saturday 13 March 2027, 18:00 in Moscow.
const NOW = new Date('2027-03-13T15:00:00Z');
const MOSCOW = { now: NOW, timeZone: 'Europe/Moscow' };

function read(text: string): QuickAddTask {
  const result = parseQuickAdd(text, MOSCOW);
  if (!result.ok) throw new Error(`not read: ${text}`);
  return result;
}

// What is typed -> the title left and the stored rule.
const PHRASES: Array<[string, string, string]> = [
  ['Stretch every day', 'Stretch', 'FREQ=DAILY'],
  ['Stretch every day at 7:30', 'Stretch', 'FREQ=DAILY;BYHOUR=7;BYMINUTE=30'],
  ['Stretch daily', 'Stretch', 'FREQ=DAILY'],
  ['Stretch daily at 9', 'Stretch', 'FREQ=DAILY;BYHOUR=9;BYMINUTE=0'],
  ['Stand-up every weekday', 'Stand-up', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  ['Stand-up every weekday 9:45', 'Stand-up', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=45'],
  ['Call mom every Monday', 'Call mom', 'FREQ=WEEKLY;BYDAY=MO'],
  ['Call mom every Monday 10:00', 'Call mom', 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0'],
  ['Gym every Mon and Thu', 'Gym', 'FREQ=WEEKLY;BYDAY=MO,TH'],
  ['Gym every Mon and Thu at 7pm', 'Gym', 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=19;BYMINUTE=0'],
  ['Gym every mon, wed and fri', 'Gym', 'FREQ=WEEKLY;BYDAY=MO,WE,FR'],
  ['Clean every 2 weeks', 'Clean', 'FREQ=WEEKLY;INTERVAL=2'],
  [
    'Clean every 2 weeks on Saturday at 11:00',
    'Clean',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=11;BYMINUTE=0',
  ],
  ['Clean every other week', 'Clean', 'FREQ=WEEKLY;INTERVAL=2'],
  ['Pay rent every month on the 1st', 'Pay rent', 'FREQ=MONTHLY;BYMONTHDAY=1'],
  ['Pay rent every month on the 1st at 10am', 'Pay rent', 'FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=10;BYMINUTE=0'],
  ['Pay rent monthly on the 15th', 'Pay rent', 'FREQ=MONTHLY;BYMONTHDAY=15'],
  ['Review every last Friday', 'Review', 'FREQ=MONTHLY;BYDAY=-1FR'],
  [
    'Review every last Friday of the month at 16:00',
    'Review',
    'FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=16;BYMINUTE=0',
  ],
  ['Board meeting every first Monday', 'Board meeting', 'FREQ=MONTHLY;BYDAY=1MO'],
  ['Congratulate every year on 25.12', 'Congratulate', 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25'],
  [
    'Congratulate every year on 25 December at 9:00',
    'Congratulate',
    'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25;BYHOUR=9;BYMINUTE=0',
  ],
  ['Water plants every 3 days', 'Water plants', 'FREQ=DAILY;INTERVAL=3'],
  ['Backup every weekend', 'Backup', 'FREQ=WEEKLY;BYDAY=SA,SU'],
  ['Зарядка каждый день', 'Зарядка', 'FREQ=DAILY'],
  ['Зарядка каждый день в 9', 'Зарядка', 'FREQ=DAILY;BYHOUR=9;BYMINUTE=0'],
  ['Зарядка каждый день в 9 утра', 'Зарядка', 'FREQ=DAILY;BYHOUR=9;BYMINUTE=0'],
  ['Зарядка ежедневно', 'Зарядка', 'FREQ=DAILY'],
  ['Зарядка ежедневно в 7:00', 'Зарядка', 'FREQ=DAILY;BYHOUR=7;BYMINUTE=0'],
  ['Планёрка по будням', 'Планёрка', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  ['Планёрка по будням в 9:30', 'Планёрка', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30'],
  ['Планёрка каждый будний день', 'Планёрка', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  ['Позвонить маме каждый понедельник', 'Позвонить маме', 'FREQ=WEEKLY;BYDAY=MO'],
  [
    'Позвонить маме каждый понедельник в 10:00',
    'Позвонить маме',
    'FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0',
  ],
  ['Бассейн каждую среду', 'Бассейн', 'FREQ=WEEKLY;BYDAY=WE'],
  ['Бассейн по понедельникам и четвергам', 'Бассейн', 'FREQ=WEEKLY;BYDAY=MO,TH'],
  ['Бассейн по понедельникам и четвергам в 19:00', 'Бассейн', 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=19;BYMINUTE=0'],
  ['Бассейн каждый вторник и четверг', 'Бассейн', 'FREQ=WEEKLY;BYDAY=TU,TH'],
  ['Уборка каждые 2 недели', 'Уборка', 'FREQ=WEEKLY;INTERVAL=2'],
  [
    'Уборка каждые 2 недели по субботам в 11',
    'Уборка',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=11;BYMINUTE=0',
  ],
  ['Уборка каждую вторую неделю', 'Уборка', 'FREQ=WEEKLY;INTERVAL=2'],
  ['Аренда каждое 1 число', 'Аренда', 'FREQ=MONTHLY;BYMONTHDAY=1'],
  ['Аренда каждое 1 число в 10', 'Аренда', 'FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=10;BYMINUTE=0'],
  ['Аренда каждый месяц 15-го', 'Аренда', 'FREQ=MONTHLY;BYMONTHDAY=15'],
  ['Аренда каждый месяц 15 числа в 12:00', 'Аренда', 'FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=12;BYMINUTE=0'],
  ['Аренда ежемесячно', 'Аренда', 'FREQ=MONTHLY'],
  ['Отчёт каждый месяц в 9', 'Отчёт', 'FREQ=MONTHLY;BYHOUR=9;BYMINUTE=0'],
  ['Поздравить каждый год 25.12', 'Поздравить', 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25'],
  [
    'Поздравить каждый год 25 декабря в 10:00',
    'Поздравить',
    'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25;BYHOUR=10;BYMINUTE=0',
  ],
  ['Отчёт каждую последнюю пятницу', 'Отчёт', 'FREQ=MONTHLY;BYDAY=-1FR'],
  ['Отчёт каждую последнюю пятницу месяца в 16:00', 'Отчёт', 'FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=16;BYMINUTE=0'],
  ['Совет каждый первый понедельник', 'Совет', 'FREQ=MONTHLY;BYDAY=1MO'],
  ['Полив каждые 3 дня', 'Полив', 'FREQ=DAILY;INTERVAL=3'],
  ['Дача по выходным', 'Дача', 'FREQ=WEEKLY;BYDAY=SA,SU'],
  ['Каждый день в 9 купить хлеб', 'купить хлеб', 'FREQ=DAILY;BYHOUR=9;BYMINUTE=0'],
  ['Every Monday: weekly report #work', 'weekly report', 'FREQ=WEEKLY;BYDAY=MO'],
];

describe('a repetition in quick-add', () => {
  it.each(PHRASES)('%s -> %s, %s', (text, title, rrule) => {
    const task = read(text);
    expect(task.title).toBe(title);
    expect(task.repeat?.rrule).toBe(rrule);
    expect(parseRRule(rrule)).toEqual(task.repeat?.rule);
  });

  it.each(PHRASES)('%s: has dates and a description in both languages', (_text, _title, rrule) => {
    const next = nextOccurrence(rrule, NOW, 'Europe/Moscow');
    expect(next?.getTime()).toBeGreaterThan(NOW.getTime());
    expect(describeRecurrence(rrule, 'en')).toMatch(/^every /);
    expect(describeRecurrence(rrule, 'ru')).toMatch(/^(кажд|по )/);
  });

  it('has at least 40 phrases, in both languages', () => {
    expect(PHRASES.length).toBeGreaterThanOrEqual(40);
    expect(PHRASES.filter(([text]) => /[а-я]/i.test(text)).length).toBeGreaterThanOrEqual(20);
  });

  // The rule: "every"/"каждый" count only with a unit or a day they can repeat after them;
  // "daily" and the like only where they end a clause or a time follows.
  it.each([
    'Every little thing',
    'Каждый охотник желает знать',
    'Daily standup notes',
    'Weekly report draft',
    'Each of us',
    'Every 0 days is nonsense',
    'Read "every Monday" aloud',
    'Каждому своё',
    'Поехать по делам',
  ])('leaves an ordinary title alone: %s', (text) => {
    const task = read(text);
    expect(task.repeat).toBeUndefined();
  });

  it('reads only the first repetition', () => {
    const task = read('Stretch every day, every week');
    expect(task.title).toBe('Stretch, every week');
    expect(task.repeat?.rrule).toBe('FREQ=DAILY');
  });

  it('reads a long text full of repetition words quickly', () => {
    const started = Date.now();
    const found = findRecurrenceInTokens(tokenizeText(`${'daily '.repeat(700)}x`));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(found).toBeUndefined();
  });

  it('does not continue a phrase over a line break', () => {
    expect(read('Stretch every\nday').repeat).toBeUndefined();
    expect(read('Каждые 2\nнедели').repeat).toBeUndefined();
  });
});

describe('the first due date of a repeating task', () => {
  it('is the first occurrence when no date is given', () => {
    // Saturday 18:00 in Moscow: the next Monday 10:00.
    expect(read('Call every Monday 10:00').due).toEqual({
      at: new Date('2027-03-15T07:00:00Z'),
      hasTime: true,
    });
    // A daily 9:00 is tomorrow's, today's being past; a daily 20:00 is tonight's.
    expect(read('Walk every day at 9').due?.at).toEqual(new Date('2027-03-14T06:00:00Z'));
    expect(read('Walk every day at 20:00').due?.at).toEqual(new Date('2027-03-13T17:00:00Z'));
  });

  it('is a whole day when the rule has no time', () => {
    expect(read('Отчёт каждую последнюю пятницу').due).toEqual({
      at: new Date('2027-03-26T20:59:00Z'),
      hasTime: false,
    });
    expect(read('Stretch every day').due).toEqual({ at: new Date('2027-03-13T20:59:00Z'), hasTime: false });
  });

  it('takes the time of a due date typed beside a rule without one', () => {
    const task = read('Позвонить маме в 9 каждый день');
    expect(task.title).toBe('Позвонить маме');
    expect(task.repeat?.rrule).toBe('FREQ=DAILY;BYHOUR=9;BYMINUTE=0');
    expect(task.due).toEqual({ at: new Date('2027-03-14T06:00:00Z'), hasTime: true });
  });

  it('puts the rule time on a date typed without one', () => {
    const task = read('Gym every Monday 10:00 from 22.03');
    expect(task.title).toBe('Gym from');
    expect(task.due).toEqual({ at: new Date('2027-03-22T07:00:00Z'), hasTime: true });
  });

  it('keeps a due date with a time as typed', () => {
    const task = read('Gym every Monday 10:00 tomorrow 12:00');
    expect(task.due).toEqual({ at: new Date('2027-03-14T09:00:00Z'), hasTime: true });
  });
});

describe('the stored form of a rule', () => {
  it('reads back what it writes, with or without the RRULE: prefix', () => {
    const rule = {
      frequency: 'weekly' as const,
      interval: 2,
      weekdays: [1, 4],
      time: { hour: 10, minute: 0 },
    };
    expect(toRRule(rule)).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;BYHOUR=10;BYMINUTE=0');
    expect(parseRRule(`RRULE:${toRRule(rule)}`)).toEqual(rule);
  });

  it.each([
    'FREQ=HOURLY',
    'FREQ=DAILY;COUNT=3',
    'FREQ=DAILY;BYHOUR=9',
    'FREQ=WEEKLY;BYDAY=XX',
    'FREQ=DAILY;BYDAY=MO',
    'FREQ=YEARLY;BYMONTH=12',
    'FREQ=MONTHLY;BYMONTHDAY=32',
    'FREQ=DAILY;INTERVAL=0',
    'FREQ=DAILY;FREQ=WEEKLY',
    'nonsense',
    '',
  ])('refuses a rule the bot does not write: %s', (text) => {
    expect(parseRRule(text)).toBeUndefined();
  });

  it('checks that the parts fit the frequency', () => {
    expect(isConsistent({ frequency: 'monthly', interval: 1, weekdayOfMonth: { weekday: 5, nth: -1 } })).toBe(
      true,
    );
    expect(isConsistent({ frequency: 'weekly', interval: 1, monthDay: 3 })).toBe(false);
  });
});
