import type { DataSource, Repository } from 'typeorm';
import { isPriorityCode, Priority, type PriorityCode } from '../entities/Priority';
import { TASK_TITLE_MAX_LENGTH, Task } from '../entities/Task';
import { isUniqueViolation } from '../unique-violation';

export interface CreateTaskFromUpdate {
  chatId: number;
  authorId: number;
  title: string;
  /** The Telegram update the task comes from; the same update never creates a second task. */
  sourceUpdateId: number;
  priorityCode?: PriorityCode;
  projectId?: number;
  dueAt?: Date;
  assigneeId?: number;
}

export interface Page {
  limit: number;
  offset: number;
}

export const MAX_PAGE_SIZE = 100;

export class TaskRepository {
  private readonly tasks: Repository<Task>;
  private readonly priorities: Repository<Priority>;

  constructor(dataSource: DataSource) {
    this.tasks = dataSource.getRepository(Task);
    this.priorities = dataSource.getRepository(Priority);
  }

  /**
   * Creates the task unless this update already did. The insert goes first and the unique
   * (chat_id, source_update_id) constraint decides: a redelivered or concurrently handled update gets
   * the existing task with `created: false`, without a window between a check and the insert.
   */
  async createFromUpdate(input: CreateTaskFromUpdate): Promise<{ task: Task; created: boolean }> {
    if (!input.title.trim()) throw new Error('A task title must not be empty');
    if ([...input.title].length > TASK_TITLE_MAX_LENGTH) {
      throw new Error(`A task title must be at most ${TASK_TITLE_MAX_LENGTH} characters`);
    }
    const priorityId =
      input.priorityCode === undefined ? undefined : await this.priorityId(input.priorityCode);
    let id: number;
    try {
      const result = await this.tasks.insert({
        chatId: input.chatId,
        authorId: input.authorId,
        title: input.title,
        sourceUpdateId: input.sourceUpdateId,
        status: 'open',
        priorityId,
        projectId: input.projectId ?? null,
        dueAt: input.dueAt ?? null,
        assigneeId: input.assigneeId ?? null,
      });
      id = (result.identifiers[0] as { id: number }).id;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.tasks.findOne({
        where: { chatId: input.chatId, sourceUpdateId: input.sourceUpdateId },
        relations: { priority: true, project: true },
      });
      if (!existing) throw error;
      return { task: existing, created: false };
    }
    const task = await this.findInChat(input.chatId, id);
    if (!task) throw new Error(`Task ${id} vanished right after it was created`);
    return { task, created: true };
  }

  /**
   * One page of the chat's open tasks, most urgent first, then by due date (tasks without one last),
   * then oldest first; `total` counts all open tasks of the chat.
   */
  async listOpen(chatId: number, page: Page): Promise<{ tasks: Task[]; total: number }> {
    if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE_SIZE) {
      throw new Error(`A page limit must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    if (!Number.isInteger(page.offset) || page.offset < 0) {
      throw new Error('A page offset must be a non-negative integer');
    }
    // limit/offset rather than take/skip: both joins are many-to-one, so rows map 1:1 to tasks and
    // TypeORM's two-query pagination for take/skip is not needed.
    const [tasks, total] = await this.tasks
      .createQueryBuilder('task')
      .innerJoinAndSelect('task.priority', 'priority')
      .leftJoinAndSelect('task.project', 'project')
      .where('task.chatId = :chatId', { chatId })
      .andWhere('task.status = :status', { status: 'open' })
      .orderBy('priority.rank', 'DESC')
      // Portable "NULLS LAST": PostgreSQL sorts NULLs last by default, MySQL first.
      .addOrderBy('CASE WHEN task.dueAt IS NULL THEN 1 ELSE 0 END', 'ASC')
      .addOrderBy('task.dueAt', 'ASC')
      .addOrderBy('task.id', 'ASC')
      .limit(page.limit)
      .offset(page.offset)
      .getManyAndCount();
    return { tasks, total };
  }

  /** The task with its priority and project, or null when it does not exist in this chat. */
  findInChat(chatId: number, taskId: number): Promise<Task | null> {
    return this.tasks.findOne({
      where: { id: taskId, chatId },
      relations: { priority: true, project: true },
    });
  }

  /**
   * Marks the task done. The update is conditional on the task still being open, so of two concurrent
   * calls exactly one reports `changed: true`, and done_at keeps the first completion time.
   */
  async complete(chatId: number, taskId: number): Promise<{ task: Task; changed: boolean } | null> {
    const result = await this.tasks.update(
      { id: taskId, chatId, status: 'open' },
      { status: 'done', doneAt: new Date() },
    );
    const task = await this.findInChat(chatId, taskId);
    if (!task) return null;
    return { task, changed: (result.affected ?? 0) > 0 };
  }

  private async priorityId(code: PriorityCode): Promise<number> {
    const priority = isPriorityCode(code) ? await this.priorities.findOneBy({ code }) : null;
    if (!priority) throw new Error(`Unknown priority "${code}"`);
    return priority.id;
  }
}
