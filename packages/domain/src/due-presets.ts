import type { DuePreset } from './callback-data';
import { addCalendarDays, addLocalDays, instantFromZoned, startOfLocalDay, zonedParts } from './time-zone';

// The due dates of the card's 📅 buttons, in the person's time zone. A date without a time of day
// means "by the end of that day", so it is stored as 23:59 local: a task due today is not overdue
// before the day is over.

export const END_OF_DAY = { hour: 23, minute: 59 };

export function duePresetInstant(preset: DuePreset, now: Date, timeZone: string): Date | null {
  if (preset === 'none') return null;
  const days = preset === 'today' ? 0 : preset === 'tomorrow' ? 1 : 7;
  const date = addCalendarDays(zonedParts(now, timeZone), days);
  return instantFromZoned({ ...date, ...END_OF_DAY }, timeZone);
}

/** [start, end) of the person's current local day, for the "today" list. */
export function localDayRange(now: Date, timeZone: string): { start: Date; end: Date } {
  const start = startOfLocalDay(now, timeZone);
  return { start, end: startOfLocalDay(addLocalDays(start, 1, timeZone), timeZone) };
}

/** The start of the person's local week (Monday), for "done this week". */
export function startOfLocalWeek(now: Date, timeZone: string): Date {
  const parts = zonedParts(now, timeZone);
  const monday = addCalendarDays(parts, 1 - parts.weekday);
  return instantFromZoned({ ...monday, hour: 0, minute: 0 }, timeZone);
}
