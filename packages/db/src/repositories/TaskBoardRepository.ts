import type { ListFilter } from '@taskbot/domain/callback-data';
import type { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import type { TaskSnapshot } from '../cache/ConversationStore';
import { ChatMember } from '../entities/ChatMember';
import { DEFAULT_PRIORITY_ID } from '../entities/Priority';
import { Project } from '../entities/Project';
import { TASK_TITLE_MAX_LENGTH, Task } from '../entities/Task';
import { User } from '../entities/User';
import { hydrate, type ParameterValue, PreparedSelect } from '../prepared-select';
import { isUniqueViolation } from '../unique-violation';
import { stillInChat } from './still-in-chat';
import { retitleFromSource } from './task-source';

// The task manager's reads and writes of tasks. Lists read tasks (and assignees) only: priorities
// and projects come from the ReferenceCache, so a warm list costs no query on those tables.

export interface ListQuery {
  chatId: number;
  filter: ListFilter;
  page: number;
  pageSize: number;
  now: Date;
  /** The person's local day: needed by the "today" filter only. */
  today?: { start: Date; end: Date };
  /** Rank by priority id, from the cache; higher sorts first. */
  ranks: Map<number, number>;
}

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

/**
 * Minutes before the due time to remind: the lead time of the task's assignee, else of its author
 * (never of whoever changes the task), else the configured default.
 */
export async function leadMinutesOf(
  manager: EntityManager,
  task: { authorId: number; assigneeId: number | null },
  defaultLeadMinutes: number,
): Promise<number> {
  const user = await manager.getRepository(User).findOne({
    where: { id: task.assigneeId ?? task.authorId },
    select: { id: true, reminderLeadMinutes: true },
  });
  return user?.reminderLeadMinutes ?? defaultLeadMinutes;
}

export function remindAtFor(dueAt: Date | null, leadMinutes: number): Date | null {
  return dueAt ? new Date(dueAt.getTime() - leadMinutes * 60_000) : null;
}

export function snapshotOf(task: Task): TaskSnapshot {
  return {
    id: task.id,
    chatId: task.chatId,
    title: task.title,
    status: task.status,
    priorityId: task.priorityId,
    projectId: task.projectId,
    dueAt: task.dueAt?.toISOString() ?? null,
    doneAt: task.doneAt?.toISOString() ?? null,
    authorId: task.authorId,
    assigneeId: task.assigneeId,
    remindAt: task.remindAt?.toISOString() ?? null,
    sourceUpdateId: task.sourceUpdateId,
  };
}

/**
 * A query for tasks with their assignee in a single statement. (TypeORM's `findOne` with `relations`
 * costs two: it pages the ids first.)
 */
function withAssignee(tasks: Repository<Task>): SelectQueryBuilder<Task> {
  return tasks.createQueryBuilder('task').leftJoinAndSelect('task.assignee', 'assignee');
}

function findWithAssignee(
  tasks: Repository<Task>,
  key: { id: number; chatId: number },
): Promise<Task | null> {
  return withAssignee(tasks).where('task.id = :id AND task.chatId = :chatId', key).getOne();
}

function checkTitleLength(title: string): void {
  if (!title.trim()) throw new Error('A task title must not be empty');
  if ([...title].length > TASK_TITLE_MAX_LENGTH) {
    throw new Error(`A task title must be at most ${TASK_TITLE_MAX_LENGTH} characters`);
  }
}

const LIST_PARAMETERS = ['chatId', 'start', 'end', 'now', 'projectId', 'priorityId'] as const;
type ListParameter = (typeof LIST_PARAMETERS)[number];
const MAX_PAGE_QUERIES = 200;

export class TaskBoardRepository {
  private readonly tasks: Repository<Task>;
  private readonly pageQueries = new Map<string, PreparedSelect<ListParameter>>();

  constructor(private readonly dataSource: DataSource) {
    this.tasks = dataSource.getRepository(Task);
  }

  /** One page of open tasks by the filter: most urgent first, then by due date (none last), then oldest. */
  async listOpen(query: ListQuery): Promise<{ tasks: Task[]; total: number }> {
    const ranks = [...query.ranks.entries()].filter(
      ([id, rank]) => Number.isInteger(id) && Number.isInteger(rank),
    );
    const rankCase = ranks.length
      ? `CASE task.priority_id ${ranks.map(([id, rank]) => `WHEN ${id} THEN ${rank}`).join(' ')} ELSE 0 END`
      : 'task.priority_id';
    const { filter } = query;
    if (filter.kind === 'today' && !query.today) throw new Error('the "today" filter needs the local day');
    const offset = query.page * query.pageSize;
    const values: Record<ListParameter, ParameterValue> = {
      chatId: query.chatId,
      start: query.today?.start ?? null,
      end: query.today?.end ?? null,
      now: query.now,
      projectId: filter.kind === 'project' ? filter.projectId : null,
      priorityId: filter.kind === 'priority' ? filter.priorityId : null,
    };
    const rows = await this.pageQuery(filter.kind, rankCase, query.pageSize, offset).rows(values);
    const tasks = rows.map((row) => {
      const task = hydrate(this.dataSource, Task, 'task', row) as Task;
      task.assignee = hydrate(this.dataSource, User, 'assignee', row);
      return task;
    });
    // The count rides along as a window over the whole filtered set: one statement for the page and
    // the total. Only a page past the end (no rows to carry it) needs a count of its own.
    const first = rows[0];
    const total = first
      ? Number(first.total_count)
      : offset === 0
        ? 0
        : await this.openTasks(filter.kind, values).getCount();
    return { tasks, total };
  }

  /** The chat's open tasks that pass the filter, with their assignees. */
  private openTasks(
    kind: ListFilter['kind'],
    parameters: Record<ListParameter, ParameterValue>,
  ): SelectQueryBuilder<Task> {
    const builder = withAssignee(this.tasks)
      .where('task.chatId = :chatId', { chatId: parameters.chatId })
      .andWhere("task.status = 'open'");
    if (kind === 'today') {
      builder.andWhere('task.dueAt >= :start AND task.dueAt < :end', {
        start: parameters.start,
        end: parameters.end,
      });
    } else if (kind === 'overdue') {
      builder.andWhere('task.dueAt < :now', { now: parameters.now });
    } else if (kind === 'project') {
      builder.andWhere('task.projectId = :projectId', { projectId: parameters.projectId });
    } else if (kind === 'priority') {
      builder.andWhere('task.priorityId = :priorityId', { priorityId: parameters.priorityId });
    }
    return builder;
  }

  /** The page query of a filter, order and page, built once (see PreparedSelect). */
  private pageQuery(kind: ListFilter['kind'], rankCase: string, limit: number, offset: number) {
    const key = `${kind}|${rankCase}|${limit}|${offset}`;
    let prepared = this.pageQueries.get(key);
    if (!prepared) {
      // Few shapes occur (five filters, the first pages); the bound only guards against odd input.
      if (this.pageQueries.size >= MAX_PAGE_QUERIES) this.pageQueries.clear();
      prepared = new PreparedSelect(this.dataSource, LIST_PARAMETERS, (markers) =>
        this.openTasks(kind, markers)
          .addSelect('COUNT(*) OVER ()', 'total_count')
          .orderBy(rankCase, 'DESC')
          .addOrderBy('CASE WHEN task.dueAt IS NULL THEN 1 ELSE 0 END', 'ASC')
          .addOrderBy('task.dueAt', 'ASC')
          .addOrderBy('task.id', 'ASC')
          .limit(limit)
          .offset(offset),
      );
      this.pageQueries.set(key, prepared);
    }
    return prepared;
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
   * Open tasks assigned to the user in every chat they are still in, most urgent first: a group they
   * left (or were removed from) shows nothing of itself here.
   */
  listAssigned(userId: number, limit: number): Promise<Task[]> {
    return this.tasks
      .createQueryBuilder('task')
      .leftJoinAndSelect('task.assignee', 'assignee')
      .where('task.assigneeId = :userId', { userId })
      .andWhere('task.status = :status', { status: 'open' })
      .andWhere(stillInChat('task', ':userId'))
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
    checkTitleLength(title);
    return retitleFromSource(this.tasks, chatId, messageId, title);
  }

  /**
   * Creates the task in one statement. The same update never creates a second task: the insert goes
   * first and the unique (chat_id, source_update_id) constraint decides, so a redelivered or
   * concurrently handled update gets the existing task with `created: false`, without a window
   * between a check and the insert. The project, if any, exists already (ProjectRepository.ensure).
   */
  async create(input: NewTask): Promise<{ task: Task; created: boolean }> {
    checkTitleLength(input.title);
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
    if (patch.title !== undefined) checkTitleLength(patch.title);
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Task);
      const before = await repository.findOne({
        where: { id: taskId, chatId },
        lock: { mode: 'pessimistic_write' },
      });
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
      const before = await repository.findOne({
        where: { id: taskId, chatId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!before) return null;
      await repository.delete({ id: taskId, chatId });
      return before;
    });
  }

  /** Puts a task back as the snapshot says, re-creating it under its old id when it was deleted. */
  async restore(snapshot: TaskSnapshot): Promise<Task> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Task);
      const values = {
        chatId: snapshot.chatId,
        title: snapshot.title,
        status: snapshot.status,
        priorityId: snapshot.priorityId,
        projectId: await this.existingProjectId(manager, snapshot.chatId, snapshot.projectId),
        dueAt: snapshot.dueAt ? new Date(snapshot.dueAt) : null,
        doneAt: snapshot.doneAt ? new Date(snapshot.doneAt) : null,
        authorId: snapshot.authorId,
        assigneeId: snapshot.assigneeId,
        remindAt: snapshot.remindAt ? new Date(snapshot.remindAt) : null,
        remindedAt: null,
        sourceUpdateId: snapshot.sourceUpdateId,
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
