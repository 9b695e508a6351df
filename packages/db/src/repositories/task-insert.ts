import type { DataSource, Repository } from 'typeorm';
import { Task } from '../entities/Task';
import { type ParameterValue, PreparedSql } from '../prepared-select';

/** A new task's row as the repository writes it; the database fills in id and timestamps. */
export interface TaskRow {
  chatId: number;
  authorId: number;
  title: string;
  sourceUpdateId: number;
  sourceMessageId: number | null;
  status: 'open';
  priorityId: number;
  projectId: number | null;
  dueAt: Date | null;
  remindAt: Date | null;
  assigneeId: number | null;
  recurrence: string | null;
}

const WRITTEN: ReadonlyArray<keyof TaskRow> = [
  'chatId',
  'authorId',
  'title',
  'sourceUpdateId',
  'sourceMessageId',
  'status',
  'priorityId',
  'projectId',
  'dueAt',
  'remindAt',
  'assigneeId',
  'recurrence',
];
const FILLED_IN = ['id', 'createdAt', 'updatedAt'] as const;

/**
 * Inserts a task in one statement and returns it as TypeORM would have (what was written plus
 * what the database filled in), with no read back. On PostgreSQL that is a fixed INSERT … RETURNING
 * run as a named statement (see PreparedSql): no query builder per task, no parse on the server.
 * MySQL has no RETURNING: TypeORM's insert reads the id its own way there.
 */
export class TaskInserts {
  private readonly tasks: Repository<Task>;
  private readonly statement: PreparedSql | undefined;

  constructor(private readonly dataSource: DataSource) {
    this.tasks = dataSource.getRepository(Task);
    if (dataSource.options.type === 'postgres') {
      const metadata = dataSource.getMetadata(Task);
      const column = (property: string) => {
        const found = metadata.findColumnWithPropertyName(property);
        if (!found) throw new Error(`tasks has no column for ${property}`);
        return `"${found.databaseName}"`;
      };
      this.statement = new PreparedSql(
        dataSource,
        `INSERT INTO "${metadata.tableName}" (${WRITTEN.map(column).join(', ')}) VALUES (${WRITTEN.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING ${FILLED_IN.map(column).join(', ')}`,
      );
    }
  }

  /** Rejects with TypeORM's QueryFailedError, as any write does (a unique violation included). */
  async insert(row: TaskRow): Promise<Task> {
    const unset = { doneAt: null, remindedAt: null, seriesId: null, nextOfTaskId: null };
    if (!this.statement) {
      const result = await this.tasks.insert(row);
      return Object.assign(new Task(), unset, row, result.generatedMaps[0]);
    }
    const [returned] = await this.statement.run(WRITTEN.map((property) => row[property] as ParameterValue));
    const task = Object.assign(new Task(), unset, row);
    const metadata = this.dataSource.getMetadata(Task);
    for (const property of FILLED_IN) {
      const column = metadata.findColumnWithPropertyName(property);
      if (column && returned) {
        column.setEntityValue(
          task,
          this.dataSource.driver.prepareHydratedValue(returned[column.databaseName], column),
        );
      }
    }
    return task;
  }
}
