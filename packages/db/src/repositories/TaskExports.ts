import { Brackets, type DataSource, type Repository, type SelectQueryBuilder } from 'typeorm';
import { Task } from '../entities/Task';
import { TaskFile } from '../entities/TaskFile';
import { TaskNote } from '../entities/TaskNote';
import { stillInChat } from './still-in-chat';

/** Whose tasks an export holds. */
export interface ExportScope {
  /** Every task of this chat. */
  chatId: number;
  /** And the tasks assigned to this person in the other chats they are still in (a private export). */
  assignedTo?: number;
}

/** A page of tasks with what they refer to: project, author, assignee and chat joined. */
export interface ExportBatch {
  tasks: Task[];
  /** The notes' texts of each task of the batch, oldest first. */
  notes: Map<number, string[]>;
  /** How many files each task of the batch has (none: absent). */
  fileCounts: Map<number, number>;
}

export const EXPORT_BATCH_SIZE = 500;

/**
 * The reads of /export: a person's tasks in batches by id (keyset, so each batch is a short query of
 * its own and no connection or cursor is held while the file is uploaded), each batch with the
 * notes and file counts of its tasks in two more queries.
 */
export class TaskExports {
  private readonly tasks: Repository<Task>;

  constructor(private readonly dataSource: DataSource) {
    this.tasks = dataSource.getRepository(Task);
  }

  /** How many tasks the export holds. */
  count(scope: ExportScope): Promise<number> {
    return this.scoped(scope).getCount();
  }

  /** The tasks in batches of `size`, by id; a batch is read only when the caller asks for it. */
  async *batches(scope: ExportScope, size = EXPORT_BATCH_SIZE): AsyncGenerator<ExportBatch> {
    let after = 0;
    for (;;) {
      // limit, not take: every join is many-to-one, one row a task.
      const tasks = await this.scoped(scope)
        .leftJoinAndSelect('task.project', 'project')
        .leftJoinAndSelect('task.author', 'author')
        .leftJoinAndSelect('task.assignee', 'assignee')
        .leftJoinAndSelect('task.chat', 'chat')
        .andWhere('task.id > :after', { after })
        .orderBy('task.id', 'ASC')
        .limit(size)
        .getMany();
      const last = tasks.at(-1);
      if (!last) return;
      const ids = tasks.map((task) => task.id);
      const [notes, fileCounts] = await Promise.all([this.notesOf(ids), this.fileCountsOf(ids)]);
      yield { tasks, notes, fileCounts };
      if (tasks.length < size) return;
      after = last.id;
    }
  }

  private scoped(scope: ExportScope): SelectQueryBuilder<Task> {
    const query = this.tasks.createQueryBuilder('task');
    if (scope.assignedTo === undefined) return query.where('task.chatId = :chatId', scope);
    return query.where(
      new Brackets((either) =>
        either
          .where('task.chatId = :chatId')
          .orWhere(`task.assigneeId = :assignedTo AND ${stillInChat('task', ':assignedTo')}`),
      ),
      scope,
    );
  }

  private async notesOf(taskIds: number[]): Promise<Map<number, string[]>> {
    const rows = await this.dataSource
      .getRepository(TaskNote)
      .createQueryBuilder('note')
      .select(['note.id', 'note.taskId', 'note.text'])
      .where('note.taskId IN (:...taskIds)', { taskIds })
      .orderBy('note.id', 'ASC')
      .getMany();
    const notes = new Map<number, string[]>();
    for (const note of rows) notes.set(note.taskId, [...(notes.get(note.taskId) ?? []), note.text]);
    return notes;
  }

  private async fileCountsOf(taskIds: number[]): Promise<Map<number, number>> {
    const rows = (await this.dataSource
      .getRepository(TaskFile)
      .createQueryBuilder('file')
      .select('file.taskId', 'taskId')
      .addSelect('COUNT(*)', 'count')
      .where('file.taskId IN (:...taskIds)', { taskIds })
      .groupBy('file.taskId')
      .getRawMany()) as Array<{ taskId: number | string; count: number | string }>;
    return new Map(rows.map((row) => [Number(row.taskId), Number(row.count)]));
  }
}
