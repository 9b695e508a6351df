import type { TaskSnapshot } from './task-snapshot';

// What /undo may do to a task that others may have changed since: it takes back only the fields
// its own change touched, and only while those are still as that change left them. A later edit of
// other fields stays; a later edit of the same fields wins, and the undo says so instead.

/** The fields a change can touch, and the ones that move with each. */
const TOUCHABLE = [
  'title',
  'status',
  'priorityId',
  'projectId',
  'dueAt',
  'assigneeId',
  'recurrence',
] as const;
const MOVES_WITH: Partial<Record<keyof TaskSnapshot, ReadonlyArray<keyof TaskSnapshot>>> = {
  status: ['doneAt'],
  dueAt: ['remindAt'],
  recurrence: ['seriesId'],
};

/** A field as compared: entries kept before a field existed lack it, which means null. */
const fieldOf = (snapshot: TaskSnapshot, field: keyof TaskSnapshot) => snapshot[field] ?? null;

export type UndoRefusal = 'gone' | 'changedSince';

export type UndoPlan = { ok: true; restore: Partial<TaskSnapshot> } | { ok: false; reason: UndoRefusal };

/**
 * How to take back a change that turned `before` into `after`, given the task as it is now (null
 * when it was deleted since): the fields to put back, or why not.
 */
export function planUndoOfChange(
  before: TaskSnapshot,
  after: TaskSnapshot,
  current: TaskSnapshot | null,
): UndoPlan {
  if (!current) return { ok: false, reason: 'gone' };
  const touched = TOUCHABLE.filter((field) => fieldOf(before, field) !== fieldOf(after, field));
  // Already taken back (a retried /undo whose reply failed): nothing more to do, the same answer.
  if (touched.every((field) => fieldOf(current, field) === fieldOf(before, field)))
    return { ok: true, restore: {} };
  if (touched.some((field) => fieldOf(current, field) !== fieldOf(after, field)))
    return { ok: false, reason: 'changedSince' };
  const restore: Partial<TaskSnapshot> = {};
  for (const field of touched) {
    for (const moved of [field, ...(MOVES_WITH[field] ?? [])]) {
      (restore as Record<string, unknown>)[moved] = fieldOf(before, moved);
    }
  }
  return { ok: true, restore };
}

/** Whether the task is as the snapshot has it in every field a change can touch. */
export function isAsSnapshot(current: TaskSnapshot, snapshot: TaskSnapshot): boolean {
  return TOUCHABLE.every((field) => fieldOf(current, field) === fieldOf(snapshot, field));
}
