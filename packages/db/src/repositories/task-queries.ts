import type { Repository, SelectQueryBuilder } from 'typeorm';
import type { Task } from '../entities/Task';

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
