// What a repeating task's series does with its rule (the rule itself: recurrence.ts, its dates:
// next-occurrence.ts): the rule a 🔁 button sets, and the due date of the occurrence that follows
// a completed one.
import type { RepeatPreset } from './callback-data';
import { nextOccurrence } from './next-occurrence';
import { repeatWithDue, type TaskRepeat } from './quick-add-repeat';
import type { Recurrence } from './recurrence';
import { type Clock, zonedParts } from './time-zone';

const WHOLE_DAY: Clock = { hour: 23, minute: 59 };

/** Whether a due date is a whole day (due at the whole-day clock, as a date typed without a time). */
export function isWholeDay(dueAt: Date, timeZone: string, wholeDayClock: Clock = WHOLE_DAY): boolean {
  const local = zonedParts(dueAt, timeZone);
  return local.hour === wholeDayClock.hour && local.minute === wholeDayClock.minute;
}

/**
 * The rule a 🔁 preset sets on a task, and the due date its series then starts at: the task's own
 * due date when it has one (a weekly or monthly rule repeats its weekday or day of the month, a
 * due time becomes the rule's), else the rule's first occurrence from now. Undefined for `none`.
 */
export function repeatFromPreset(
  preset: RepeatPreset,
  dueAt: Date | null,
  now: Date,
  timeZone: string,
): { repeat: TaskRepeat; dueAt: Date | null } | undefined {
  if (preset === 'none') return undefined;
  const day = zonedParts(dueAt ?? now, timeZone);
  const weekday = ((new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7) + 1;
  const rules: Record<Exclude<RepeatPreset, 'none'>, Recurrence> = {
    daily: { frequency: 'daily', interval: 1 },
    weekdays: { frequency: 'weekly', interval: 1, weekdays: [1, 2, 3, 4, 5] },
    weekly: { frequency: 'weekly', interval: 1, weekdays: [weekday] },
    monthly: { frequency: 'monthly', interval: 1, monthDay: day.day },
  };
  return repeatOnTask(rules[preset], dueAt, now, timeZone);
}

/** A rule given to an existing task (by a preset or a phrase): see repeatFromPreset. */
export function repeatOnTask(
  rule: Recurrence,
  dueAt: Date | null,
  now: Date,
  timeZone: string,
): { repeat: TaskRepeat; dueAt: Date | null } {
  const due = dueAt ? { at: dueAt, hasTime: !isWholeDay(dueAt, timeZone) } : undefined;
  const set = repeatWithDue(rule, due, { now, timeZone });
  return { repeat: set.repeat, dueAt: set.due?.at ?? dueAt };
}

/**
 * When the occurrence after a completed one is due: the rule's first date after the completed
 * one's due date, or after now when that is past (a daily task done three days late is next due
 * tomorrow, not three times today). The series keeps the phase of its start (every 2 weeks counts
 * from it). Undefined when the rule has no date in the next ten years, or there is no rule.
 */
export function nextDueOf(
  task: { recurrence: string | null; dueAt: Date | null },
  seriesStart: Date | null,
  now: Date,
  timeZone: string,
): Date | undefined {
  if (!task.recurrence) return undefined;
  const after = task.dueAt && task.dueAt > now ? task.dueAt : now;
  const start = seriesStart ?? task.dueAt ?? now;
  return nextOccurrence(task.recurrence, after, timeZone, { start });
}
