import type { TaskSnapshot } from './task-snapshot';
import { planUndoOfChange } from './undo';

const task: TaskSnapshot = {
  id: 7,
  chatId: -100,
  title: 'Salary review',
  status: 'open',
  priorityId: 2,
  projectId: null,
  dueAt: '2026-12-10T09:00:00.000Z',
  doneAt: null,
  authorId: 1,
  assigneeId: 2,
  remindAt: '2026-12-10T08:45:00.000Z',
  sourceUpdateId: 40,
};
const done = { ...task, status: 'done' as const, doneAt: '2026-12-04T10:00:00.000Z' };

describe('taking back a change', () => {
  it('puts back only the fields the change touched, with what moves with them', () => {
    const renamedSince = { ...done, title: 'Salary review (Q1)' };
    expect(planUndoOfChange(task, done, renamedSince)).toEqual({
      ok: true,
      restore: { status: 'open', doneAt: null },
    });
  });

  it('refuses when those fields changed again since', () => {
    const raised = { ...task, priorityId: 4 };
    const loweredSince = { ...task, priorityId: 3 };
    expect(planUndoOfChange(task, raised, loweredSince)).toEqual({ ok: false, reason: 'changedSince' });
  });

  it('refuses when the task is gone', () => {
    expect(planUndoOfChange(task, done, null)).toEqual({ ok: false, reason: 'gone' });
  });

  it('moves the reminder back with the due date', () => {
    const moved = { ...task, dueAt: '2026-12-11T09:00:00.000Z', remindAt: '2026-12-11T08:45:00.000Z' };
    expect(planUndoOfChange(task, moved, moved)).toEqual({
      ok: true,
      restore: { dueAt: task.dueAt, remindAt: task.remindAt },
    });
  });

  it('takes back a repetition set by the 🔁 button together with its series', () => {
    const repeating = { ...task, recurrence: 'FREQ=DAILY', seriesId: 7 };
    expect(planUndoOfChange(task, repeating, { ...repeating, title: 'Renamed' })).toEqual({
      ok: true,
      restore: { recurrence: null, seriesId: null },
    });
  });

  it('reads a snapshot kept before tasks repeated as one without a repetition', () => {
    const current = { ...done, recurrence: null, seriesId: null };
    expect(planUndoOfChange(task, done, current)).toEqual({
      ok: true,
      restore: { status: 'open', doneAt: null },
    });
  });

  it('does nothing more, and succeeds, when the change was taken back already (a retried /undo)', () => {
    expect(planUndoOfChange(task, done, task)).toEqual({ ok: true, restore: {} });
  });
});
