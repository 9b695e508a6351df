import { DEFAULT_PRIORITY_ID } from '@taskbot/domain/priority';
import { remindAtFor } from '@taskbot/domain/reminder-time';
import { type DeletedTaskSnapshot, snapshotOf, type TaskSnapshot } from '@taskbot/domain/task-snapshot';
import { assertTitle } from '@taskbot/domain/task-title';
import { planUndoOfChange, type UndoPlan } from '@taskbot/domain/undo';
import type { DataSource, Repository } from 'typeorm';
import { ChatMember } from '../entities/ChatMember';
import { Task } from '../entities/Task';
import { User } from '../entities/User';
import { isUniqueViolation } from '../unique-violation';
import { type DonePageQuery, doneTaskPage } from './done-task-pages';
import { type ListedTask, type ListQuery, OpenTaskPages } from './OpenTaskPages';
import { stillInChat } from './still-in-chat';
import { TaskExports } from './TaskExports';
import { TaskSeries } from './TaskSeries';
import { TaskInserts } from './task-insert';
import { applyRestore, findWithAssignee, leadMinutesOf, lockedTask, withAssignee } from './task-queries';
import { type RemovedTask, restoreTask, withExtras } from './task-restore';
import { retitleFromSource } from './task-source';
import { openCountsByProject, taskStats } from './task-stats';

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
  /** The repetition, an RRULE value: the task starts a series. */
  recurrence?: string;
}

export interface TaskPatch {
  status?: 'open' | 'done';
  priorityId?: number;
  projectId?: number | null;
  dueAt?: Date | null;
  title?: string;
  /** A repetition (an RRULE value) starts a new series at this task; null makes it a one-off. */
  recurrence?: string | null;
}

export class TaskBoardRepository {
  private readonly tasks: Repository<Task>;
  private readonly openPages: OpenTaskPages;
  private readonly inserts: TaskInserts;
  /** The writes only repeating tasks have: completing an occurrence, undoing that, a whole series. */
  readonly series: TaskSeries;
  /** The reads of /export: a person's tasks in batches. */
  readonly exports: TaskExports;

  constructor(private readonly dataSource: DataSource) {
    this.tasks = dataSource.getRepository(Task);
    this.openPages = new OpenTaskPages(dataSource);
    this.inserts = new TaskInserts(dataSource);
    this.series = new TaskSeries(dataSource);
    this.exports = new TaskExports(dataSource);
  }

  /** One page of open tasks by the filter: most urgent first, then by due date (none last), then oldest. */
  listOpen(query: ListQuery): Promise<{ tasks: ListedTask[]; total: number }> {
    return this.openPages.list(query);
  }

  /** One page of the chat's done tasks, newest done first. */
  listDone(query: DonePageQuery): Promise<{ tasks: Task[]; total: number }> {
    return doneTaskPage(this.tasks, query);
  }

  /**
   * Tasks of the chat, open ones first and then done ones, whose title holds every word
   * (case-insensitively), newest first within each.
   */
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

  /** Open, done since `weekStart`, and overdue tasks of the chat. */
  stats(
    chatId: number,
    now: Date,
    weekStart: Date,
  ): Promise<{ open: number; done: number; overdue: number }> {
    return taskStats(this.tasks, chatId, now, weekStart);
  }

  /** Open-task counts per project of the chat (tasks without a project are left out). */
  openCountsByProject(chatId: number): Promise<Map<number, number>> {
    return openCountsByProject(this.tasks, chatId);
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
      recurrence: input.recurrence ?? null,
    };
    try {
      const task = await this.inserts.insert(values);
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
      if (patch.recurrence !== undefined && patch.recurrence !== before.recurrence) {
        values.recurrence = patch.recurrence;
        // A new rule starts a new series here: "the whole series" no longer takes the old one along.
        values.seriesId = null;
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

  /**
   * Deletes the task, and with it its notes and files; returns them as they were (for /undo), or
   * null when the task was gone already.
   */
  async remove(chatId: number, taskId: number): Promise<RemovedTask | null> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Task);
      const before = await lockedTask(repository, { id: taskId, chatId });
      if (!before) return null;
      const [removed] = await withExtras(manager, [before]);
      await repository.delete({ id: taskId, chatId });
      return removed ?? null;
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
      if (plan.ok) await applyRestore(repository, { id: before.id, chatId }, plan.restore);
      return plan;
    });
  }

  /**
   * Puts a task back as the snapshot says, re-creating it under its old id when it was deleted,
   * together with the notes and files a delete's snapshot keeps (all or nothing).
   */
  restore(snapshot: DeletedTaskSnapshot): Promise<Task> {
    return this.dataSource.transaction((manager) => restoreTask(manager, snapshot));
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
}
