import {
  addCalendarDays,
  addCalendarMonths,
  addLocalDays,
  canonicalTimeZone,
  formatLocal,
  instantFromZoned,
  isValidTimeZone,
  localDate,
  parseClock,
  startOfLocalDay,
  timeZoneCacheSize,
  zonedParts,
} from './time-zone';

const NY = 'America/New_York';
const MOSCOW = 'Europe/Moscow';

describe('time zone names', () => {
  it('knows IANA zones, in any letter case, and gives their canonical spelling', () => {
    expect(isValidTimeZone(MOSCOW)).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Etc/GMT+3')).toBe(true);
    expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(canonicalTimeZone('europe/moscow')).toBe(MOSCOW);
  });

  it('refuses names that are not zones, offsets and junk', () => {
    for (const name of [
      '',
      'Mars/Olympus',
      'Europe/',
      '+03:00',
      'UTC+3',
      '../etc/passwd',
      ' UTC',
      'x'.repeat(300),
    ]) {
      expect([name, isValidTimeZone(name)]).toEqual([name, false]);
    }
    expect(canonicalTimeZone('Mars/Olympus')).toBeUndefined();
  });
});

describe('the wall clock at an instant', () => {
  it('reads the local date, time and ISO weekday', () => {
    expect(zonedParts(new Date('2027-12-24T21:30:00Z'), MOSCOW)).toEqual({
      year: 2027,
      month: 12,
      day: 25,
      hour: 0,
      minute: 30,
      weekday: 6,
    });
    expect(zonedParts(new Date('2027-01-01T03:59:00Z'), NY)).toMatchObject({
      year: 2026,
      month: 12,
      day: 31,
    });
    expect(zonedParts(new Date('2027-03-14T05:00:00Z'), NY).weekday).toBe(7);
  });

  it('reads every minute around offset changes as the zone database does, hour after hour', () => {
    // Offsets remembered per hour must not hide a change: DST at 02:00 (New York), a 30-minute DST
    // (Lord Howe), an offset with 45 minutes (Kathmandu) and one with seconds from the past.
    const cases: Array<[string, string]> = [
      [NY, '2027-03-14T05:00:00Z'],
      [NY, '2027-11-07T04:00:00Z'],
      ['Australia/Lord_Howe', '2027-04-03T13:00:00Z'],
      ['Asia/Kathmandu', '1985-12-31T18:00:00Z'],
      ['Europe/Amsterdam', '1937-06-30T22:00:00Z'],
    ];
    for (const [zone, around] of cases) {
      const reference = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
      const middle = Date.parse(around);
      for (let ms = middle - 3 * 3_600_000; ms <= middle + 3 * 3_600_000; ms += 60_000) {
        const parts = Object.fromEntries(
          reference.formatToParts(new Date(ms)).map((part) => [part.type, Number(part.value)]),
        );
        const { year, month, day, hour, minute } = zonedParts(new Date(ms), zone);
        expect([zone, ms, year, month, day, hour, minute]).toEqual([
          zone,
          ms,
          parts.year,
          parts.month,
          parts.day,
          parts.hour,
          parts.minute,
        ]);
      }
    }
  });

  it('shows midnight as 00, never 24', () => {
    expect(zonedParts(new Date('2027-06-01T04:00:00Z'), NY)).toMatchObject({ day: 1, hour: 0, minute: 0 });
  });

  it('refuses an invalid instant and an unknown zone with a clear error', () => {
    expect(() => zonedParts(new Date(Number.NaN), MOSCOW)).toThrow(RangeError);
    expect(() => zonedParts(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });

  it('formats the local date as YYYY-MM-DD', () => {
    expect(localDate(new Date('2027-12-31T22:00:00Z'), MOSCOW)).toBe('2028-01-01');
    expect(localDate(new Date('2027-12-31T22:00:00Z'), NY)).toBe('2027-12-31');
  });
});

describe('the instant of a local date and time', () => {
  it('round-trips ordinary times in several zones', () => {
    const local = { year: 2027, month: 7, day: 4, hour: 18, minute: 5 };
    expect(instantFromZoned(local, MOSCOW).toISOString()).toBe('2027-07-04T15:05:00.000Z');
    expect(instantFromZoned(local, NY).toISOString()).toBe('2027-07-04T22:05:00.000Z');
    expect(instantFromZoned(local, 'Asia/Kolkata').toISOString()).toBe('2027-07-04T12:35:00.000Z');
    expect(instantFromZoned(local, 'UTC').toISOString()).toBe('2027-07-04T18:05:00.000Z');
  });

  it('moves a time that the spring-forward jump skips forward by the gap', () => {
    // New York: 2027-03-14 02:00 EST becomes 03:00 EDT.
    expect(instantFromZoned({ year: 2027, month: 3, day: 14, hour: 2, minute: 30 }, NY).toISOString()).toBe(
      '2027-03-14T07:30:00.000Z',
    );
    expect(zonedParts(new Date('2027-03-14T07:30:00Z'), NY)).toMatchObject({ hour: 3, minute: 30 });
    expect(instantFromZoned({ year: 2027, month: 3, day: 14, hour: 1, minute: 59 }, NY).toISOString()).toBe(
      '2027-03-14T06:59:00.000Z',
    );
    expect(instantFromZoned({ year: 2027, month: 3, day: 14, hour: 3, minute: 0 }, NY).toISOString()).toBe(
      '2027-03-14T07:00:00.000Z',
    );
  });

  it('takes the earlier of a time that the fall-back repeats', () => {
    // New York: 2027-11-07 02:00 EDT becomes 01:00 EST, so 01:30 happens twice.
    expect(instantFromZoned({ year: 2027, month: 11, day: 7, hour: 1, minute: 30 }, NY).toISOString()).toBe(
      '2027-11-07T05:30:00.000Z',
    );
    expect(instantFromZoned({ year: 2027, month: 11, day: 7, hour: 2, minute: 0 }, NY).toISOString()).toBe(
      '2027-11-07T07:00:00.000Z',
    );
  });

  it('handles a whole skipped day and offsets with seconds from the past', () => {
    // Samoa skipped 30 December 2011 when it moved across the date line.
    const skipped = instantFromZoned({ year: 2011, month: 12, day: 30, hour: 12, minute: 0 }, 'Pacific/Apia');
    expect(zonedParts(skipped, 'Pacific/Apia')).toMatchObject({ month: 12, day: 31, hour: 12 });
    // Moscow kept local mean time (+02:30:17) in 1900.
    const old = instantFromZoned({ year: 1900, month: 1, day: 1, hour: 12, minute: 0 }, MOSCOW);
    expect(zonedParts(old, MOSCOW)).toMatchObject({ year: 1900, month: 1, day: 1, hour: 12, minute: 0 });
  });

  it('refuses dates and times that do not exist on any calendar', () => {
    for (const local of [
      { year: 2027, month: 2, day: 29, hour: 0, minute: 0 },
      { year: 2027, month: 13, day: 1, hour: 0, minute: 0 },
      { year: 2027, month: 1, day: 1, hour: 24, minute: 0 },
      { year: 2027, month: 1, day: 1, hour: 23, minute: 60 },
      { year: 2027, month: 1, day: 1.5, hour: 0, minute: 0 },
    ]) {
      expect(() => instantFromZoned(local, MOSCOW)).toThrow(RangeError);
    }
    expect(instantFromZoned({ year: 2028, month: 2, day: 29, hour: 0, minute: 0 }, 'UTC').toISOString()).toBe(
      '2028-02-29T00:00:00.000Z',
    );
  });
});

describe('local day arithmetic', () => {
  it('keeps the wall-clock time across a DST change', () => {
    const saturdayEvening = new Date('2027-03-13T23:00:00Z'); // 18:00 EST
    const sundayEvening = addLocalDays(saturdayEvening, 1, NY);
    expect(sundayEvening.toISOString()).toBe('2027-03-14T22:00:00.000Z'); // 18:00 EDT, 23 hours later
    expect(addLocalDays(sundayEvening, -1, NY)).toEqual(saturdayEvening);
  });

  it('finds the start of the local day, also where the clocks jump over midnight', () => {
    expect(startOfLocalDay(new Date('2027-12-25T15:00:00Z'), MOSCOW).toISOString()).toBe(
      '2027-12-24T21:00:00.000Z',
    );
    // Chile moves from 00:00 to 01:00 on 6 September 2026: that day starts at 01:00.
    const start = startOfLocalDay(new Date('2026-09-06T15:00:00Z'), 'America/Santiago');
    expect(zonedParts(start, 'America/Santiago')).toMatchObject({ day: 6, hour: 1, minute: 0 });
  });

  it('rolls calendar days and months over month and year ends', () => {
    expect(addCalendarDays({ year: 2027, month: 12, day: 31 }, 1)).toEqual({ year: 2028, month: 1, day: 1 });
    expect(addCalendarDays({ year: 2028, month: 3, day: 1 }, -1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addCalendarMonths({ year: 2027, month: 1, day: 31 }, 1)).toEqual({
      year: 2027,
      month: 2,
      day: 28,
    });
    expect(addCalendarDays({ year: 50, month: 2, day: 28 }, 1)).toEqual({ year: 50, month: 3, day: 1 });
    expect(addCalendarMonths({ year: 2027, month: 12, day: 15 }, 1)).toEqual({
      year: 2028,
      month: 1,
      day: 15,
    });
  });
});

describe('reading a clock', () => {
  it('reads HH:MM and H:MM from 00:00 to 23:59', () => {
    expect(parseClock('09:05')).toEqual({ hour: 9, minute: 5 });
    expect(parseClock('9:05')).toEqual({ hour: 9, minute: 5 });
    expect(parseClock(' 23:59 ')).toEqual({ hour: 23, minute: 59 });
    expect(parseClock('0:00')).toEqual({ hour: 0, minute: 0 });
  });

  it('refuses 24:00, 25:61 and anything that is not a clock', () => {
    for (const text of ['24:00', '25:61', '12:60', '12:5', '123:00', '12-00', '', 'noon', '12:00pm']) {
      expect([text, parseClock(text)]).toEqual([text, undefined]);
    }
  });
});

describe('a short local date for display', () => {
  const christmasEvening = new Date('2027-12-25T15:00:00Z');

  it('shows weekday, day, month and time in English and Russian', () => {
    expect(formatLocal(christmasEvening, MOSCOW, 'en')).toBe('Sat 25 Dec 18:00');
    expect(formatLocal(christmasEvening, MOSCOW, 'ru')).toBe('сб 25 дек 18:00');
    expect(formatLocal(new Date('2027-05-03T06:07:00Z'), NY, 'ru')).toBe('пн 3 мая 02:07');
  });

  it('leaves out the time of a whole-day date and adds the year when it is not the current one', () => {
    const now = new Date('2027-11-29T10:00:00Z');
    expect(formatLocal(christmasEvening, MOSCOW, 'en', { time: false, now })).toBe('Sat 25 Dec');
    expect(formatLocal(new Date('2028-01-03T09:00:00Z'), MOSCOW, 'en', { now })).toBe('Mon 3 Jan 2028 12:00');
  });
});

describe('time zones as people type them', () => {
  it('takes any case of a zone and keeps its canonical name', () => {
    expect(canonicalTimeZone('europe/MOSCOW')).toBe('Europe/Moscow');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeUndefined();
    expect(canonicalTimeZone('x'.repeat(65))).toBeUndefined();
  });

  it('remembers no more than the zone database, however many variants of a name arrive', () => {
    const zone = 'America/Argentina/Buenos_Aires';
    const before = timeZoneCacheSize();
    for (let variant = 0; variant < 20_000; variant += 1) {
      const typed = [...zone]
        .map((char, i) => ((variant >> (i % 16)) & 1 ? char.toUpperCase() : char.toLowerCase()))
        .join('');
      expect(zonedParts(new Date(0), typed).year).toBe(1969);
      canonicalTimeZone(`${typed}x${variant}`);
    }
    const after = timeZoneCacheSize();
    expect(after.names - before.names).toBeLessThanOrEqual(1);
    expect(after.formatters - before.formatters).toBeLessThanOrEqual(1);
  });
});
