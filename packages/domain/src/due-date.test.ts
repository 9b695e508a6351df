import { type DueDateOptions, findDueDate } from './due-date';

const MOSCOW = 'Europe/Moscow';
const NY = 'America/New_York';
// Wednesday 10 March 2027, 12:00 in Moscow, 04:00 in New York (four days before its spring-forward).
const NOW = new Date('2027-03-10T09:00:00Z');
const inMoscow: DueDateOptions = { now: NOW, timeZone: MOSCOW };

/** The due instant (ISO) and hasTime the text gives, or undefined when it names no due date. */
function due(text: string, options: DueDateOptions = inMoscow): [string, boolean] | undefined {
  const found = findDueDate(text, options);
  if (found && !found.ok) throw new Error(`unexpected error for ${text}: ${found.detail}`);
  return found ? [found.at.toISOString(), found.hasTime] : undefined;
}

function unreadable(text: string, options: DueDateOptions = inMoscow): string | undefined {
  const found = findDueDate(text, options);
  return found && !found.ok ? found.detail : undefined;
}

describe('a time without a day', () => {
  it('is today while still ahead, else tomorrow', () => {
    expect(due('18:00')).toEqual(['2027-03-10T15:00:00.000Z', true]);
    expect(due('09:00')).toEqual(['2027-03-11T06:00:00.000Z', true]);
    expect(due('12:00')).toEqual(['2027-03-11T09:00:00.000Z', true]);
    expect(due('в 18:30')).toEqual(['2027-03-10T15:30:00.000Z', true]);
    expect(due('at 6pm')).toEqual(['2027-03-10T15:00:00.000Z', true]);
    expect(due('6:30 pm')).toEqual(['2027-03-10T15:30:00.000Z', true]);
    expect(due('в 6 вечера')).toEqual(['2027-03-10T15:00:00.000Z', true]);
    expect(due('в 18.30')).toEqual(['2027-03-10T15:30:00.000Z', true]);
    expect(due('в 12 ночи')).toEqual(['2027-03-10T21:00:00.000Z', true]);
    expect(due('12am')).toEqual(['2027-03-10T21:00:00.000Z', true]);
  });

  it('takes a bare hour only where it ends a clause or stands next to a day', () => {
    expect(due('at 9')).toEqual(['2027-03-11T06:00:00.000Z', true]);
    expect(due('созвон в 14, потом обед')).toEqual(['2027-03-10T11:00:00.000Z', true]);
    expect(due('завтра в 9 позвонить маме')).toEqual(['2027-03-11T06:00:00.000Z', true]);
    expect(due('в 9 часов позвонить')).toEqual(['2027-03-11T06:00:00.000Z', true]);
    expect(due('купить в 2 раза больше')).toBeUndefined();
    expect(due('look at 3 options')).toBeUndefined();
    expect(due('сделать за 2 дня')).toBeUndefined();
  });
});

describe('a day', () => {
  it('without a time is a whole-day due date at the end of that day', () => {
    expect(due('today')).toEqual(['2027-03-10T20:59:00.000Z', false]);
    expect(due('завтра')).toEqual(['2027-03-11T20:59:00.000Z', false]);
    expect(due('послезавтра')).toEqual(['2027-03-12T20:59:00.000Z', false]);
    expect(due('the day after tomorrow')).toEqual(['2027-03-12T20:59:00.000Z', false]);
    expect(due('next week')).toEqual(['2027-03-15T20:59:00.000Z', false]);
    expect(due('в следующем месяце')).toEqual(['2027-04-01T20:59:00.000Z', false]);
    expect(due('через неделю')).toEqual(['2027-03-17T20:59:00.000Z', false]);
    expect(due('in 3 days')).toEqual(['2027-03-13T20:59:00.000Z', false]);
  });

  it('can be due at another hour of the day when configured', () => {
    expect(due('tomorrow', { ...inMoscow, wholeDayClock: { hour: 9, minute: 0 } })).toEqual([
      '2027-03-11T06:00:00.000Z',
      false,
    ]);
  });

  it('with a time is due at that time, also when the time is written first', () => {
    expect(due('tomorrow 18:00')).toEqual(['2027-03-11T15:00:00.000Z', true]);
    expect(due('tomorrow at 6pm')).toEqual(['2027-03-11T15:00:00.000Z', true]);
    expect(due('at 9 tomorrow')).toEqual(['2027-03-11T06:00:00.000Z', true]);
    expect(due('today 9:00')).toEqual(['2027-03-10T06:00:00.000Z', true]);
  });

  it('finds a day and a time written apart, and says where each part is', () => {
    const found = findDueDate('Tomorrow: call the bank at 9', inMoscow);
    expect(found).toMatchObject({ ok: true, hasTime: true, match: { start: 0, end: 8 } });
    expect(found?.ok && found.parts).toEqual([
      { start: 0, end: 8 },
      { start: 24, end: 28 },
    ]);
    expect(findDueDate('Call mom tomorrow at 6pm please', inMoscow)).toMatchObject({
      match: { start: 9, end: 24 },
    });
  });
});

describe('a part of the day', () => {
  it('is a time: morning 09:00, afternoon 14:00, evening 19:00', () => {
    expect(due('завтра утром')).toEqual(['2027-03-11T06:00:00.000Z', true]);
    expect(due('позвонить вечером')).toEqual(['2027-03-10T16:00:00.000Z', true]);
    expect(due('friday evening')).toEqual(['2027-03-12T16:00:00.000Z', true]);
    expect(due('call in the morning')).toEqual(['2027-03-11T06:00:00.000Z', true]);
    expect(due('в субботу днём')).toEqual(['2027-03-13T10:00:00.000Z', true]);
  });

  it('in English or "днём" alone stays text', () => {
    expect(due('morning run')).toBeUndefined();
    expect(due('поздравить с днём рождения')).toBeUndefined();
  });
});

describe('a weekday', () => {
  it('is the next such day; today only with a time still ahead', () => {
    expect(due('fri')).toEqual(['2027-03-12T20:59:00.000Z', false]);
    expect(due('в пятницу')).toEqual(['2027-03-12T20:59:00.000Z', false]);
    expect(due('пт')).toEqual(['2027-03-12T20:59:00.000Z', false]);
    expect(due('monday')).toEqual(['2027-03-15T20:59:00.000Z', false]);
    expect(due('on wednesday')).toEqual(['2027-03-17T20:59:00.000Z', false]);
    expect(due('в среду в 18:00')).toEqual(['2027-03-10T15:00:00.000Z', true]);
    expect(due('в среду в 10:00')).toEqual(['2027-03-17T07:00:00.000Z', true]);
    expect(due('до пятницы')).toEqual(['2027-03-12T20:59:00.000Z', false]);
    expect(due('к понедельнику')).toEqual(['2027-03-15T20:59:00.000Z', false]);
  });

  it('of "next" is the one in next week', () => {
    expect(due('next monday')).toEqual(['2027-03-15T20:59:00.000Z', false]);
    expect(due('next friday')).toEqual(['2027-03-19T20:59:00.000Z', false]);
    expect(due('в следующую пятницу в 10:00')).toEqual(['2027-03-19T07:00:00.000Z', true]);
  });

  it('that is also an ordinary word needs a preposition', () => {
    expect(due('buy sun cream')).toBeUndefined();
    expect(due('настроить среду разработки')).toBeUndefined();
    expect(due('on sat')).toEqual(['2027-03-13T20:59:00.000Z', false]);
    expect(due('во вторник')).toEqual(['2027-03-16T20:59:00.000Z', false]);
  });
});

describe('a calendar date', () => {
  it('without a year is this year, or next year once past', () => {
    expect(due('25.12')).toEqual(['2027-12-25T20:59:00.000Z', false]);
    expect(due('25.01')).toEqual(['2028-01-25T20:59:00.000Z', false]);
    expect(due('10.03')).toEqual(['2027-03-10T20:59:00.000Z', false]);
    expect(due('25 dec')).toEqual(['2027-12-25T20:59:00.000Z', false]);
    expect(due('December 25th')).toEqual(['2027-12-25T20:59:00.000Z', false]);
    expect(due('25 декабря в 10:00')).toEqual(['2027-12-25T07:00:00.000Z', true]);
    expect(due('29.02')).toEqual(['2028-02-29T20:59:00.000Z', false]);
  });

  it('with a year is taken as written', () => {
    expect(due('25.12.2027 14:30')).toEqual(['2027-12-25T11:30:00.000Z', true]);
    expect(due('25.12.28')).toEqual(['2028-12-25T20:59:00.000Z', false]);
    expect(due('2027-01-15')).toEqual(['2027-01-15T20:59:00.000Z', false]);
    expect(due('jan 15, 2028')).toEqual(['2028-01-15T20:59:00.000Z', false]);
  });
});

describe('a span from now', () => {
  it('in minutes or hours is exactly that long from now', () => {
    expect(due('in 2 hours')).toEqual(['2027-03-10T11:00:00.000Z', true]);
    expect(due('in 30 min')).toEqual(['2027-03-10T09:30:00.000Z', true]);
    expect(due('in an hour')).toEqual(['2027-03-10T10:00:00.000Z', true]);
    expect(due('in 2h')).toEqual(['2027-03-10T11:00:00.000Z', true]);
    expect(due('через 2 часа')).toEqual(['2027-03-10T11:00:00.000Z', true]);
    expect(due('через 30 минут')).toEqual(['2027-03-10T09:30:00.000Z', true]);
    expect(due('через полчаса')).toEqual(['2027-03-10T09:30:00.000Z', true]);
    expect(due('через 1.5 часа')).toEqual(['2027-03-10T10:30:00.000Z', true]);
    expect(due('через пару часов')).toEqual(['2027-03-10T11:00:00.000Z', true]);
    expect(due('через 2,5 часа')).toEqual(['2027-03-10T11:30:00.000Z', true]);
  });

  it('leaves phrases that only look like one as text', () => {
    expect(due('reply in working hours')).toBeUndefined();
    expect(due('перейти через дорогу')).toBeUndefined();
  });
});

describe('what cannot be read', () => {
  it('is an error naming the piece', () => {
    expect(unreadable('встреча 31.02')).toBe('31.02');
    expect(unreadable('29.02.2027')).toBe('29.02.2027');
    expect(unreadable('2027-02-30')).toBe('2027-02-30');
    expect(unreadable('30 февраля')).toBe('30 февраля');
    expect(unreadable('call at 25:61')).toBe('at 25:61');
    expect(unreadable('24:00')).toBe('24:00');
    expect(unreadable('13:00 am')).toBe('13:00 am');
    expect(unreadable('через abc часов')).toBe('через abc часов');
    expect(unreadable('in 2x hours')).toBe('in 2x hours');
    expect(unreadable('через 0 минут')).toBe('через 0 минут');
    expect(unreadable('in 999999 years')).toBe('in 999999 years');
  });

  it('is reported even when a readable date comes first', () => {
    expect(findDueDate('tomorrow, not 31.02', inMoscow)).toEqual({
      ok: false,
      error: 'bad_date',
      detail: '31.02',
      match: { start: 14, end: 19 },
    });
  });
});

describe('what is not a date', () => {
  it.each([
    ['words that contain date words', 'сегодняшний план, monday-ish, todays, tomorrowland'],
    ['links', 'read https://example.com/2027-01-15/today and www.site.org/tomorrow'],
    ['e-mail addresses', 'write to today@example.com'],
    ['tags, mentions and quoted text', '#tomorrow @friday_team "next week" «завтра»'],
    ['numbers and prices', 'buy 1.5 kg for $3.10, 9.99 each, 12.50 total, version 1.2.3'],
    ['plain numbers', 'read 3 chapters, 25 pages'],
  ])('leaves %s alone', (_what, text) => {
    expect(findDueDate(text, inMoscow)).toBeUndefined();
  });
});

describe('time zones', () => {
  it('reads the same words in New York local time', () => {
    const inNewYork = { now: NOW, timeZone: NY };
    expect(due('18:00', inNewYork)).toEqual(['2027-03-10T23:00:00.000Z', true]);
    expect(due('today', inNewYork)).toEqual(['2027-03-11T04:59:00.000Z', false]);
  });

  it('keeps the wall-clock time across the spring-forward night and skips its gap', () => {
    const saturdayNoon = { now: new Date('2027-03-13T17:00:00Z'), timeZone: NY };
    expect(due('tomorrow 18:00', saturdayNoon)).toEqual(['2027-03-14T22:00:00.000Z', true]);
    expect(due('tomorrow 02:30', saturdayNoon)).toEqual(['2027-03-14T07:30:00.000Z', true]);
    expect(due('tomorrow', saturdayNoon)).toEqual(['2027-03-15T03:59:00.000Z', false]);
  });

  it('rolls over into the next year', () => {
    const newYearsEve = { now: new Date('2027-12-31T20:00:00Z'), timeZone: MOSCOW }; // 23:00 in Moscow
    expect(due('tomorrow', newYearsEve)).toEqual(['2028-01-01T20:59:00.000Z', false]);
    expect(due('22:00', newYearsEve)).toEqual(['2028-01-01T19:00:00.000Z', true]);
    expect(due('01.01', newYearsEve)).toEqual(['2028-01-01T20:59:00.000Z', false]);
    expect(due('31.12', newYearsEve)).toEqual(['2027-12-31T20:59:00.000Z', false]);
    expect(due('friday', newYearsEve)).toEqual(['2028-01-07T20:59:00.000Z', false]);
  });

  it('refuses an unknown time zone', () => {
    expect(() => findDueDate('tomorrow', { now: NOW, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});
