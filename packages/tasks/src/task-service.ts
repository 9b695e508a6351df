import type { ConversationStore, UndoEntry } from '@taskbot/db/cache/ConversationStore';
import type { ReferenceCache } from '@taskbot/db/cache/ReferenceCache';
import type { Task } from '@taskbot/db/entities/Task';
import type { User } from '@taskbot/db/entities/User';
import type { ReminderRepository } from '@taskbot/db/repositories/ReminderRepository';
import type { NewTask, TaskBoardRepository, TaskPatch } from '@taskbot/db/repositories/TaskBoardRepository';
import type { TaskFileRepository } from '@taskbot/db/repositories/TaskFileRepository';
import type { PlanNext } from '@taskbot/db/repositories/TaskSeries';
import { effectiveSettings, type SettingDefaults } from '@taskbot/domain/effective-settings';
import type { TaskPeople } from '@taskbot/domain/permissions';
import { nextDueOf } from '@taskbot/domain/series';
import { deletedSnapshotOf, snapshotOf } from '@taskbot/domain/task-snapshot';
import { isAsSnapshot } from '@taskbot/domain/undo';
import type { Asker, Rights } from './rights';
import { csvFile, type ExportFiles, type ExportOptions, exportScope, icsFile } from './task-export';

/** The stores the task service works on, passed in by the composition root. */
export interface TaskStores {
  board: TaskBoardRepository;
  /** Files attached to tasks (the card counts them). */
  files: TaskFileRepository;
  /** A task's reminder time, as snoozing moves it. */
  reminders: ReminderRepository;
  /** Projects, read through Redis. */
  cache: ReferenceCache;
  /** Undo entries, in Redis. */
  conversation: ConversationStore;
  /** DEFAULT_TIME_ZONE (a series' dates for an author who chose none) and the default lead time. */
  defaults: SettingDefaults;
  now(): Date;
}

/** What a task's creation needs beyond who and where (the rest is the service's to fill in). */
export type TaskInput = Omit<NewTask, 'chatId' | 'authorId' | 'defaultLeadMinutes'>;

/** What /undo did, or why it did nothing. */
export type UndoOutcome =
  | { ok: true; kind: 'create' | 'change' | 'delete'; title: string }
  | { ok: false; reason: 'nothing' | 'gone' | 'changedSince' | 'notAllowed' | 'notPerson' };

/**
 * The task manager's use cases over the repositories and the domain's rules: who may change a
 * task, and every change made on a person's behalf together with the record their /undo takes back.
 * Handlers ask this service; they do not write tasks or decide rights themselves.
 */
export class TaskService {
  constructor(
    private readonly stores: TaskStores,
    private readonly rights: Rights,
  ) {}

  /** The task with this id in this chat, or null (one of another chat is not found either). */
  find(chatId: number, taskId: number): Promise<Task | null> {
    return this.stores.board.findInChat(chatId, taskId);
  }

  /** Whether the person may change the task: its author, its assignee, an admin; anyone in private. */
  mayChange(who: Asker, task: TaskPeople): Promise<boolean> {
    return this.rights.mayChange(who, task);
  }

  /** Someone the bot has seen in this chat under this @username (without the @), to assign to. */
  assigneeNamed(chatId: number, username: string): Promise<User | null> {
    return this.stores.board.findUserByUsername(username, chatId);
  }

  /**
   * Adds a task written by the person in their chat; the first time (not on a redelivery of the
   * same update) it is recorded for their /undo.
   */
  async create(who: Asker, input: TaskInput): Promise<{ task: Task; created: boolean }> {
    const { task, created } = await this.stores.board.create({
      ...input,
      chatId: who.chat.id,
      authorId: who.user.id,
      defaultLeadMinutes: this.stores.defaults.leadMinutes,
    });
    if (created && this.rights.isPerson) {
      await this.stores.conversation.pushUndo(who.chat.id, who.user.id, {
        kind: 'create',
        taskId: task.id,
        title: task.title,
      });
    }
    return { task, created };
  }

  /**
   * Changes the task on the person's behalf and, when anything changed, records how it was for their
   * /undo. Null when the task is gone. Rights are the caller's to check first (mayChange), since
   * what a refusal looks like differs between a command and a button.
   */
  async change(
    who: Asker,
    taskId: number,
    patch: TaskPatch,
  ): Promise<{ before: Task; after: Task; changed: boolean; next?: Task | null } | null> {
    if (patch.status === 'done' && Object.keys(patch).length === 1) return this.complete(who, taskId);
    const result = await this.stores.board.change(
      who.chat.id,
      taskId,
      patch,
      this.stores.defaults.leadMinutes,
    );
    if (result?.changed && this.rights.isPerson) {
      await this.stores.conversation.pushUndo(who.chat.id, who.user.id, {
        kind: 'change',
        before: snapshotOf(result.before),
        after: snapshotOf(result.after),
      });
    }
    return result;
  }

  /**
   * Marks the task done, by every way there is to (✅ on the card or a list, /done, a reminder's
   * button: they all come through change). A repeating task's next occurrence is made with it,
   * exactly once (see TaskSeries.complete), and /undo takes both back together.
   */
  async complete(who: Asker, taskId: number) {
    const { board, defaults } = this.stores;
    const result = await board.series.complete(who.chat.id, taskId, this.planNext, defaults.leadMinutes);
    if (result?.changed && this.rights.isPerson) {
      await this.stores.conversation.pushUndo(who.chat.id, who.user.id, {
        kind: 'change',
        before: snapshotOf(result.before),
        after: snapshotOf(result.after),
        ...(result.next ? { next: snapshotOf(result.next) } : {}),
      });
    }
    return result;
  }

  /**
   * The next occurrence's due date, read in the author's zone (the zone the task was read in), so
   * a series keeps its local time whoever completes it. A rule the bot cannot read makes none.
   */
  private readonly planNext: PlanNext = (task, { start, author }) => {
    const { defaults } = this.stores;
    const timeZone = author ? effectiveSettings(author, defaults).timeZone : defaults.timeZone;
    try {
      return nextDueOf(task, start, this.stores.now(), timeZone);
    } catch (error) {
      if (error instanceof RangeError) return undefined;
      throw error;
    }
  };

  /**
   * Deletes a repeating task with the open occurrences of its series, kept for the person's /undo;
   * null when it was gone already.
   */
  async removeSeries(who: Asker, taskId: number): Promise<Task[] | null> {
    const removed = await this.stores.board.series.removeSeries(who.chat.id, taskId);
    const [first, ...others] = removed ?? [];
    if (first && this.rights.isPerson) {
      await this.stores.conversation.pushUndo(who.chat.id, who.user.id, {
        kind: 'delete',
        before: deletedSnapshotOf(first),
        others: others.map(deletedSnapshotOf),
      });
    }
    return removed?.map(({ task }) => task) ?? null;
  }

  /** Deletes the task, kept with its notes and files for the person's /undo; null when it was gone already. */
  async remove(who: Asker, taskId: number): Promise<Task | null> {
    const removed = await this.stores.board.remove(who.chat.id, taskId);
    if (removed && this.rights.isPerson) {
      await this.stores.conversation.pushUndo(who.chat.id, who.user.id, {
        kind: 'delete',
        before: deletedSnapshotOf(removed),
      });
    }
    return removed?.task ?? null;
  }

  /**
   * /undo takes back the person's last change as long as it is still theirs to take back: they may
   * still change the task (rights are asked again, not remembered), and what the change did is still
   * there. A change undone restores only the fields it touched; anything else refuses with why.
   * The entry is taken once per update, so a redelivered /undo answers the same and undoes no more.
   */
  async undo(who: Asker, updateId: number): Promise<UndoOutcome> {
    // Undo is personal: an anonymous admin or a channel shares its account with others.
    if (!this.rights.isPerson) return { ok: false, reason: 'notPerson' };
    const { board, conversation } = this.stores;
    const entry = await conversation.popUndo(who.chat.id, who.user.id, updateId);
    if (!entry) return { ok: false, reason: 'nothing' };
    const refuse = (reason: 'gone' | 'changedSince' | 'notAllowed') => ({ ok: false, reason }) as const;
    const taskId = entry.kind === 'create' ? entry.taskId : entry.before.id;
    const current = await board.findInChat(who.chat.id, taskId);
    if (entry.kind === 'delete') {
      const outcome = await this.undoDelete(who, entry, current);
      await conversation.settleUndone(who.chat.id, updateId, entry);
      return outcome;
    }
    if (entry.kind === 'create') {
      // A task added and gone already (removed by a run of this /undo, or by someone since) is undone.
      if (current) {
        if (!(await this.mayChange(who, current))) return refuse('notAllowed');
        if (current.title !== entry.title) return refuse('changedSince');
        await board.remove(who.chat.id, entry.taskId);
      }
      return { ok: true, kind: 'create', title: entry.title };
    }
    if (!current) return refuse('gone');
    if (!(await this.mayChange(who, current))) return refuse('notAllowed');
    if (!entry.after) return refuse('changedSince');
    const plan = entry.next
      ? await board.series.undoCompletion(who.chat.id, entry.before, entry.after, entry.next)
      : await board.undoChange(who.chat.id, entry.before, entry.after);
    if (!plan.ok) return refuse(plan.reason);
    return { ok: true, kind: 'change', title: entry.before.title };
  }

  /**
   * A delete undone: the task put back under its old id, with its notes and files, only while
   * nothing has that id (or it is this very task, put back by a run of this /undo whose reply
   * failed), and by someone who may change it.
   */
  private async undoDelete(
    who: Asker,
    entry: Extract<UndoEntry, { kind: 'delete' }>,
    current: Task | null,
  ): Promise<UndoOutcome> {
    const { board } = this.stores;
    if (current && !isAsSnapshot(snapshotOf(current), entry.before))
      return { ok: false, reason: 'changedSince' };
    if (!(await this.mayChange(who, entry.before))) return { ok: false, reason: 'notAllowed' };
    if (!current) await board.restore(entry.before);
    // The rest of a series deleted with it, each unless something took its id since.
    for (const other of entry.others ?? []) {
      if (!(await board.findInChat(who.chat.id, other.id))) await board.restore(other);
    }
    return { ok: true, kind: 'delete', title: entry.before.title };
  }

  /** Open and done tasks of the chat whose title holds every word, newest first. */
  search(chatId: number, words: string[], limit: number): Promise<Task[]> {
    return this.stores.board.search(chatId, words, limit);
  }

  /** Open, done since the week began, and overdue tasks of the chat. */
  stats(chatId: number, now: Date, weekStart: Date) {
    return this.stores.board.stats(chatId, now, weekStart);
  }

  /**
   * /export's files of the chat's tasks (in private, with those assigned to the person elsewhere),
   * streamed when sent and stopped past `options.maxFileBytes`; 'notAllowed' for anyone but an admin
   * in a group.
   */
  async exportFor(who: Asker, options: ExportOptions): Promise<ExportFiles | 'notAllowed'> {
    if (!(await this.rights.mayExport(who))) return 'notAllowed';
    const { exports } = this.stores.board;
    const scope = exportScope(who.chat, who.user.id);
    const batches = () => exports.batches(scope);
    return {
      count: await exports.count(scope),
      csv: () => csvFile(batches, options.maxFileBytes),
      ics: () => icsFile(batches, options, options.maxFileBytes),
    };
  }

  /** The person's open tasks, of every chat or of one. */
  assignedTo(userId: number, limit: number, chatId?: number): Promise<Task[]> {
    return this.stores.board.listAssigned(userId, limit, chatId);
  }

  /**
   * Renames the task made from this message after the message was edited, unless it was renamed by
   * hand since. An edit is no change of the person's for /undo.
   */
  retitleFromSource(chatId: number, messageId: number, title: string) {
    return this.stores.board.retitleFromSource(chatId, messageId, title);
  }

  /** Moves the open task's reminder to `until`, even if it rang already; false when it is not open. */
  snooze(taskId: number, until: Date): Promise<boolean> {
    return this.stores.reminders.snooze(taskId, until);
  }
}
