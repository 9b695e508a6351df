import { DEFAULT_PRIORITY_ID } from '@taskbot/domain/priority';
import { leadMinutesFor, leadTimeOwner, remindAtFor } from '@taskbot/domain/reminder-time';
import { restoredFields, snapshotOf, type TaskSnapshot } from '@taskbot/domain/task-snapshot';
import { assertTitle } from '@taskbot/domain/task-title';
import { planUndoOfChange, type UndoPlan } from '@taskbot/domain/undo';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { ChatMember } from '../entities/ChatMember';
import { Project } from '../entities/Project';
import { Task } from '../entities/Task';
import { User } from '../entities/User';
import { isUniqueViolation } from '../unique-violation';
import { type ListQuery, OpenTaskPages } from './OpenTaskPages';
import { stillInChat } from './still-in-chat';
import { findWithAssignee, lockedTask, withAssignee } from './task-queries';
import { retitleFromSource } from './task-source';

// The task manager's reads and writes of tasks. Lists read tasks (and assignees) only: priorities
// are code and projects come from the ReferenceCache, so a warm list costs no query on those tables.
// The rules (title limit, lead time, what a snapshot keeps) are the domain's; this file persists.

export interface NewTask {
  chatId: number;
  authorId: number;
  title: string;
  sourceUpdateId: number;
  /** The message whose text this is: editing it renames the task (see retitleFromSource). */
  sourceMessageId?: number;
  priorityId?: number;
  projectId?: number;
  dueAt?: Date;
  assigneeId?: number;
  /** Lead time for people who chose none (see `leadMinutesOf`). */
  defaultLeadMinutes: number;
}

export interface TaskPatch {
  status?: 'open' | 'done';
  priorityId?: number;
  projectId?: number | null;
  dueAt?: Date | null;
  title?: string;
}

/** Minutes before the due time to remind, by the domain's rule (see reminder-time) from the owner's setting. */
async function leadMinutesOf(
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

export class TaskBoardRepository {
  private readonly tasks: Repository<Task>;
  private readonly openPages: OpenTaskPages;

  constructor(private readonly dataSource: DataSource) {
    this.tasks = dataSource.getRepository(Task);
    this.openPages = new OpenTaskPages(dataSource);
  }

  /** One page of open tasks by the filter: most urgent first, then by due date (none last), then oldest. */
  listOpen(query: ListQuery): Promise<{ tasks: Task[]; total: number }> {
    return this.openPages.list(query);
  }

  /** Open tasks of the chat whose title holds every word (case-insensitively), newest first. */
  search(chatId: number, words: string[], limit: number): Promise<Task[]> {
    const builder = this.tasks
      .createQueryBuilder('task')
      .leftJoinAndSelect('task.assignee', 'assignee')
      .where('task.chatId = :chatId', { chatId });
    words.slice(0, 10).forEach((word, index) => {
      const escaped = word.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`);
      builder.andWhere(`LOWER(task.title) LIKE :w${index}`, { [`w${index}`]: `%${escaped}%` });
    });
    return builder.orderBy('task.status', 'DESC').addOrderBy('task.id', 'DESC').limit(limit).getMany();
  }

  /**
   * Open tasks assigned to the user in every chat they are still in (or in `onlyChatId`), most
   * urgent first: a group they left (or were removed from) shows nothing of itself here.
   */
  listAssigned(userId: number, limit: number, onlyChatId?: number): Promise<Task[]> {
    const query = this.tasks
      .createQueryBuilder('task')
      .leftJoinAndSelect('task.assignee', 'assignee')
      .where('task.assigneeId = :userId', { userId })
      .andWhere('task.status = :status', { status: 'open' })
      .andWhere(stillInChat('task', ':userId'));
    if (onlyChatId !== undefined) query.andWhere('task.chatId = :onlyChatId', { onlyChatId });
    return query
      .orderBy('task.priorityId', 'DESC')
      .addOrderBy('CASE WHEN task.dueAt IS NULL THEN 1 ELSE 0 END', 'ASC')
      .addOrderBy('task.dueAt', 'ASC')
      .addOrderBy('task.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  async stats(
    chatId: number,
    now: Date,
    weekStart: Date,
  ): Promise<{ open: number; done: number; overdue: number }> {
    const [open, done, overdue] = await Promise.all([
      this.tasks.countBy({ chatId, status: 'open' }),
      this.tasks
        .createQueryBuilder('task')
        .where('task.chatId = :chatId AND task.status = :done AND task.doneAt >= :weekStart', {
          chatId,
          done: 'done',
          weekStart,
        })
        .getCount(),
      this.tasks
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
  async openCountsByProject(chatId: number): Promise<Map<number, number>> {
    const rows = (await this.tasks
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

  findInChat(chatId: number, taskId: number): Promise<Task | null> {
    return findWithAssignee(this.tasks, { id: taskId, chatId });
  }

  /** The message that made a task was edited: see retitleFromSource. */
  retitleFromSource(chatId: number, messageId: number, title: string) {
    assertTitle(title);
    return retitleFromSource(this.tasks, chatId, messageId, title);
  }

  /**
   * Creates the task in one statement. The same update never creates a second task: the insert goes
   * first and the unique (chat_id, source_update_id) constraint decides, so a redelivered or
   * concurrently handled update gets the existing task with `created: false`, without a window
   * between a check and the insert. The project, if any, exists already (ProjectRepository.ensure).
   */
  async create(input: NewTask): Promise<{ task: Task; created: boolean }> {
    assertTitle(input.title);
    const dueAt = input.dueAt ?? null;
    const lead = dueAt
      ? await leadMinutesOf(
          this.dataSource.manager,
          { authorId: input.authorId, assigneeId: input.assigneeId ?? null },
          input.defaultLeadMinutes,
        )
      : 0;
    const values = {
      chatId: input.chatId,
      authorId: input.authorId,
      title: input.title,
      sourceUpdateId: input.sourceUpdateId,
      sourceMessageId: input.sourceMessageId ?? null,
      status: 'open' as const,
      priorityId: input.priorityId ?? DEFAULT_PRIORITY_ID,
      projectId: input.projectId ?? null,
      dueAt,
      remindAt: remindAtFor(dueAt, lead),
      assigneeId: input.assigneeId ?? null,
    };
    try {
      const result = await this.tasks.insert(values);
      // What the insert wrote plus what the database filled in (id, timestamps): no read back.
      const task = Object.assign(
        new Task(),
        { doneAt: null, remindedAt: null },
        values,
        result.generatedMaps[0],
      );
      task.assignee = values.assigneeId
        ? await this.dataSource.getRepository(User).findOneBy({ id: values.assigneeId })
        : null;
      return { task, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await withAssignee(this.tasks)
        .where('task.chatId = :chatId AND task.sourceUpdateId = :sourceUpdateId', {
          chatId: input.chatId,
          sourceUpdateId: input.sourceUpdateId,
        })
        .getOne();
      if (!existing) throw error;
      return { task: existing, created: false };
    }
  }

  /**
   * Changes the task and returns it as it was and as it is. A new due date re-arms the reminder:
   * remind_at from the assignee's (else the author's) lead time, reminded_at cleared. Marking done
   * twice changes nothing the second time (`changed: false`).
   */
  async change(
    chatId: number,
    taskId: number,
    patch: TaskPatch,
    defaultLeadMinutes: number,
  ): Promise<{ before: Task; after: Task; changed: boolean } | null> {
    if (patch.title !== undefined) assertTitle(patch.title);
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Task);
      const before = await lockedTask(repository, { id: taskId, chatId });
      if (!before) return null;
      const values: Partial<Task> = {};
      if (patch.status !== undefined && patch.status !== before.status) {
        values.status = patch.status;
        values.doneAt = patch.status === 'done' ? new Date() : null;
      }
      if (patch.priorityId !== undefined && patch.priorityId !== before.priorityId)
        values.priorityId = patch.priorityId;
      if (patch.projectId !== undefined && patch.projectId !== before.projectId)
        values.projectId = patch.projectId;
      if (patch.title !== undefined && patch.title !== before.title) {
        values.title = patch.title;
        // A title given by hand is the person's: an edit of the message that made the task no longer
        // overwrites it.
        values.sourceMessageId = null;
      }
      if (patch.dueAt !== undefined && patch.dueAt?.getTime() !== before.dueAt?.getTime()) {
        values.dueAt = patch.dueAt;
        values.remindAt = patch.dueAt
          ? remindAtFor(patch.dueAt, await leadMinutesOf(manager, before, defaultLeadMinutes))
          : null;
        values.remindedAt = null;
      }
      const changed = Object.keys(values).length > 0;
      if (changed) await repository.update({ id: taskId, chatId }, values);
      const after = await findWithAssignee(repository, { id: taskId, chatId });
      if (!after) throw new Error(`task ${taskId} vanished while it was locked`);
      return { before, after, changed };
    });
  }

  /** Deletes the task; returns it as it was, or null when it was gone already. */
  async remove(chatId: number, taskId: number): Promise<Task | null> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Task);
      const before = await lockedTask(repository, { id: taskId, chatId });
      if (!before) return null;
      await repository.delete({ id: taskId, chatId });
      return before;
    });
  }

  /**
   * Takes back the change that turned `before` into `after`: only the fields it touched, and only
   * while they are still as it left them (see planUndoOfChange), decided on the locked row.
   */
  async undoChange(chatId: number, before: TaskSnapshot, after: TaskSnapshot): Promise<UndoPlan> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Task);
      const current = await lockedTask(repository, { id: before.id, chatId });
      const plan = planUndoOfChange(before, after, current ? snapshotOf(current) : null);
      if (!plan.ok) return plan;
      const instant = (iso: string | null | undefined) => (iso ? new Date(iso) : null);
      const { dueAt, doneAt, remindAt, ...plain } = plan.restore;
      const values: Partial<Task> = { ...plain };
      if ('dueAt' in plan.restore) values.dueAt = instant(dueAt);
      if ('doneAt' in plan.restore) values.doneAt = instant(doneAt);
      // A reminder moved back is armed again, as a restored task's is.
      if ('remindAt' in plan.restore)
        Object.assign(values, { remindAt: instant(remindAt), remindedAt: null });
      if (Object.keys(values).length > 0) await repository.update({ id: before.id, chatId }, values);
      return plan;
    });
  }

  /** Puts a task back as the snapshot says, re-creating it under its old id when it was deleted. */
  async restore(snapshot: TaskSnapshot): Promise<Task> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Task);
      const fields = restoredFields(snapshot);
      const values = {
        ...fields,
        projectId: await this.existingProjectId(manager, fields.chatId, fields.projectId),
      };
      const exists = await repository.exists({ where: { id: snapshot.id, chatId: snapshot.chatId } });
      if (exists) await repository.update({ id: snapshot.id }, values);
      // The old id keeps the buttons of old messages working. Listing the columns is what makes
      // TypeORM write an explicit id into an auto-increment column on PostgreSQL too.
      else
        await manager
          .createQueryBuilder()
          .insert()
          .into(Task, ['id', ...Object.keys(values)])
          .values({ id: snapshot.id, ...values })
          .execute();
      const restored = await findWithAssignee(repository, { id: snapshot.id, chatId: snapshot.chatId });
      if (!restored) throw new Error(`task ${snapshot.id} is missing right after it was restored`);
      return restored;
    });
  }

  /**
   * The user with this @username (without the @, any case) whom the bot has seen in this chat and
   * who has not left it; null for anyone else, so a task cannot be handed to a stranger who never
   * was in the chat, or to someone who is gone.
   */
  findUserByUsername(username: string, chatId: number): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('member')
      .innerJoin(
        ChatMember,
        'seen',
        'seen.user_id = member.id AND seen.chat_id = :chatId AND seen.left_at IS NULL',
        { chatId },
      )
      .where('LOWER(member.username) = :username', { username: username.toLowerCase() })
      .getOne();
  }

  private async existingProjectId(manager: EntityManager, chatId: number, projectId: number | null) {
    if (projectId === null) return null;
    return (await manager.getRepository(Project).existsBy({ id: projectId, chatId })) ? projectId : null;
  }
}
