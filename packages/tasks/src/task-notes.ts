import type { Task } from '@taskbot/db/entities/Task';
import type { TaskBoardRepository } from '@taskbot/db/repositories/TaskBoardRepository';
import type { TaskNoteRepository } from '@taskbot/db/repositories/TaskNoteRepository';
import { MAX_NOTES_PER_TASK } from '@taskbot/domain/task-extras';
import { checkNote, type NoteSummary } from '@taskbot/domain/task-notes';
import type { Asker, Rights } from './rights';
import type { TaskInput, TaskService } from './task-service';

/** The stores notes need: the tasks they belong to, and the notes. */
export interface NoteStores {
  board: Pick<TaskBoardRepository, 'findInChat'>;
  notes: Pick<TaskNoteRepository, 'add' | 'list'>;
}

/** What adding a note did, or why it did nothing. */
export type AddNoteOutcome =
  | { ok: true; created: boolean; count: number }
  | { ok: false; reason: 'empty' | 'notFound' | 'notAllowed' }
  | { ok: false; reason: 'tooLong'; length: number; max: number }
  | { ok: false; reason: 'full'; max: number };

/**
 * Notes on tasks: who may write one (those who may change the task: Rights), the domain's limits,
 * and the tasks made from forwarded messages with their origin as the first note. A note is not
 * a change of the task for /undo. Handlers ask this service; they do not write notes themselves.
 */
export class TaskNoteService {
  constructor(
    private readonly stores: NoteStores,
    private readonly rights: Rights,
    private readonly tasks: Pick<TaskService, 'create'>,
  ) {}

  /**
   * Adds the person's note to the task of their chat. The update's id makes a redelivery add
   * nothing twice (it answers as the first run did: `created: false`, the same count).
   */
  async add(who: Asker, taskId: number, text: string, updateId: number): Promise<AddNoteOutcome> {
    const checked = checkNote(text);
    if (!checked.ok) return checked;
    const task = await this.stores.board.findInChat(who.chat.id, taskId);
    if (!task) return { ok: false, reason: 'notFound' };
    if (!(await this.rights.mayChange(who, task))) return { ok: false, reason: 'notAllowed' };
    const added = await this.stores.notes.add(
      {
        chatId: who.chat.id,
        taskId,
        authorId: who.user.id,
        kind: 'note',
        text: checked.text,
        sourceUpdateId: updateId,
      },
      MAX_NOTES_PER_TASK,
    );
    if (added.ok) return added;
    return added.reason === 'gone'
      ? { ok: false, reason: 'notFound' }
      : { ok: false, reason: 'full', max: MAX_NOTES_PER_TASK };
  }

  /**
   * The task of this chat with its notes, newest first; null for a task that is not in this chat.
   * Seeing notes needs only that, as seeing the card does.
   */
  async list(chatId: number, taskId: number): Promise<{ task: Task; notes: NoteSummary[] } | null> {
    const task = await this.stores.board.findInChat(chatId, taskId);
    if (!task) return null;
    return { task, notes: await this.stores.notes.list(task.id, MAX_NOTES_PER_TASK) };
  }

  /**
   * Makes the task a forwarded message becomes, with where it came from (`originText`, see
   * originNoteText) as its first note, and returns the task. A redelivered update makes neither
   * twice. Whatever else a forward brings along (its files) is added here too.
   */
  async createForwarded(
    who: Asker,
    input: TaskInput,
    originText: string,
  ): Promise<{ task: Task; created: boolean }> {
    const made = await this.tasks.create(who, input);
    await this.stores.notes.add(
      {
        chatId: who.chat.id,
        taskId: made.task.id,
        authorId: who.user.id,
        kind: 'origin',
        text: originText,
        sourceUpdateId: input.sourceUpdateId,
      },
      MAX_NOTES_PER_TASK,
    );
    return made;
  }
}
