import type { Repository } from 'typeorm';
import type { Task } from '../entities/Task';

/** Open, done since `weekStart`, and overdue tasks of the chat. */
export async function taskStats(
  tasks: Repository<Task>,
  chatId: number,
  now: Date,
  weekStart: Date,
): Promise<{ open: number; done: number; overdue: number }> {
  const [open, done, overdue] = await Promise.all([
    tasks.countBy({ chatId, status: 'open' }),
    tasks
      .createQueryBuilder('task')
      .where('task.chatId = :chatId AND task.status = :done AND task.doneAt >= :weekStart', {
        chatId,
        done: 'done',
        weekStart,
      })
      .getCount(),
    tasks
      .createQueryBuilder('task')
      .where('task.chatId = :chatId AND task.status = :open AND task.dueAt < :now', {
        chatId,
        open: 'open',
        now,
      })
      .getCount(),
  ]);
  return { open, done, overdue };
}

/** Open-task counts per project of the chat (tasks without a project are left out). */
export async function openCountsByProject(
  tasks: Repository<Task>,
  chatId: number,
): Promise<Map<number, number>> {
  const rows = (await tasks
    .createQueryBuilder('task')
    .select('task.projectId', 'projectId')
    .addSelect('COUNT(*)', 'count')
    .where('task.chatId = :chatId AND task.status = :open AND task.projectId IS NOT NULL', {
      chatId,
      open: 'open',
    })
    .groupBy('task.projectId')
    .getRawMany()) as Array<{ projectId: number | string; count: number | string }>;
  return new Map(rows.map((row) => [Number(row.projectId), Number(row.count)]));
}
