import type { Repository } from 'typeorm';
import type { Task } from '../entities/Task';

/**
 * Gives the task made from this message (tasks.source_message_id) the title the message's edited
 * text gives, unless the task was renamed by hand since, which unlinks it from the message (see
 * TaskBoardRepository.change). The task as it is now with `changed`, or null when no task is linked
 * to the message (it made none, or the task was renamed or moved away).
 */
export async function retitleFromSource(
  tasks: Repository<Task>,
  chatId: number,
  messageId: number,
  title: string,
): Promise<{ task: Task; changed: boolean } | null> {
  const linked = () =>
    tasks
      .createQueryBuilder('task')
      .leftJoinAndSelect('task.assignee', 'assignee')
      .where('task.chatId = :chatId AND task.sourceMessageId = :messageId', { chatId, messageId })
      .getOne();
  const task = await linked();
  if (!task) return null;
  if (task.title === title) return { task, changed: false };
  // Conditional on the link, in one statement: a rename by hand that lands first wins.
  const result = await tasks.update({ id: task.id, chatId, sourceMessageId: messageId }, { title });
  const now = await linked();
  return now ? { task: now, changed: (result.affected ?? 0) > 0 } : null;
}
