import type { TaskFileKind } from '@taskbot/domain/task-extras';
import type { DataSource, Repository } from 'typeorm';
import { TaskFile } from '../entities/TaskFile';
import { isUniqueViolation } from '../unique-violation';

/** A file to attach: which task, who attached it, and what sends it back. */
export interface NewTaskFile {
  taskId: number;
  authorId: number | null;
  kind: TaskFileKind;
  fileId: string;
  fileUniqueId: string;
  fileName: string | null;
  mimeType: string | null;
  fileSize: number | null;
}

/** The files attached to tasks. How many a task may keep is the caller's to decide (the domain's limit). */
export class TaskFileRepository {
  private readonly files: Repository<TaskFile>;

  constructor(dataSource: DataSource) {
    this.files = dataSource.getRepository(TaskFile);
  }

  /** The task's files, oldest first. */
  list(taskId: number): Promise<TaskFile[]> {
    return this.files.find({ where: { taskId }, order: { id: 'ASC' } });
  }

  count(taskId: number): Promise<number> {
    return this.files.count({ where: { taskId } });
  }

  /** Whether this file (by its file_unique_id) is attached to the task. */
  async has(taskId: number, fileUniqueId: string): Promise<boolean> {
    return (await this.files.count({ where: { taskId, fileUniqueId } })) > 0;
  }

  /**
   * Attaches the file; false when the task has it already (the same file sent twice, or an update
   * delivered again), which the unique key decides even when two attach it at once.
   */
  async add(file: NewTaskFile): Promise<boolean> {
    try {
      await this.files.insert(file);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
