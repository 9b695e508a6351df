import { endOfLocalDay, isDigestDue, isQuiet, nextAllowedTime, quietHoursOf, snoozeUntil } from './schedule';
import { localDate } from './time-zone';

const at = (iso: string) => new Date(iso);
const night = { start: '22:00', end: '07:00' };

describe('quiet hours', () => {
  it('lets a reminder through at once when there are no quiet hours', () => {
    expect(nextAllowedTime(at('2026-12-01T23:30:00Z'), null, 'UTC')).toEqual(at('2026-12-01T23:30:00Z'));
  });

  it.each([
    // Moscow is UTC+3 all year.
    ['late evening, held until the next morning', '2026-12-01T20:30:00Z', '2026-12-02T04:00:00Z'],
    ['just after midnight, held until the same morning', '2026-12-01T21:05:00Z', '2026-12-02T04:00:00Z'],
    ['at the start, held', '2026-12-01T19:00:00Z', '2026-12-02T04:00:00Z'],
    ['at the end, sent', '2026-12-02T04:00:00Z', '2026-12-02T04:00:00Z'],
    ['a minute before the start, sent', '2026-12-01T18:59:00Z', '2026-12-01T18:59:00Z'],
    ['during the day, sent', '2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z'],
  ])('over midnight (22:00-07:00 in Moscow): %s', (_case, instant, expected) => {
    expect(nextAllowedTime(at(instant), night, 'Europe/Moscow')).toEqual(at(expected));
  });

  it('holds within a period that does not wrap (13:00-14:30) until it ends', () => {
    const lunch = { start: '13:00', end: '14:30' };
    expect(nextAllowedTime(at('2026-06-10T13:20:00Z'), lunch, 'UTC')).toEqual(at('2026-06-10T14:30:00Z'));
    expect(nextAllowedTime(at('2026-06-10T14:30:00Z'), lunch, 'UTC')).toEqual(at('2026-06-10T14:30:00Z'));
    expect(nextAllowedTime(at('2026-06-10T12:59:00Z'), lunch, 'UTC')).toEqual(at('2026-06-10T12:59:00Z'));
  });

  it('reads the person’s own time zone, not the server’s', () => {
    // 23:30 UTC is 08:30 in Tokyo: outside 22:00-07:00 there, inside it in London (winter, UTC+0).
    expect(isQuiet(at('2026-12-01T23:30:00Z'), night, 'Asia/Tokyo')).toBe(false);
    expect(isQuiet(at('2026-12-01T23:30:00Z'), night, 'Europe/London')).toBe(true);
  });

  it('ends at the right instant on the night clocks go forward (New York, 8 March 2026)', () => {
    // 22:00-07:00: held at 01:30 EST, released at 07:00 EDT, which is 11:00 UTC (not 12:00).
    expect(nextAllowedTime(at('2026-03-08T06:30:00Z'), night, 'America/New_York')).toEqual(
      at('2026-03-08T11:00:00Z'),
    );
  });

  it('ends after the gap when the end itself does not exist that night', () => {
    // Quiet until 02:30, which New York skips on 8 March 2026: released at 03:30 EDT, 07:30 UTC.
    const quiet = { start: '23:00', end: '02:30' };
    const released = nextAllowedTime(at('2026-03-08T06:15:00Z'), quiet, 'America/New_York');
    expect(released).toEqual(at('2026-03-08T07:30:00Z'));
  });

  it('ends at the right instant on the night clocks go back (Berlin, 25 October 2026)', () => {
    // 22:00-07:00 from 22:00 CEST (20:00 UTC) to 07:00 CET (06:00 UTC): a night of ten hours.
    expect(nextAllowedTime(at('2026-10-24T20:00:00Z'), night, 'Europe/Berlin')).toEqual(
      at('2026-10-25T06:00:00Z'),
    );
    // 02:30 happens twice that night; both readings are still quiet.
    expect(isQuiet(at('2026-10-25T00:30:00Z'), night, 'Europe/Berlin')).toBe(true);
    expect(isQuiet(at('2026-10-25T01:30:00Z'), night, 'Europe/Berlin')).toBe(true);
  });

  it('takes half a setting, or the same start and end, as no quiet hours', () => {
    expect(quietHoursOf('22:00', null)).toBeNull();
    expect(quietHoursOf(null, '07:00')).toBeNull();
    expect(quietHoursOf('08:00', '08:00')).toBeNull();
    expect(quietHoursOf('22:00', '07:00')).toEqual(night);
  });

  it('refuses a time of day that does not parse', () => {
    expect(() =>
      nextAllowedTime(at('2026-12-01T10:00:00Z'), { start: '25:00', end: '07:00' }, 'UTC'),
    ).toThrow(RangeError);
  });
});

describe('the daily digest', () => {
  it('is due from the chosen local time on, and not before', () => {
    // 08:00 in Moscow is 05:00 UTC.
    expect(isDigestDue(at('2026-12-01T04:59:00Z'), '08:00', null, 'Europe/Moscow')).toBe(false);
    expect(isDigestDue(at('2026-12-01T05:00:00Z'), '08:00', null, 'Europe/Moscow')).toBe(true);
    expect(isDigestDue(at('2026-12-01T15:00:00Z'), '08:00', '2026-11-30', 'Europe/Moscow')).toBe(true);
  });

  it('is not due without a chosen time, or when today’s went out already', () => {
    expect(isDigestDue(at('2026-12-01T12:00:00Z'), null, null, 'UTC')).toBe(false);
    expect(isDigestDue(at('2026-12-01T12:00:00Z'), '08:00', '2026-12-01', 'UTC')).toBe(false);
  });

  it('counts days by the person’s calendar: a new day in Tokyo while it is still yesterday in UTC', () => {
    const now = at('2026-12-01T22:30:00Z'); // 07:30 on 2 December in Tokyo
    expect(isDigestDue(now, '07:00', '2026-12-01', 'Asia/Tokyo')).toBe(true);
    expect(isDigestDue(now, '07:00', '2026-12-01', 'UTC')).toBe(false);
  });

  it('goes out exactly once a day, across a change of the clocks', () => {
    // A scheduler ticking every five minutes for three days around Berlin's autumn change.
    const tz = 'Europe/Berlin';
    let lastDigestOn: string | null = null;
    const sentOn: string[] = [];
    for (
      let ms = at('2026-10-24T00:00:00Z').getTime();
      ms < at('2026-10-27T00:00:00Z').getTime();
      ms += 300_000
    ) {
      const now = new Date(ms);
      if (isDigestDue(now, '09:00', lastDigestOn, tz)) {
        lastDigestOn = localDate(now, tz);
        sentOn.push(`${lastDigestOn} ${now.toISOString()}`);
      }
    }
    expect(sentOn).toEqual([
      '2026-10-24 2026-10-24T07:00:00.000Z',
      '2026-10-25 2026-10-25T08:00:00.000Z',
      '2026-10-26 2026-10-26T08:00:00.000Z',
    ]);
  });

  it('ends the local day at the next local midnight', () => {
    expect(endOfLocalDay(at('2026-12-01T10:00:00Z'), 'Europe/Moscow')).toEqual(at('2026-12-01T21:00:00Z'));
    // The day clocks go back is 25 hours long in Berlin.
    expect(endOfLocalDay(at('2026-10-25T10:00:00Z'), 'Europe/Berlin')).toEqual(at('2026-10-25T23:00:00Z'));
  });
});

describe('snoozing', () => {
  const now = at('2026-12-01T21:50:00Z'); // 00:50 on 2 December in Moscow

  it('rings again in 15 minutes or in an hour', () => {
    expect(snoozeUntil('15m', now, 'Europe/Moscow')).toEqual(at('2026-12-01T22:05:00Z'));
    expect(snoozeUntil('1h', now, 'Europe/Moscow')).toEqual(at('2026-12-01T22:50:00Z'));
  });

  it('rings tomorrow at 09:00 in the person’s time zone, by their calendar', () => {
    // Already 2 December in Moscow, so "tomorrow" is 3 December; 09:00 there is 06:00 UTC.
    expect(snoozeUntil('tomorrow', now, 'Europe/Moscow')).toEqual(at('2026-12-03T06:00:00Z'));
    expect(snoozeUntil('tomorrow', now, 'UTC')).toEqual(at('2026-12-02T09:00:00Z'));
  });

  it('rings tomorrow at 09:00 local also when the clocks change overnight', () => {
    // 7 March 2026, 20:00 EST; the next morning is EDT (UTC-4), so 09:00 is 13:00 UTC.
    expect(snoozeUntil('tomorrow', at('2026-03-08T01:00:00Z'), 'America/New_York')).toEqual(
      at('2026-03-08T13:00:00Z'),
    );
  });
});
