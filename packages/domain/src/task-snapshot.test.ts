import { MAX_FILES_PER_TASK, MAX_NOTE_LENGTH, MAX_NOTES_PER_TASK } from './task-extras';
import {
  deletedSnapshotOf,
  restoredExtras,
  restoredFields,
  type SnapshotTask,
  snapshotOf,
  withoutExtras,
} from './task-snapshot';

const task: SnapshotTask = {
  id: 7,
  chatId: -100,
  title: 'Report',
  status: 'done',
  priorityId: 3,
  projectId: 12,
  dueAt: new Date('2027-04-01T10:00:00.125Z'),
  doneAt: new Date('2027-03-30T08:00:00Z'),
  authorId: 1,
  assigneeId: 2,
  remindAt: new Date('2027-04-01T09:45:00.125Z'),
  sourceUpdateId: 555,
  recurrence: 'FREQ=WEEKLY;BYDAY=MO',
  seriesId: 5,
};

describe('task snapshots for /undo', () => {
  it('keep every field, instants as ISO strings that survive JSON', () => {
    const snapshot = snapshotOf(task);
    expect(snapshot).toEqual({
      ...task,
      dueAt: '2027-04-01T10:00:00.125Z',
      doneAt: '2027-03-30T08:00:00.000Z',
      remindAt: '2027-04-01T09:45:00.125Z',
    });
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('keep empty instants empty', () => {
    expect(snapshotOf({ ...task, dueAt: null, doneAt: null, remindAt: null })).toMatchObject({
      dueAt: null,
      doneAt: null,
      remindAt: null,
    });
  });

  it('put the task back as it was, with its reminder armed again', () => {
    const { id, ...fields } = task;
    expect(id).toBe(7);
    expect(restoredFields(snapshotOf(task))).toEqual({ ...fields, remindedAt: null });
    expect(restoredFields(snapshotOf({ ...task, dueAt: null, remindAt: null }))).toMatchObject({
      dueAt: null,
      remindAt: null,
    });
  });
});

describe('a deleted task’s snapshot for /undo', () => {
  const at = (iso: string) => new Date(iso);
  const note = (id: number, authorId: number | null, text = `note ${id}`) => ({
    id,
    kind: 'note' as const,
    text,
    authorId,
    createdAt: new Date(Date.UTC(2027, 2, id, 10, 0, 0, 125)),
    sourceUpdateId: 900 + id,
    // Rows are entities: what the snapshot does not keep stays out of it.
    taskId: 7,
  });
  const file = (id: number, authorId: number | null) => ({
    id,
    kind: 'document' as const,
    fileId: `BQAC-${id}`,
    fileUniqueId: `AgAD-${id}`,
    fileName: id === 1 ? 'scan.pdf' : null,
    mimeType: id === 1 ? 'application/pdf' : null,
    fileSize: id === 1 ? 52_000 : null,
    authorId,
    createdAt: at('2027-03-05T08:00:00Z'),
    taskId: 7,
  });

  it('keeps the task with its notes and files, every column but the task, oldest first', () => {
    const snapshot = deletedSnapshotOf({ task, notes: [note(2, 2), note(1, 1)], files: [file(1, null)] });
    expect(snapshot).toEqual({
      ...snapshotOf(task),
      notes: [
        {
          id: 1,
          kind: 'note',
          text: 'note 1',
          authorId: 1,
          createdAt: '2027-03-01T10:00:00.125Z',
          sourceUpdateId: 901,
        },
        {
          id: 2,
          kind: 'note',
          text: 'note 2',
          authorId: 2,
          createdAt: '2027-03-02T10:00:00.125Z',
          sourceUpdateId: 902,
        },
      ],
      files: [
        {
          id: 1,
          kind: 'document',
          fileId: 'BQAC-1',
          fileUniqueId: 'AgAD-1',
          fileName: 'scan.pdf',
          mimeType: 'application/pdf',
          fileSize: 52_000,
          authorId: null,
          createdAt: '2027-03-05T08:00:00.000Z',
        },
      ],
    });
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('is the plain task snapshot when the task had neither, as entries kept before notes were', () => {
    const snapshot = deletedSnapshotOf({ task, notes: [], files: [] });
    expect(snapshot).toEqual(snapshotOf(task));
    expect(JSON.stringify(snapshot)).not.toMatch(/notes|files/);
    expect(restoredExtras(snapshot, () => true)).toEqual({ notes: [], files: [] });
  });

  it('stays within a bound the limits set: 20 notes of 4,000 characters and 10 files', () => {
    const longest = '\u0001'.repeat(MAX_NOTE_LENGTH);
    const snapshot = deletedSnapshotOf({
      task,
      notes: Array.from({ length: MAX_NOTES_PER_TASK }, (_, i) => note(i + 1, 1, longest)),
      files: Array.from({ length: MAX_FILES_PER_TASK }, (_, i) => ({
        ...file(i + 1, 1),
        fileId: 'x'.repeat(255),
        fileName: '\u0001'.repeat(255),
        mimeType: '\u0001'.repeat(255),
      })),
    });
    // The worst case ConversationStore's comment counts on: every character escaped to 6 bytes.
    expect(Buffer.byteLength(JSON.stringify(snapshot))).toBeLessThan(530_000);
  });

  it('puts notes and files back with their ids, authors and times; a forgotten author’s stay out', () => {
    const snapshot = deletedSnapshotOf({
      task,
      notes: [note(1, 1), note(2, 2), note(3, null)],
      files: [file(1, 2), file(2, 1)],
    });
    const { notes, files } = restoredExtras(snapshot, (authorId) => authorId === 1);
    const { taskId: _, ...first } = note(1, 1);
    const { taskId: __, ...third } = note(3, null);
    expect(notes).toEqual([first, third]);
    expect(files.map(({ id, authorId, createdAt }) => ({ id, authorId, createdAt }))).toEqual([
      { id: 2, authorId: 1, createdAt: at('2027-03-05T08:00:00Z') },
    ]);
  });

  it('drops its notes and files once they are back, and keeps the task', () => {
    const snapshot = deletedSnapshotOf({ task, notes: [note(1, 1)], files: [file(1, 1)] });
    expect(withoutExtras(snapshot)).toEqual(snapshotOf(task));
  });
});
