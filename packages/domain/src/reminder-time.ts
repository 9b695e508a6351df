// When a task's reminder rings: its due time minus a lead time. Whose lead time is a rule of its
// own: the person the task is for, not whoever happens to change it.

/**
 * The user whose lead time a task's reminder uses: the assignee, else the author; null for a task
 * of nobody's (its author was forgotten and nobody is assigned), which takes the default.
 */
export function leadTimeOwner(task: { authorId: number | null; assigneeId: number | null }): number | null {
  return task.assigneeId ?? task.authorId;
}

/** The owner's own lead time when they chose one (or the owner is unknown: null), else the default. */
export function leadMinutesFor(chosen: number | null | undefined, defaultLeadMinutes: number): number {
  return chosen ?? defaultLeadMinutes;
}

/** When to remind of a task due at `dueAt`; null for a task with no due time. */
export function remindAtFor(dueAt: Date | null, leadMinutes: number): Date | null {
  return dueAt ? new Date(dueAt.getTime() - leadMinutes * 60_000) : null;
}
