import { restoredFields, type SnapshotTask, snapshotOf } from './task-snapshot';

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
