// How a repetition typed in quick-add and a due date typed beside it fit together:
// - no date: the task is first due at the rule's first occurrence from now ("каждый понедельник"
//   on a Saturday is due on Monday);
// - a date with a time, a rule without one ("в 9 каждый день"): the series keeps that time;
// - a date without a time, a rule with one ("every Monday 10:00 from next week"): that day at the
//   rule's time;
// - both with times: the date as typed, the rule as typed.
import type { DueDateOptions } from './due-date';
import { firstOccurrence } from './next-occurrence';
import { type Recurrence, toRRule } from './recurrence';
import { instantFromZoned, zonedParts } from './time-zone';

export interface TaskRepeat {
  /** The rule as stored: an RFC 5545 RRULE value. */
  rrule: string;
  rule: Recurrence;
}

export interface DueMoment {
  at: Date;
  hasTime: boolean;
}

export function repeatWithDue(
  typed: Recurrence,
  due: DueMoment | undefined,
  options: DueDateOptions,
): { repeat: TaskRepeat; due?: DueMoment } {
  const { now, timeZone, wholeDayClock } = options;
  let rule = typed;
  let first = due;
  if (!due) {
    const at = firstOccurrence(rule, now, timeZone, wholeDayClock);
    first = at ? { at, hasTime: rule.time !== undefined } : undefined;
  } else if (due.hasTime && !rule.time) {
    const { hour, minute } = zonedParts(due.at, timeZone);
    rule = { ...rule, time: { hour, minute } };
  } else if (!due.hasTime && rule.time) {
    first = {
      at: instantFromZoned({ ...zonedParts(due.at, timeZone), ...rule.time }, timeZone),
      hasTime: true,
    };
  }
  const repeat = { rrule: toRRule(rule), rule };
  return first ? { repeat, due: first } : { repeat };
}
