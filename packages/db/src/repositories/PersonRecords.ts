import type { PersonRecordCounts } from '@taskbot/domain/forget-me';
import type { DataSource, EntityManager } from 'typeorm';
import { Chat } from '../entities/Chat';
import { ChatMember } from '../entities/ChatMember';
import { Task } from '../entities/Task';
import { TaskFile } from '../entities/TaskFile';
import { TaskNote } from '../entities/TaskNote';
import { User } from '../entities/User';

// Everything the database keeps about one person, for /forget_me. A person's private chat with the
// bot has their user id as its chat id (Telegram's rule), which is how "their private chat" is found.
//
// Rows naming them, table by table, and what forgetting does to each:
//   users            their row (settings: language, time zone, lead time, digest, quiet hours): deleted
//   chats            their private chat: deleted, with its projects, tasks, and those tasks' notes and
//                    files (ON DELETE CASCADE); group chats do not name people
//   chat_members     their memberships: deleted
//   tasks            of their private chat: deleted (above); in groups, assigned to them: unassigned
//                    (so no reminder goes to them); written by them: kept, author_id null
//   task_notes,      those they wrote on tasks of groups: deleted (a group's task keeps the notes
//   task_files       of others); those of their private chat go with its tasks
// The explicit deletes and updates below do what the foreign keys would do when the users row goes,
// so the counts are exact and nothing rests on a cascade the reader cannot see.

export class PersonRecords {
  constructor(private readonly dataSource: DataSource) {}

  /** What forgetting the person would delete, and the group tasks that would stay. */
  count(userId: number): Promise<PersonRecordCounts> {
    return countRecords(this.dataSource.manager, userId);
  }

  /**
   * Deletes everything about the person in one transaction (all or nothing) and returns what it
   * found: all zeros when they were forgotten already (a second press, a redelivered update).
   */
  erase(userId: number): Promise<PersonRecordCounts> {
    return this.dataSource.transaction(async (manager) => {
      // Their row locked first: two presses at once take turns, and the second finds nothing.
      await manager
        .getRepository(User)
        .findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      const counts = await countRecords(manager, userId);
      await manager.delete(TaskNote, { authorId: userId });
      await manager.delete(TaskFile, { authorId: userId });
      await manager.delete(Task, { chatId: userId });
      const tasks = manager.getRepository(Task);
      // The reminder stays armed; it goes to the author now (see recipientOf), at the time it had.
      await tasks.update({ assigneeId: userId }, { assigneeId: null });
      await tasks.update({ authorId: userId }, { authorId: null });
      await manager.delete(ChatMember, { userId });
      await manager.delete(Chat, { id: userId, type: 'private' });
      await manager.delete(User, { id: userId });
      return counts;
    });
  }
}

async function countRecords(manager: EntityManager, userId: number): Promise<PersonRecordCounts> {
  const tasks = manager.getRepository(Task);
  const inGroups = (alias: string) =>
    tasks
      .createQueryBuilder('task')
      .where(`task.${alias} = :userId`, { userId })
      .andWhere('task.chatId <> :userId', { userId });
  const elsewhere = (entity: typeof TaskNote | typeof TaskFile) =>
    manager
      .getRepository(entity)
      .createQueryBuilder('row')
      .innerJoin(Task, 'task', 'task.id = row.taskId')
      .where('row.authorId = :userId', { userId })
      .andWhere('task.chatId <> :userId', { userId })
      .getCount();
  // One after another: inside a transaction they share one connection anyway.
  return {
    privateTasks: await tasks.countBy({ chatId: userId }),
    notes: await elsewhere(TaskNote),
    files: await elsewhere(TaskFile),
    groups: await manager.getRepository(ChatMember).countBy({ userId }),
    assigned: await inGroups('assigneeId').getCount(),
    authored: await inGroups('authorId').getCount(),
    known: await manager.getRepository(User).existsBy({ id: userId }),
  };
}
