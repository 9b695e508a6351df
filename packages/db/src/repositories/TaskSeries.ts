import { remindAtFor } from '@taskbot/domain/reminder-time';
import { snapshotOf, type TaskSnapshot } from '@taskbot/domain/task-snapshot';
import { isAsSnapshot, planUndoOfChange, type UndoPlan } from '@taskbot/domain/undo';
import { Brackets, type DataSource } from 'typeorm';
import { Task } from '../entities/Task';
import { User } from '../entities/User';
import { applyRestore, findWithAssignee, leadMinutesOf, lockedTask } from './task-queries';

/** What the caller decides about the next occurrence: when it is due (undefined: none). */
export type PlanNext = (task: Task, series: { start: Date | null; author: User | null }) => Date | undefined;

export interface Completion {
  before: Task;
  after: Task;
  /** False when the task was done already: nothing changed and nothing was made. */
  changed: boolean;
  /** The occurrence this completion made, when it made one. */
  next: Task | null;
}

// A repeating task is a series of occurrences, one open at a time: completing one makes the next
// (same title, project, priority, assignee and rule; the due date is the caller's to compute, by the
// domain's rule). `series_id` names the series' first task (null on that first task itself), and
// `next_of_task_id` the occurrence a task follows, unique, so each occurrence is followed once.
export class TaskSeries {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Marks the task done and makes its next occurrence, in one transaction on the locked row: of two
   * completions at once (two presses, two replicas, a redelivery) the second finds it done and makes
   * nothing. Should anything get past the lock, the unique next_of_task_id refuses a second next
   * occurrence and the whole completion rolls back, to be retried and find the task done. A task
   * reopened by hand and done again keeps the next occurrence it made the first time.
   */
  complete(
    chatId: number,
    taskId: number,
    planNext: PlanNext,
    defaultLeadMinutes: number,
  ): Promise<Completion | null> {
    return this.dataSource.transaction(async (manager) => {
      const tasks = manager.getRepository(Task);
      const before = await lockedTask(tasks, { id: taskId, chatId });
      if (!before) return null;
      if (before.status === 'done') return { before, after: before, changed: false, next: null };
      await tasks.update({ id: taskId, chatId }, { status: 'done', doneAt: new Date() });
      const after = await findWithAssignee(tasks, { id: taskId, chatId });
      if (!after) throw new Error(`task ${taskId} vanished while it was locked`);
      const seriesId = before.seriesId ?? before.id;
      const first =
        seriesId === before.id ? before : await tasks.findOne({ where: { id: seriesId, chatId } });
      // A task whose author was forgotten is read in the default zone (a null id would find anyone).
      const author =
        before.authorId === null
          ? null
          : await manager.getRepository(User).findOneBy({ id: before.authorId });
      const dueAt = before.recurrence
        ? planNext(before, { start: first?.dueAt ?? before.dueAt, author })
        : undefined;
      if (!dueAt || (await tasks.existsBy({ nextOfTaskId: taskId })))
        return { before, after, changed: true, next: null };
      const lead = await leadMinutesOf(manager, before, defaultLeadMinutes);
      const values = {
        chatId,
        title: before.title,
        status: 'open' as const,
        priorityId: before.priorityId,
        projectId: before.projectId,
        authorId: before.authorId,
        assigneeId: before.assigneeId,
        dueAt,
        remindAt: remindAtFor(dueAt, lead),
        recurrence: before.recurrence,
        seriesId,
        nextOfTaskId: taskId,
      };
      const { identifiers } = await tasks.insert(values);
      const next = await findWithAssignee(tasks, { id: Number(identifiers[0]?.id), chatId });
      return { before, after, changed: true, next };
    });
  }

  /**
   * Takes back a completion that made `next`: the task reopens (as planUndoOfChange says) and the
   * occurrence it made goes, both or neither, and only while that occurrence is as it was made (a
   * person may have started on it: then the undo refuses, as for any task changed since).
   */
  undoCompletion(
    chatId: number,
    before: TaskSnapshot,
    after: TaskSnapshot,
    next: TaskSnapshot,
  ): Promise<UndoPlan> {
    return this.dataSource.transaction(async (manager) => {
      const tasks = manager.getRepository(Task);
      const current = await lockedTask(tasks, { id: before.id, chatId });
      const plan = planUndoOfChange(before, after, current ? snapshotOf(current) : null);
      if (!plan.ok) return plan;
      const made = await lockedTask(tasks, { id: next.id, chatId });
      if (made && !isAsSnapshot(snapshotOf(made), next)) return { ok: false, reason: 'changedSince' };
      if (made) await tasks.delete({ id: next.id, chatId });
      await applyRestore(tasks, { id: before.id, chatId }, plan.restore);
      return plan;
    });
  }

  /**
   * Deletes the task and the open occurrences of its series (done ones stay, as the record of what
   * was done); returns what was deleted, the task first, or null when it was gone already.
   */
  removeSeries(chatId: number, taskId: number): Promise<Task[] | null> {
    return this.dataSource.transaction(async (manager) => {
      const tasks = manager.getRepository(Task);
      const task = await lockedTask(tasks, { id: taskId, chatId });
      if (!task) return null;
      const seriesId = task.seriesId ?? task.id;
      const others = await tasks
        .createQueryBuilder('task')
        .setLock('pessimistic_write')
        .where('task.chatId = :chatId AND task.status = :open AND task.id <> :taskId', {
          chatId,
          open: 'open',
          taskId,
        })
        .andWhere(
          new Brackets((series) =>
            series.where('task.id = :seriesId OR task.seriesId = :seriesId', { seriesId }),
          ),
        )
        .getMany();
      const removed = [task, ...others];
      await tasks.delete(removed.map((one) => one.id));
      return removed;
    });
  }
}
