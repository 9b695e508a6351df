import { effectiveSettings, type SettingDefaults } from '@taskbot/domain/effective-settings';
import { taskAfterZoneChange } from '@taskbot/domain/zone-move';
import { Brackets, type DataSource, type Repository } from 'typeorm';
import { Chat } from '../entities/Chat';
import { Task } from '../entities/Task';
import { User } from '../entities/User';
import { stillInChat } from './still-in-chat';

/** Rows a scheduler tick reads at once; it pages on by id until a page comes back short. */
export const REMINDER_PAGE_SIZE = 200;

/**
 * What reminders and digests read and write. Every write that claims or re-arms work is
 * conditional, so concurrent schedulers, handlers and button presses settle on one outcome.
 */
export class ReminderRepository {
  private readonly tasks: Repository<Task>;
  private readonly users: Repository<User>;

  constructor(private readonly dataSource: DataSource) {
    this.tasks = dataSource.getRepository(Task);
    this.users = dataSource.getRepository(User);
  }

  /**
   * Open tasks of active chats whose reminder is due at `now` and not handed to the broker yet, with
   * the chat, the author and the assignee (the person reminded is the assignee, else the author, and
   * nobody for a task whose author was forgotten); one page of them, in id order after `afterId`.
   */
  findDue(now: Date, afterId = 0, limit = REMINDER_PAGE_SIZE): Promise<Task[]> {
    return this.tasks
      .createQueryBuilder('task')
      .innerJoinAndSelect('task.chat', 'chat')
      .leftJoinAndSelect('task.author', 'author')
      .leftJoinAndSelect('task.assignee', 'assignee')
      .where('task.remindAt <= :now', { now })
      .andWhere('task.remindedAt IS NULL')
      .andWhere('task.status = :open', { open: 'open' })
      .andWhere('chat.active = :active', { active: true })
      .andWhere('task.id > :afterId', { afterId })
      .orderBy('task.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** One task with its chat, author and assignee, or null. */
  findTask(taskId: number): Promise<Task | null> {
    return this.tasks.findOne({
      where: { id: taskId },
      relations: { chat: true, author: true, assignee: true },
    });
  }

  /**
   * Records that the reminder due at `remindAt` was handed to the broker. Only when it is still that
   * reminder and nobody recorded it yet: false when a snooze or a new due date re-armed the task
   * meanwhile (the new reminder must still go out) or another scheduler was first.
   */
  async markReminded(taskId: number, remindAt: Date, at: Date): Promise<boolean> {
    // A range of one millisecond rather than equality: JavaScript sees instants to the millisecond,
    // the columns keep microseconds, and a value written with more precision must still match.
    const result = await this.tasks
      .createQueryBuilder()
      .update(Task)
      .set({ remindedAt: at })
      .where('id = :taskId', { taskId })
      .andWhere('reminded_at IS NULL')
      .andWhere('remind_at >= :from AND remind_at < :to', {
        from: remindAt,
        to: new Date(remindAt.getTime() + 1),
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Re-arms the reminder of an open task for `until`; false when the task is not open (or gone). */
  async snooze(taskId: number, until: Date): Promise<boolean> {
    const result = await this.tasks.update(
      { id: taskId, status: 'open' },
      { remindAt: until, remindedAt: null },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * People who chose a digest time and have an active private chat with the bot (the digest goes
   * there, covering all their chats), one page in id order after `afterId`.
   */
  findDigestReaders(afterId = 0, limit = REMINDER_PAGE_SIZE): Promise<User[]> {
    return this.users
      .createQueryBuilder('user')
      .innerJoin(Chat, 'chat', 'chat.id = user.id AND chat.type = :private AND chat.active = :active', {
        private: 'private',
        active: true,
      })
      .where('user.digestTime IS NOT NULL')
      .andWhere('user.id > :afterId', { afterId })
      .orderBy('user.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * The person's open tasks in active chats they are still in that are due before `before` (overdue
   * or due today): those assigned to them, and those they wrote without an assignee. Earliest due first.
   */
  findDigestTasks(userId: number, before: Date, limit = REMINDER_PAGE_SIZE): Promise<Task[]> {
    return this.tasks
      .createQueryBuilder('task')
      .innerJoinAndSelect('task.chat', 'chat')
      .where('task.status = :open', { open: 'open' })
      .andWhere('chat.active = :active', { active: true })
      .andWhere('task.dueAt < :before', { before })
      .andWhere(stillInChat('task', ':userId'), { userId })
      .andWhere(
        new Brackets((person) =>
          person
            .where('task.assigneeId = :userId', { userId })
            .orWhere('(task.assigneeId IS NULL AND task.authorId = :userId)', { userId }),
        ),
      )
      .orderBy('task.dueAt', 'ASC')
      .addOrderBy('task.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * Records that the digest for the local date `date` ('YYYY-MM-DD') is done; false when a digest for
   * that date or a later one was recorded already.
   */
  async markDigestSent(userId: number, date: string): Promise<boolean> {
    const result = await this.users
      .createQueryBuilder()
      .update(User)
      .set({ lastDigestOn: date })
      .where('id = :userId', { userId })
      .andWhere('(last_digest_on IS NULL OR last_digest_on < :date)', { date })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Sets the person's time zone and moves what hangs on their clock with it, in one transaction
   * under a lock on their row (see taskAfterZoneChange): whole-day due dates they wrote keep their
   * local date, and their pending reminders their local clock. The zone they had is the one in
   * effect (chosen, else assumed), so a repeated change to the same zone moves nothing twice.
   * Returns the person as stored now and the zone they had.
   */
  async changeTimeZone(
    userId: number,
    to: string,
    defaults: SettingDefaults,
    now: Date,
  ): Promise<{ user: User; from: string; moved: number }> {
    return this.dataSource.transaction(async (manager) => {
      const users = manager.getRepository(User);
      const user = await users.findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new Error(`user ${userId} is not registered`);
      const { timeZone: from, leadMinutes } = effectiveSettings(user, defaults);
      let moved = 0;
      if (from !== to) {
        const tasks = manager.getRepository(Task);
        const candidates = await tasks
          .createQueryBuilder('task')
          .where('task.status = :open', { open: 'open' })
          .andWhere('(task.dueAt IS NOT NULL OR task.remindAt IS NOT NULL)')
          .andWhere('(task.authorId = :userId OR task.assigneeId = :userId)', { userId })
          .getMany();
        const move = { personId: userId, leadMinutes, from, to, now };
        for (const task of candidates) {
          const after = taskAfterZoneChange(task, move);
          if (!after) continue;
          await tasks.update({ id: task.id }, after);
          moved += 1;
        }
      }
      if (user.timeZone !== to) await users.update({ id: userId }, { timeZone: to });
      return { user: { ...user, timeZone: to }, from, moved };
    });
  }
}
