import { dueAfterZoneChange, nextAtClock, reminderAfterZoneChange } from './zone-change';

const MOSCOW = 'Europe/Moscow';
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

describe("changing a person's zone", () => {
  it('keeps the instant of a task due at a time', () => {
    // "tomorrow 9:00" typed in Moscow: 06:00 UTC, which is 07:00 in Berlin after the change.
    const due = { at: new Date('2026-12-06T06:00:00Z'), hasTime: true };
    expect(dueAfterZoneChange(due, MOSCOW, BERLIN)).toEqual(due);
  });

  it('keeps the local date of a whole-day due date, ending at the same local clock', () => {
    // Friday 11 December, whole day: 23:59 in Moscow, then 23:59 in New York.
    const due = { at: new Date('2026-12-11T20:59:00Z'), hasTime: false };
    expect(dueAfterZoneChange(due, MOSCOW, NEW_YORK)).toEqual({
      at: new Date('2026-12-12T04:59:00Z'),
      hasTime: false,
    });
  });

  it('keeps the local date of a whole-day due date on a daylight-saving day', () => {
    // Sunday 29 March 2026, the day Berlin's clocks go forward: 23:59 CEST there.
    const due = { at: new Date('2026-03-29T20:59:00Z'), hasTime: false };
    expect(dueAfterZoneChange(due, MOSCOW, BERLIN)).toEqual({
      at: new Date('2026-03-29T21:59:00Z'),
      hasTime: false,
    });
  });

  it('moves a pending reminder to the same local clock in the new zone', () => {
    // 9:00 in Moscow on 7 December becomes 9:00 in New York.
    expect(reminderAfterZoneChange(new Date('2026-12-07T06:00:00Z'), MOSCOW, NEW_YORK)).toEqual(
      new Date('2026-12-07T14:00:00Z'),
    );
  });

  it('moves a reminder into a clock time the new zone skips forward by the gap', () => {
    // 02:30 on 8 March 2026 does not happen in New York: 03:30 EDT.
    expect(reminderAfterZoneChange(new Date('2026-03-07T23:30:00Z'), MOSCOW, NEW_YORK)).toEqual(
      new Date('2026-03-08T07:30:00Z'),
    );
  });

  it('finds the next digest time in the new zone, across a daylight-saving change', () => {
    const nine = { hour: 9, minute: 0 };
    // Saturday 7 March 2026 10:00 in New York: the next 9:00 is Sunday's, on EDT already.
    expect(nextAtClock(nine, new Date('2026-03-07T15:00:00Z'), NEW_YORK)).toEqual(
      new Date('2026-03-08T13:00:00Z'),
    );
    // Before 9:00 it is today's.
    expect(nextAtClock(nine, new Date('2026-03-07T13:00:00Z'), NEW_YORK)).toEqual(
      new Date('2026-03-07T14:00:00Z'),
    );
    // In Kamchatka 9:00 on 6 December is 21:00 UTC on the 5th.
    expect(nextAtClock(nine, new Date('2026-12-05T12:00:00Z'), 'Asia/Kamchatka')).toEqual(
      new Date('2026-12-05T21:00:00Z'),
    );
  });

  it('keeps the seconds of a reminder within its minute', () => {
    // 10:02:40.5 in Moscow is 10:02:40.5 in Berlin.
    expect(
      reminderAfterZoneChange(new Date('2026-12-05T07:02:40.500Z'), 'Europe/Moscow', 'Europe/Berlin'),
    ).toEqual(new Date('2026-12-05T09:02:40.500Z'));
  });
});
