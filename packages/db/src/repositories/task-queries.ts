import { leadMinutesFor, leadTimeOwner } from '@taskbot/domain/reminder-time';
import type { TaskSnapshot } from '@taskbot/domain/task-snapshot';
import type { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import type { Task } from '../entities/Task';
import { User } from '../entities/User';

/**
 * A query for tasks with their assignee in a single statement. (TypeORM's `findOne` with `relations`
 * costs two: it pages the ids first.)
 */
export function withAssignee(tasks: Repository<Task>): SelectQueryBuilder<Task> {
  return tasks.createQueryBuilder('task').leftJoinAndSelect('task.assignee', 'assignee');
}

export function findWithAssignee(
  tasks: Repository<Task>,
  key: { id: number; chatId: number },
): Promise<Task | null> {
  return withAssignee(tasks).where('task.id = :id AND task.chatId = :chatId', key).getOne();
}

/** The task, locked for update until the transaction `tasks` belongs to ends; null when it is gone. */
export function lockedTask(
  tasks: Repository<Task>,
  key: { id: number; chatId: number },
): Promise<Task | null> {
  return tasks.findOne({ where: key, lock: { mode: 'pessimistic_write' } });
}

/** Minutes before the due time to remind, by the domain's rule (see reminder-time) from the owner's setting. */
export async function leadMinutesOf(
  manager: EntityManager,
  task: { authorId: number; assigneeId: number | null },
  defaultLeadMinutes: number,
): Promise<number> {
  const user = await manager.getRepository(User).findOne({
    where: { id: leadTimeOwner(task) },
    select: { id: true, reminderLeadMinutes: true },
  });
  return leadMinutesFor(user?.reminderLeadMinutes, defaultLeadMinutes);
}

/**
 * Writes back the fields an undo plan restores (instants from their ISO form). A reminder moved
 * back is armed again, as a restored task's is.
 */
export async function applyRestore(
  tasks: Repository<Task>,
  key: { id: number; chatId: number },
  restore: Partial<TaskSnapshot>,
): Promise<void> {
  const instant = (iso: string | null | undefined) => (iso ? new Date(iso) : null);
  const { dueAt, doneAt, remindAt, ...plain } = restore;
  const values: Partial<Task> = { ...plain };
  if ('dueAt' in restore) values.dueAt = instant(dueAt);
  if ('doneAt' in restore) values.doneAt = instant(doneAt);
  if ('remindAt' in restore) Object.assign(values, { remindAt: instant(remindAt), remindedAt: null });
  if (Object.keys(values).length > 0) await tasks.update(key, values);
}
