import type { TaskFileKind, TaskNoteKind } from './task-extras';

// What /undo keeps of a task: its fields as they were before a change or a delete, as JSON (instants
// as ISO strings), enough to put the task back under its old id. A delete keeps the task's notes
// and files too (the database deletes them with the task), to be put back with it.

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

/** A note as a deleted task's undo keeps it: every column but its task (the snapshot it sits in). */
export interface NoteSnapshot {
  id: number;
  kind: TaskNoteKind;
  text: string;
  authorId: number | null;
  createdAt: string;
  sourceUpdateId: number | null;
}

/** A file as a deleted task's undo keeps it: every column but its task. */
export interface FileSnapshot {
  id: number;
  kind: TaskFileKind;
  fileId: string;
  fileUniqueId: string;
  fileName: string | null;
  mimeType: string | null;
  fileSize: number | null;
  authorId: number | null;
  createdAt: string;
}

/**
 * A deleted task as its undo keeps it: the task, and the notes and files deleted with it, oldest
 * first. Either list is absent when the task had none, and in entries kept before tasks had them.
 * Their size is bounded by the limits of task-extras (see ConversationStore for what that costs).
 */
export interface DeletedTaskSnapshot extends TaskSnapshot {
  notes?: NoteSnapshot[];
  files?: FileSnapshot[];
}

/** A note or a file row as the database gives it: the snapshot's fields with `createdAt` a date. */
type Dated<T> = Omit<T, 'createdAt'> & { createdAt: Date };
export type NoteRow = Dated<NoteSnapshot>;
export type FileRow = Dated<FileSnapshot>;

/** A task the database deleted, with the notes and files that went with it. */
export interface DeletedTask {
  task: SnapshotTask;
  notes: NoteRow[];
  files: FileRow[];
}

export function deletedSnapshotOf({ task, notes, files }: DeletedTask): DeletedTaskSnapshot {
  const snapshot: DeletedTaskSnapshot = snapshotOf(task);
  // Only the columns (rows may be entities carrying more), in id order: restored, they list as before.
  const byId = <T extends { id: number }>(rows: T[]) => [...rows].sort((a, b) => a.id - b.id);
  if (notes.length > 0)
    snapshot.notes = byId(notes).map((note) => ({
      id: note.id,
      kind: note.kind,
      text: note.text,
      authorId: note.authorId,
      createdAt: note.createdAt.toISOString(),
      sourceUpdateId: note.sourceUpdateId,
    }));
  if (files.length > 0)
    snapshot.files = byId(files).map((file) => ({
      id: file.id,
      kind: file.kind,
      fileId: file.fileId,
      fileUniqueId: file.fileUniqueId,
      fileName: file.fileName,
      mimeType: file.mimeType,
      fileSize: file.fileSize,
      authorId: file.authorId,
      createdAt: file.createdAt.toISOString(),
    }));
  return snapshot;
}

/** The task alone, for a record that no longer needs what went with it (the rows are back). */
export function withoutExtras({ notes: _, files: __, ...task }: DeletedTaskSnapshot): TaskSnapshot {
  return task;
}

/**
 * The notes and files to put back with a restored task, as rows with their original ids, authors
 * and times. One whose author was forgotten since (`isKnown` says no) stays out: /forget_me deletes
 * a person's notes and files on the tasks of groups (PersonRecords), so one kept in somebody
 * else's undo history comes back no more than it would have stayed. Rows that had no author keep none.
 */
export function restoredExtras(
  snapshot: DeletedTaskSnapshot,
  isKnown: (authorId: number) => boolean,
): { notes: NoteRow[]; files: FileRow[] } {
  const kept = <T extends { authorId: number | null; createdAt: string }>(rows: T[] = []) =>
    rows
      .filter((row) => row.authorId === null || isKnown(row.authorId))
      .map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
  return { notes: kept(snapshot.notes), files: kept(snapshot.files) };
}
