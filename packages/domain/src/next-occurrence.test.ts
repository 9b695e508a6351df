import { describeRecurrence } from './describe-recurrence';
import { firstOccurrence, nextOccurrence, recurrenceHasTime } from './next-occurrence';
import { zonedParts } from './time-zone';

const DAILY_9 = 'FREQ=DAILY;BYHOUR=9;BYMINUTE=0';

/** The next n occurrences after a moment, each after the one before. */
function series(rule: string, after: string, timeZone: string, n: number, start?: string): string[] {
  const found: string[] = [];
  let moment = new Date(after);
  for (let k = 0; k < n; k += 1) {
    const next = nextOccurrence(rule, moment, timeZone, start ? { start: new Date(start) } : {});
    if (!next) break;
    found.push(next.toISOString());
    moment = next;
  }
  return found;
}

describe('the next occurrence of a repeating task', () => {
  it('keeps a daily 9:00 at 9:00 in Berlin across both daylight-saving changes', () => {
    // Clocks go forward on 29 March 2026 and back on 25 October 2026.
    expect(series(DAILY_9, '2026-03-27T12:00:00Z', 'Europe/Berlin', 3)).toEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
    expect(series(DAILY_9, '2026-10-24T12:00:00Z', 'Europe/Berlin', 2)).toEqual([
      '2026-10-25T08:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
  });

  it('keeps a daily 9:00 at 9:00 in New York across both daylight-saving changes', () => {
    // Clocks go forward on 8 March 2026 and back on 1 November 2026.
    expect(series(DAILY_9, '2026-03-07T15:00:00Z', 'America/New_York', 2)).toEqual([
      '2026-03-08T13:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
    expect(series(DAILY_9, '2026-10-31T14:00:00Z', 'America/New_York', 2)).toEqual([
      '2026-11-01T14:00:00.000Z',
      '2026-11-02T14:00:00.000Z',
    ]);
    for (const at of series(DAILY_9, '2026-03-01T00:00:00Z', 'America/New_York', 20)) {
      expect(zonedParts(new Date(at), 'America/New_York')).toMatchObject({ hour: 9, minute: 0 });
    }
  });

  it('reads the time in Kamchatka, twelve hours ahead of UTC', () => {
    expect(series(DAILY_9, '2026-12-05T00:00:00Z', 'Asia/Kamchatka', 2)).toEqual([
      '2026-12-05T21:00:00.000Z',
      '2026-12-06T21:00:00.000Z',
    ]);
  });

  it('moves a time the clocks skip forward by the gap, as due dates do', () => {
    const next = nextOccurrence(
      'FREQ=DAILY;BYHOUR=2;BYMINUTE=30',
      new Date('2026-03-28T12:00:00Z'),
      'Europe/Berlin',
    );
    // 02:30 does not happen in Berlin on 29 March 2026: 03:30 CEST.
    expect(next?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('finds the days of a weekly rule, not the day it was typed on', () => {
    // Saturday 5 December 2026 in Moscow: Mondays and Thursdays at 10:00.
    expect(
      series('FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=10;BYMINUTE=0', '2026-12-05T09:00:00Z', 'Europe/Moscow', 3),
    ).toEqual(['2026-12-07T07:00:00.000Z', '2026-12-10T07:00:00.000Z', '2026-12-14T07:00:00.000Z']);
  });

  it('counts "every 2 weeks" from the start of the series', () => {
    const start = '2026-12-07T07:00:00Z';
    const rule = 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=10;BYMINUTE=0';
    expect(series(rule, start, 'Europe/Moscow', 2, start)).toEqual([
      '2026-12-21T07:00:00.000Z',
      '2027-01-04T07:00:00.000Z',
    ]);
  });

  it('finds the last Friday of each month, as a whole day without a time', () => {
    expect(series('FREQ=MONTHLY;BYDAY=-1FR', '2026-12-05T00:00:00Z', 'Europe/Moscow', 3)).toEqual([
      '2026-12-25T20:59:00.000Z',
      '2027-01-29T20:59:00.000Z',
      '2027-02-26T20:59:00.000Z',
    ]);
  });

  it('skips the months without the day, as RFC 5545 says', () => {
    expect(
      series('FREQ=MONTHLY;BYMONTHDAY=31;BYHOUR=12;BYMINUTE=0', '2027-01-01T00:00:00Z', 'UTC', 2),
    ).toEqual(['2027-01-31T12:00:00.000Z', '2027-03-31T12:00:00.000Z']);
  });

  it('finds the day of a yearly rule at the whole-day clock asked for', () => {
    const next = nextOccurrence(
      'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25',
      new Date('2026-12-26T00:00:00Z'),
      'UTC',
      {
        wholeDayClock: { hour: 18, minute: 0 },
      },
    );
    expect(next?.toISOString()).toBe('2027-12-25T18:00:00.000Z');
  });

  it('counts an occurrence at the moment itself only when inclusive, as the first one does', () => {
    const at = new Date('2026-12-07T07:00:00Z');
    expect(nextOccurrence('FREQ=DAILY;BYHOUR=10;BYMINUTE=0', at, 'Europe/Moscow')?.toISOString()).toBe(
      '2026-12-08T07:00:00.000Z',
    );
    expect(firstOccurrence('FREQ=DAILY;BYHOUR=10;BYMINUTE=0', at, 'Europe/Moscow')?.toISOString()).toBe(
      '2026-12-07T07:00:00.000Z',
    );
  });

  it('says whether occurrences have a time of day', () => {
    expect(recurrenceHasTime(DAILY_9)).toBe(true);
    expect(recurrenceHasTime('FREQ=DAILY')).toBe(false);
  });

  it('refuses an unknown zone and a rule the bot does not write', () => {
    expect(() => nextOccurrence(DAILY_9, new Date(), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => nextOccurrence('FREQ=SECONDLY', new Date(), 'UTC')).toThrow(RangeError);
    expect(() => nextOccurrence(DAILY_9, new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });
});

describe('a repetition in plain words', () => {
  it.each([
    [DAILY_9, 'every day at 9:00', 'каждый день в 9:00'],
    ['FREQ=DAILY', 'every day', 'каждый день'],
    ['FREQ=DAILY;INTERVAL=3', 'every 3 days', 'каждые 3 дня'],
    ['FREQ=DAILY;INTERVAL=5', 'every 5 days', 'каждые 5 дней'],
    ['FREQ=DAILY;INTERVAL=21', 'every 21 days', 'каждый 21 день'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0', 'every weekday at 9:00', 'по будням в 9:00'],
    ['FREQ=WEEKLY;BYDAY=SA,SU', 'every weekend', 'по выходным'],
    ['FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0', 'every Monday at 10:00', 'по понедельникам в 10:00'],
    ['FREQ=WEEKLY;BYDAY=MO,TH', 'every Monday and Thursday', 'по понедельникам и четвергам'],
    [
      'FREQ=WEEKLY;BYDAY=MO,WE,FR',
      'every Monday, Wednesday and Friday',
      'по понедельникам, средам и пятницам',
    ],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 'every 2 weeks on Monday', 'каждые 2 недели по понедельникам'],
    ['FREQ=WEEKLY;INTERVAL=2', 'every 2 weeks', 'каждые 2 недели'],
    ['FREQ=WEEKLY', 'every week', 'каждую неделю'],
    ['FREQ=MONTHLY;BYMONTHDAY=1', 'every month on the 1st', 'каждый месяц 1-го числа'],
    [
      'FREQ=MONTHLY;BYMONTHDAY=22;BYHOUR=8;BYMINUTE=5',
      'every month on the 22nd at 8:05',
      'каждый месяц 22-го числа в 8:05',
    ],
    ['FREQ=MONTHLY;BYDAY=-1FR', 'every last Friday of the month', 'каждый месяц в последнюю пятницу'],
    ['FREQ=MONTHLY;BYDAY=1MO', 'every first Monday of the month', 'каждый месяц в первый понедельник'],
    [
      'FREQ=MONTHLY;INTERVAL=3;BYDAY=2SU',
      'every 3 months on the second Sunday',
      'каждые 3 месяца во второе воскресенье',
    ],
    ['FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25', 'every year on 25 December', 'каждый год 25 декабря'],
    ['FREQ=YEARLY;INTERVAL=2', 'every 2 years', 'каждые 2 года'],
  ])('%s: "%s", "%s"', (rule, english, russian) => {
    expect(describeRecurrence(rule, 'en')).toBe(english);
    expect(describeRecurrence(rule, 'ru')).toBe(russian);
  });

  it('says nothing for a rule the bot does not write', () => {
    expect(describeRecurrence('FREQ=HOURLY', 'en')).toBeUndefined();
  });
});
