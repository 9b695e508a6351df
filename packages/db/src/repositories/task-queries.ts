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
  task: { authorId: number | null; assigneeId: number | null },
  defaultLeadMinutes: number,
): Promise<number> {
  const owner = leadTimeOwner(task);
  // Checked here: TypeORM reads a null in `where` as no condition at all, which finds anyone.
  const user =
    owner === null
      ? null
      : await manager.getRepository(User).findOne({
          where: { id: owner },
          select: { id: true, reminderLeadMinutes: true },
        });
  return leadMinutesFor(user?.reminderLeadMinutes, defaultLeadMinutes);
}

/**
 * The people a snapshot names, as far as they are still known: an undo kept in someone's history
 * may name a person who was forgotten since, and the task comes back without them.
 */
export async function stillKnown(
  manager: EntityManager,
  people: Partial<Pick<TaskSnapshot, 'authorId' | 'assigneeId'>>,
): Promise<Partial<Pick<TaskSnapshot, 'authorId' | 'assigneeId'>>> {
  const known: Partial<Pick<TaskSnapshot, 'authorId' | 'assigneeId'>> = {};
  for (const field of ['authorId', 'assigneeId'] as const) {
    if (!(field in people)) continue;
    const id = people[field] ?? null;
    known[field] = id !== null && (await manager.getRepository(User).existsBy({ id })) ? id : null;
  }
  return known;
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
  const values: Partial<Task> = { ...plain, ...(await stillKnown(tasks.manager, plain)) };
  if ('dueAt' in restore) values.dueAt = instant(dueAt);
  if ('doneAt' in restore) values.doneAt = instant(doneAt);
  if ('remindAt' in restore) Object.assign(values, { remindAt: instant(remindAt), remindedAt: null });
  if (Object.keys(values).length > 0) await tasks.update(key, values);
}
