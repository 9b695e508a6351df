import type { TaskNoteKind } from '@taskbot/domain/task-extras';
import { authorNameOf, type NoteSummary, type NotesOnCard } from '@taskbot/domain/task-notes';
import type { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { Task } from '../entities/Task';
import { TaskFile } from '../entities/TaskFile';
import { TaskNote } from '../entities/TaskNote';
import { isUniqueViolation } from '../unique-violation';
import { lockedTask } from './task-queries';

// Notes on tasks: added (at most once per Telegram update and task, and no more than the domain's
// limit, which the caller passes), listed newest first with their authors' names, and summed up
// for a card with the count of its files.

export interface NewNote {
  chatId: number;
  taskId: number;
  authorId: number | null;
  kind: TaskNoteKind;
  text: string;
  /** The update that wrote it: the same update adds nothing twice. */
  sourceUpdateId: number;
}

/** What a card shows of a task beyond its own row. */
export interface CardExtras {
  notes: NotesOnCard;
  fileCount: number;
}

/** The extras of a task just made with nothing attached: its card needs no statement for them. */
export const NO_EXTRAS: CardExtras = { notes: { count: 0, newest: null }, fileCount: 0 };

export type AddNoteResult =
  | { ok: true; created: boolean; count: number }
  | { ok: false; reason: 'gone' }
  | { ok: false; reason: 'full'; count: number };

export class TaskNoteRepository {
  private readonly notes: Repository<TaskNote>;

  constructor(private readonly dataSource: DataSource) {
    this.notes = dataSource.getRepository(TaskNote);
  }

  /**
   * Adds the note to the task of this chat, unless this update added it already (`created: false`)
   * or the task has `limit` notes. The task's row is locked while the notes are counted, so two
   * notes at once cannot both take the last place.
   */
  async add(note: NewNote, limit: number): Promise<AddNoteResult> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const task = await lockedTask(manager.getRepository(Task), { id: note.taskId, chatId: note.chatId });
        if (!task) return { ok: false, reason: 'gone' } as const;
        const notes = manager.getRepository(TaskNote);
        const count = await notes.countBy({ taskId: note.taskId });
        if (await notes.existsBy({ taskId: note.taskId, sourceUpdateId: note.sourceUpdateId })) {
          return { ok: true, created: false, count } as const;
        }
        if (count >= limit) return { ok: false, reason: 'full', count } as const;
        const { chatId: _, ...values } = note;
        await notes.insert(values);
        return { ok: true, created: true, count: count + 1 } as const;
      });
    } catch (error) {
      // The lock serialises the notes of a task; should anything write past it, the unique
      // (task_id, source_update_id) constraint has the last word on a second run of the update.
      if (!isUniqueViolation(error)) throw error;
      return { ok: true, created: false, count: await this.count(note.taskId) };
    }
  }

  count(taskId: number): Promise<number> {
    return this.notes.countBy({ taskId });
  }

  /** The task's notes, newest first, at most `limit`. */
  async list(taskId: number, limit: number): Promise<NoteSummary[]> {
    const rows = await this.withAuthor(taskId).orderBy('note.id', 'DESC').limit(limit).getMany();
    return rows.map(summaryOf);
  }

  /**
   * What a card shows beyond the task: how many notes and files it has, in one statement, and the
   * newest note, read only when there is one (most tasks have none: their card costs one statement).
   */
  async onCard(taskId: number): Promise<CardExtras> {
    const counts = await this.dataSource
      .createQueryBuilder()
      .select(
        (notes) => notes.select('COUNT(*)').from(TaskNote, 'note').where('note.task_id = task.id'),
        'notes',
      )
      .addSelect(
        (files) => files.select('COUNT(*)').from(TaskFile, 'file').where('file.task_id = task.id'),
        'files',
      )
      .from(Task, 'task')
      .where('task.id = :taskId', { taskId })
      .getRawOne<{ notes: string | number; files: string | number }>();
    const count = Number(counts?.notes ?? 0);
    const fileCount = Number(counts?.files ?? 0);
    if (count === 0) return { notes: { count: 0, newest: null }, fileCount };
    const newest = await this.withAuthor(taskId).orderBy('note.id', 'DESC').limit(1).getOne();
    return { notes: { count, newest: newest ? summaryOf(newest) : null }, fileCount };
  }

  private withAuthor(taskId: number): SelectQueryBuilder<TaskNote> {
    return this.notes
      .createQueryBuilder('note')
      .leftJoinAndSelect('note.author', 'author')
      .where('note.taskId = :taskId', { taskId });
  }
}

function summaryOf(note: TaskNote): NoteSummary {
  return {
    kind: note.kind,
    text: note.text,
    authorName: note.author ? authorNameOf(note.author) : null,
    createdAt: note.createdAt,
  };
}
