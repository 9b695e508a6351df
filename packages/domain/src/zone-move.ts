// What one task's due date and reminder become when a person's time zone changes, by the rules of
// zone-change.ts. Whole-day due dates are not stored as such: a day without a time is kept as the
// end of that day (23:59) in the zone it was read in, so a due date that shows 23:59 in the old
// zone of its author is taken as a whole day.
import { leadTimeOwner } from './reminder-time';
import { zonedParts } from './time-zone';
import { dueAfterZoneChange, reminderAfterZoneChange } from './zone-change';

export interface ZoneMoveTask {
  authorId: number | null;
  assigneeId: number | null;
  dueAt: Date | null;
  remindAt: Date | null;
  remindedAt: Date | null;
}

export interface ZoneMove {
  /** The person whose zone changed, their lead time, and the zones. */
  personId: number;
  leadMinutes: number;
  from: string;
  to: string;
  now: Date;
}

const WHOLE_DAY = { hour: 23, minute: 59 };

function isWholeDay(dueAt: Date, timeZone: string): boolean {
  const { hour, minute } = zonedParts(dueAt, timeZone);
  return hour === WHOLE_DAY.hour && minute === WHOLE_DAY.minute;
}

/**
 * The task's new due date and reminder, or undefined when the change leaves it as it is. A timed
 * due date keeps its instant; a whole-day one written by the person keeps its local date. A
 * reminder still to come that rings the lead time before the due date keeps doing so; any other
 * (a snooze to "tomorrow 09:00") rings at the same local clock in the new zone, when it is the
 * person's own (they are the assignee, else the author).
 */
export function taskAfterZoneChange(
  task: ZoneMoveTask,
  move: ZoneMove,
): { dueAt: Date | null; remindAt: Date | null } | undefined {
  const { personId, leadMinutes, from, to, now } = move;
  if (from === to) return undefined;
  let dueAt = task.dueAt;
  if (dueAt && task.authorId === personId && isWholeDay(dueAt, from)) {
    dueAt = dueAfterZoneChange({ at: dueAt, hasTime: false }, from, to).at;
  }
  let remindAt = task.remindAt;
  const pending = remindAt !== null && task.remindedAt === null && remindAt > now;
  if (remindAt && pending) {
    const ownLead = leadTimeOwner(task) === personId;
    const fromDue = task.dueAt ? task.dueAt.getTime() - remindAt.getTime() : undefined;
    if (task.dueAt && dueAt && fromDue !== undefined && (fromDue === leadMinutes * 60_000 || !ownLead)) {
      // Tied to the due date (or someone else's): it moves as the due date does.
      remindAt = new Date(remindAt.getTime() + (dueAt.getTime() - task.dueAt.getTime()));
    } else if (ownLead) {
      remindAt = reminderAfterZoneChange(remindAt, from, to);
    }
  }
  const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
  return same(dueAt, task.dueAt) && same(remindAt, task.remindAt) ? undefined : { dueAt, remindAt };
}
