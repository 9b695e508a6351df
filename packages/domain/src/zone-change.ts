// What a change of a person's time zone does to the moments the bot keeps for them:
// - a task due at a time keeps its instant: "tomorrow 9:00" typed in Moscow was meant as that
//   moment, and it stays that moment (it shows as another clock time in the new zone);
// - a whole-day due date keeps its local date: "Friday" is still Friday, ending at the same local
//   clock (23:59) in the new zone;
// - reminders and the digest are clock times on the person's wall: they move to the same local
//   clock in the new zone. A clock time the new zone skips that day (spring forward) moves
//   forward by the gap, as due dates do; one already past is due at once, as any late reminder.
import type { DueMoment } from './quick-add-repeat';
import { addCalendarDays, type Clock, instantFromZoned, zonedParts } from './time-zone';

/** A due date after the person's zone changes from `from` to `to`. */
export function dueAfterZoneChange(due: DueMoment, from: string, to: string): DueMoment {
  if (due.hasTime) return { at: due.at, hasTime: true };
  return { at: sameWallClock(due.at, from, to), hasTime: false };
}

/**
 * The instant that shows, in zone `to`, the date and clock that `instant` shows in zone `from`.
 * The seconds within the minute stay as they were: a reminder snoozed for 15 minutes at 10:02:40
 * does not come up to a minute early for having moved.
 */
export function sameWallClock(instant: Date, from: string, to: string): Date {
  const withinMinute = ((instant.getTime() % 60_000) + 60_000) % 60_000;
  return new Date(instantFromZoned(zonedParts(instant, from), to).getTime() + withinMinute);
}

/** A pending reminder after the zone change: the same local date and clock in the new zone. */
export function reminderAfterZoneChange(remindAt: Date, from: string, to: string): Date {
  return sameWallClock(remindAt, from, to);
}

/**
 * The next time after `now` that the zone's clocks show `clock`: when the next daily digest (or
 * any daily clock time) is due in the person's zone, new or old.
 */
export function nextAtClock(clock: Clock, now: Date, timeZone: string): Date {
  const today = zonedParts(now, timeZone);
  const todayAt = instantFromZoned({ ...today, ...clock }, timeZone);
  if (todayAt > now) return todayAt;
  return instantFromZoned({ ...addCalendarDays(today, 1), ...clock }, timeZone);
}
