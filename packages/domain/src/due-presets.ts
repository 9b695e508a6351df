import type { DuePreset } from './callback-data';
import { findDueDate } from './due-date';
import { addCalendarDays, addLocalDays, instantFromZoned, startOfLocalDay, zonedParts } from './time-zone';

// The due dates of the card's 📅 buttons, in the person's time zone. A button means exactly what
// typing its words in a task means, so the quick-add parser decides: a day without a time is a
// whole-day due date (the end of that day, 23:59 local), and "next week" is next Monday.

const PRESET_WORDS: Record<Exclude<DuePreset, 'none'>, string> = {
  today: 'today',
  tomorrow: 'tomorrow',
  nextWeek: 'next week',
};

export function duePresetInstant(preset: DuePreset, now: Date, timeZone: string): Date | null {
  if (preset === 'none') return null;
  const found = findDueDate(PRESET_WORDS[preset], { now, timeZone });
  if (!found?.ok || found.hasTime) throw new Error(`the due words of "${preset}" do not read as a day`);
  return found.at;
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
