// What /undo keeps of a task: its fields as they were before a change or a delete, as JSON (instants
// as ISO strings), enough to put the task back under its old id.

export interface TaskSnapshot {
  id: number;
  chatId: number;
  title: string;
  status: 'open' | 'done';
  priorityId: number;
  projectId: number | null;
  dueAt: string | null;
  doneAt: string | null;
  /** Null once the author was forgotten. */
  authorId: number | null;
  assigneeId: number | null;
  remindAt: string | null;
  sourceUpdateId: number | null;
  /** The repetition (an RRULE value) and its series; absent in entries kept before tasks repeated. */
  recurrence?: string | null;
  seriesId?: number | null;
}

/** A task as the database gives it: the snapshot's fields with instants as dates. */
export interface SnapshotTask extends Omit<TaskSnapshot, 'dueAt' | 'doneAt' | 'remindAt'> {
  dueAt: Date | null;
  doneAt: Date | null;
  remindAt: Date | null;
}

export function snapshotOf(task: SnapshotTask): TaskSnapshot {
  return {
    id: task.id,
    chatId: task.chatId,
    title: task.title,
    status: task.status,
    priorityId: task.priorityId,
    projectId: task.projectId,
    dueAt: task.dueAt?.toISOString() ?? null,
    doneAt: task.doneAt?.toISOString() ?? null,
    authorId: task.authorId,
    assigneeId: task.assigneeId,
    remindAt: task.remindAt?.toISOString() ?? null,
    sourceUpdateId: task.sourceUpdateId,
    recurrence: task.recurrence ?? null,
    seriesId: task.seriesId ?? null,
  };
}

/**
 * The fields a restored task gets (all but its id): as the snapshot says, with the reminder armed
 * again (`remindedAt` cleared), so a reminder not yet due still rings. Whether its project still
 * exists is for the caller to check.
 */
export function restoredFields(snapshot: TaskSnapshot): Omit<
  SnapshotTask,
  'id' | 'recurrence' | 'seriesId'
> & {
  remindedAt: null;
  recurrence: string | null;
  seriesId: number | null;
} {
  const instant = (iso: string | null) => (iso ? new Date(iso) : null);
  return {
    chatId: snapshot.chatId,
    title: snapshot.title,
    status: snapshot.status,
    priorityId: snapshot.priorityId,
    projectId: snapshot.projectId,
    dueAt: instant(snapshot.dueAt),
    doneAt: instant(snapshot.doneAt),
    authorId: snapshot.authorId,
    assigneeId: snapshot.assigneeId,
    remindAt: instant(snapshot.remindAt),
    remindedAt: null,
    sourceUpdateId: snapshot.sourceUpdateId,
    recurrence: snapshot.recurrence ?? null,
    seriesId: snapshot.seriesId ?? null,
  };
}
