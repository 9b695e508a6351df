import type { TaskNoteKind } from '@taskbot/domain/task-extras';
import { authorNameOf, type NoteSummary, type NotesOnCard } from '@taskbot/domain/task-notes';
import type { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { Task } from '../entities/Task';
import { TaskNote } from '../entities/TaskNote';
import { isUniqueViolation } from '../unique-violation';
import { lockedTask } from './task-queries';

// Notes on tasks: added (at most once per Telegram update and task, and no more than the domain's
// limit, which the caller passes), listed newest first with their authors' names, and summed up
// for a card in a single statement.

export interface NewNote {
  chatId: number;
  taskId: number;
  authorId: number | null;
  kind: TaskNoteKind;
  text: string;
  /** The update that wrote it: the same update adds nothing twice. */
  sourceUpdateId: number;
}

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

  /** How many notes the task has and the newest, in one statement (the card shows both). */
  async onCard(taskId: number): Promise<NotesOnCard> {
    const { entities, raw } = await this.withAuthor(taskId)
      .addSelect(
        (count) => count.select('COUNT(*)').from(TaskNote, 'counted').where('counted.task_id = note.task_id'),
        'notes_count',
      )
      .orderBy('note.id', 'DESC')
      .limit(1)
      .getRawAndEntities<{ notes_count: string | number }>();
    const newest = entities[0];
    return newest
      ? { count: Number(raw[0]?.notes_count ?? 1), newest: summaryOf(newest) }
      : { count: 0, newest: null };
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
