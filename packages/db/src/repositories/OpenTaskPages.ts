import type { ListFilter } from '@taskbot/domain/callback-data';
import type { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { Task } from '../entities/Task';
import { User } from '../entities/User';
import { hydrate, type ParameterValue, PreparedQuery } from '../prepared-select';
import { withAssignee } from './task-queries';

export interface ListQuery {
  chatId: number;
  filter: ListFilter;
  page: number;
  pageSize: number;
  now: Date;
  /** The person's local day: needed by the "today" filter only. */
  today?: { start: Date; end: Date };
}

/** What a list line shows of a task (see toTaskSummary), and of its assignee their name. */
const LISTED_TASK_FIELDS = [
  'id',
  'chatId',
  'title',
  'status',
  'priorityId',
  'projectId',
  'dueAt',
  'recurrence',
  'doneAt',
  'assigneeId',
] as const satisfies ReadonlyArray<keyof Task>;
const LISTED_ASSIGNEE_FIELDS = ['id', 'username', 'firstName', 'lastName'] as const satisfies ReadonlyArray<
  keyof User
>;

/** A task as a list shows it: the fields a list line needs, and its assignee's name. */
export type ListedTask = Pick<Task, (typeof LISTED_TASK_FIELDS)[number]> & {
  assignee: Pick<User, (typeof LISTED_ASSIGNEE_FIELDS)[number]> | null;
};

const LIST_PARAMETERS = ['chatId', 'start', 'end', 'now', 'projectId', 'priorityId'] as const;
type ListParameter = (typeof LIST_PARAMETERS)[number];
const MAX_PAGE_QUERIES = 200;

/**
 * Pages of a chat's open tasks (with assignees), the hottest read: each filter's page query is built
 * once and then runs with new values (see PreparedQuery). Priorities and projects are not joined:
 * priorities are code and projects come from the ReferenceCache.
 */
export class OpenTaskPages {
  private readonly tasks: Repository<Task>;
  private readonly pageQueries = new Map<string, PreparedQuery<ListParameter>>();

  constructor(private readonly dataSource: DataSource) {
    this.tasks = dataSource.getRepository(Task);
  }

  /**
   * One page of open tasks by the filter: most urgent first, then by due date (none last), then
   * oldest. Only what a list shows is read (a third of a task's and its assignee's columns): every
   * /tasks reads a page, and each column is parsed and hydrated row by row.
   */
  async list(query: ListQuery): Promise<{ tasks: ListedTask[]; total: number }> {
    const { filter } = query;
    if (filter.kind === 'today' && !query.today) throw new Error('the "today" filter needs the local day');
    if (filter.kind === 'done') throw new Error('done tasks are no open page: see doneTaskPage');
    const offset = query.page * query.pageSize;
    const values: Record<ListParameter, ParameterValue> = {
      chatId: query.chatId,
      start: query.today?.start ?? null,
      end: query.today?.end ?? null,
      now: query.now,
      projectId: filter.kind === 'project' ? filter.projectId : null,
      priorityId: filter.kind === 'priority' ? filter.priorityId : null,
    };
    const rows = await this.pageQuery(filter.kind, query.pageSize, offset).rows(values);
    const tasks = rows.map((row) => {
      const task = hydrate(this.dataSource, Task, 'task', row) as Task;
      task.assignee = hydrate(this.dataSource, User, 'assignee', row);
      return task as ListedTask;
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
    } else if (kind === 'recurring') {
      builder.andWhere('task.recurrence IS NOT NULL');
    }
    return builder;
  }

  /** The page query of a filter and page, built once (see PreparedQuery). */
  private pageQuery(kind: ListFilter['kind'], limit: number, offset: number) {
    const key = `${kind}|${limit}|${offset}`;
    let prepared = this.pageQueries.get(key);
    if (!prepared) {
      // Few shapes occur (six filters, the first pages); the bound only guards against odd input.
      if (this.pageQueries.size >= MAX_PAGE_QUERIES) this.pageQueries.clear();
      prepared = new PreparedQuery(this.dataSource, LIST_PARAMETERS, (markers) =>
        this.openTasks(kind, markers)
          .select([
            ...LISTED_TASK_FIELDS.map((field) => `task.${field}`),
            ...LISTED_ASSIGNEE_FIELDS.map((field) => `assignee.${field}`),
          ])
          .addSelect('COUNT(*) OVER ()', 'total_count')
          // A higher priority id is more urgent (@taskbot/domain/priority).
          .orderBy('task.priorityId', 'DESC')
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
}
