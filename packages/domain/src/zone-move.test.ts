import { taskAfterZoneChange, type ZoneMove, type ZoneMoveTask } from './zone-move';

const ME = 1;
const OTHER = 2;
const NOW = new Date('2026-12-05T10:00:00Z');
// Moscow is UTC+3, Vladivostok UTC+10, all year.
const MOVE: ZoneMove = {
  personId: ME,
  leadMinutes: 15,
  from: 'Europe/Moscow',
  to: 'Asia/Vladivostok',
  now: NOW,
};

const task = (fields: Partial<ZoneMoveTask>): ZoneMoveTask => ({
  authorId: ME,
  assigneeId: null,
  dueAt: null,
  remindAt: null,
  remindedAt: null,
  ...fields,
});

describe('a task after its person changes time zone', () => {
  it('keeps the instant of a due date with a time, and its reminder the lead time before it', () => {
    const dueAt = new Date('2026-12-06T06:00:00Z'); // 09:00 in Moscow
    const remindAt = new Date('2026-12-06T05:45:00Z');
    expect(taskAfterZoneChange(task({ dueAt, remindAt }), MOVE)).toBeUndefined();
  });

  it('keeps the local date of a whole-day due date, and moves its reminder with it', () => {
    const dueAt = new Date('2026-12-06T20:59:00Z'); // 23:59 in Moscow
    const remindAt = new Date('2026-12-06T20:44:00Z');
    expect(taskAfterZoneChange(task({ dueAt, remindAt }), MOVE)).toEqual({
      dueAt: new Date('2026-12-06T13:59:00Z'), // 23:59 in Vladivostok
      remindAt: new Date('2026-12-06T13:44:00Z'),
    });
  });

  it('moves a snoozed reminder of the person to the same clock in the new zone', () => {
    const dueAt = new Date('2026-12-06T06:00:00Z');
    const remindAt = new Date('2026-12-07T06:00:00Z'); // tomorrow 09:00 in Moscow, after the due time
    expect(taskAfterZoneChange(task({ dueAt, remindAt }), MOVE)).toEqual({
      dueAt,
      remindAt: new Date('2026-12-06T23:00:00Z'), // 09:00 in Vladivostok
    });
  });

  it('leaves reminders already sent, or of someone else, where they are', () => {
    const remindAt = new Date('2026-12-07T06:00:00Z');
    const sent = task({ remindAt, remindedAt: new Date('2026-12-05T09:00:00Z') });
    expect(taskAfterZoneChange(sent, MOVE)).toBeUndefined();
    expect(taskAfterZoneChange(task({ remindAt, assigneeId: OTHER }), MOVE)).toBeUndefined();
    expect(taskAfterZoneChange(task({ remindAt: new Date('2026-12-05T09:00:00Z') }), MOVE)).toBeUndefined();
  });

  it('does not take a whole-day due date of another author as the person’s own', () => {
    const dueAt = new Date('2026-12-06T20:59:00Z');
    expect(taskAfterZoneChange(task({ dueAt, authorId: OTHER, assigneeId: ME }), MOVE)).toBeUndefined();
  });

  it('changes nothing when the zone stays the same', () => {
    const remindAt = new Date('2026-12-07T06:00:00Z');
    expect(taskAfterZoneChange(task({ remindAt }), { ...MOVE, to: MOVE.from })).toBeUndefined();
  });

  it('rings at the local time asked on the day clocks change', () => {
    // Berlin springs forward on 2027-03-28; a reminder for 09:00 that day set in New York time.
    const remindAt = new Date('2027-03-28T13:00:00Z'); // 09:00 in New York (EDT)
    const move = { ...MOVE, from: 'America/New_York', to: 'Europe/Berlin' };
    expect(taskAfterZoneChange(task({ remindAt }), move)?.remindAt).toEqual(
      new Date('2027-03-28T07:00:00Z'), // 09:00 CEST
    );
  });
});
