import type { TaskFile } from '@taskbot/db/entities/TaskFile';
import type { TaskBoardRepository } from '@taskbot/db/repositories/TaskBoardRepository';
import type { TaskFileRepository } from '@taskbot/db/repositories/TaskFileRepository';
import { fileOfMessage, type MessageFile } from '@taskbot/domain/message-file';
import { MAX_FILES_PER_TASK } from '@taskbot/domain/task-extras';
import type { Asker, Rights } from './rights';

/** The stores files on tasks need, passed in by the composition root. */
export interface TaskFileStores {
  board: Pick<TaskBoardRepository, 'findInChat'>;
  files: TaskFileRepository;
}

/** What attaching a file did: `added` false when the task had that file already. */
export type AttachOutcome =
  | { ok: true; added: boolean; count: number; title: string }
  | { ok: false; reason: 'noFile' | 'taskNotFound' | 'notAllowed' }
  | { ok: false; reason: 'full'; title: string };

/**
 * Files on tasks: who may attach one (whoever may change the task), the limit of files a task
 * keeps, and the files of a task for anyone in its chat. Handlers ask this service; Telegram keeps
 * the files themselves, the rows keep what sends them back.
 */
export class TaskFileService {
  constructor(
    private readonly stores: TaskFileStores,
    private readonly rights: Rights,
  ) {}

  /**
   * Attaches the file a message carries (a photo's largest size, a document, a voice message or a
   * video) to the task of the person's chat: every way a file comes to a task (an /add caption, a
   * reply to the card, a forwarded message) is this one call. The same file twice, or an update
   * delivered again, attaches nothing more.
   */
  attachFromMessage(who: Asker, taskId: number, message: unknown): Promise<AttachOutcome> {
    const file = fileOfMessage(message);
    if (!file) return Promise.resolve({ ok: false, reason: 'noFile' });
    return this.attach(who, taskId, file);
  }

  async attach(who: Asker, taskId: number, file: MessageFile): Promise<AttachOutcome> {
    const { board, files } = this.stores;
    const task = await board.findInChat(who.chat.id, taskId);
    if (!task) return { ok: false, reason: 'taskNotFound' };
    if (!(await this.rights.mayChange(who, task))) return { ok: false, reason: 'notAllowed' };
    const count = await files.count(task.id);
    if (await files.has(task.id, file.fileUniqueId))
      return { ok: true, added: false, count, title: task.title };
    if (count >= MAX_FILES_PER_TASK) return { ok: false, reason: 'full', title: task.title };
    const added = await files.add({ ...file, taskId: task.id, authorId: who.user.id });
    return { ok: true, added, count: added ? count + 1 : count, title: task.title };
  }

  /**
   * The files of the task in this chat, oldest first, for anyone there to see; null when the chat
   * has no such task (a forged button naming another chat's task finds nothing).
   */
  async filesOf(chatId: number, taskId: number): Promise<TaskFile[] | null> {
    const task = await this.stores.board.findInChat(chatId, taskId);
    return task ? this.stores.files.list(task.id) : null;
  }
}
