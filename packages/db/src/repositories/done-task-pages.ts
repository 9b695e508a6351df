import type { Repository } from 'typeorm';
import type { Task } from '../entities/Task';
import { withAssignee } from './task-queries';

export interface DonePageQuery {
  chatId: number;
  page: number;
  pageSize: number;
}

/**
 * One page of the chat's done tasks (with assignees), newest done first; the chat's history. Always
 * of one chat: the list is per chat by construction, whatever a button's data says. Every way to
 * done sets the done time; a done task without one (none is written so) would come first on
 * PostgreSQL and last on MySQL, which sort NULLs differently.
 */
export async function doneTaskPage(
  tasks: Repository<Task>,
  query: DonePageQuery,
): Promise<{ tasks: Task[]; total: number }> {
  // limit/offset, not take/skip: one assignee per task, and take cannot order by an expression.
  const [page, total] = await withAssignee(tasks)
    .where('task.chatId = :chatId', { chatId: query.chatId })
    .andWhere("task.status = 'done'")
    // Every way to done sets done_at, so the index (chat_id, status, done_at) gives the order.
    .orderBy('task.doneAt', 'DESC')
    .addOrderBy('task.id', 'DESC')
    .limit(query.pageSize)
    .offset(query.page * query.pageSize)
    .getManyAndCount();
  return { tasks: page, total };
}
