import { ConversationStore } from '@taskbot/db/cache/ConversationStore';
import { PersonKeys } from '@taskbot/db/cache/PersonKeys';
import { ReferenceCache } from '@taskbot/db/cache/ReferenceCache';
import type { createDataSource } from '@taskbot/db/data-source';
import type { Chat } from '@taskbot/db/entities/Chat';
import type { User } from '@taskbot/db/entities/User';
import { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import { PersonRecords } from '@taskbot/db/repositories/PersonRecords';
import { ProjectRepository } from '@taskbot/db/repositories/ProjectRepository';
import { ReminderRepository } from '@taskbot/db/repositories/ReminderRepository';
import { SenderRegistry } from '@taskbot/db/repositories/SenderRegistry';
import { TaskBoardRepository } from '@taskbot/db/repositories/TaskBoardRepository';
import { TaskFileRepository } from '@taskbot/db/repositories/TaskFileRepository';
import { TaskNoteRepository } from '@taskbot/db/repositories/TaskNoteRepository';
import { UserRepository } from '@taskbot/db/repositories/UserRepository';
import type { PersonSettings } from '@taskbot/domain/effective-settings';
import { DEFAULT_EXPORT_MAX_FILE_BYTES } from '@taskbot/domain/export-task';
import type { Language } from '@taskbot/domain/language';
import { type SenderKind, senderKindOf } from '@taskbot/domain/updates';
import type { Logger } from '@taskbot/logger/logger';
import { ForgetService } from '@taskbot/tasks/forget-service';
import { ProjectService } from '@taskbot/tasks/project-service';
import { Rights } from '@taskbot/tasks/rights';
import { TaskFileService } from '@taskbot/tasks/task-files';
import { TaskNoteService } from '@taskbot/tasks/task-notes';
import { TaskService } from '@taskbot/tasks/task-service';
import type { Redis } from 'ioredis';
import { Context } from 'telegraf';

/** What handlers reach for: the stores, passed in by the composition root, never imported. */
export interface WorkerDeps {
  users: UserRepository;
  chats: ChatRepository;
  /** The sender and chat of each update, written only when they changed. */
  senders: SenderRegistry;
  board: TaskBoardRepository;
  /** Notes on tasks (replies to cards, forwarded messages' origins). */
  notes: TaskNoteRepository;
  /** Files attached to tasks. */
  files: TaskFileRepository;
  projects: ProjectRepository;
  reminders: ReminderRepository;
  /** Priorities and projects, read through Redis. */
  cache: ReferenceCache;
  /** Shown lists, undo entries, pending questions and admin statuses, in Redis. */
  conversation: ConversationStore;
  /** /forget_me: the person's rows in every table, and the Redis keys naming them. */
  people: PersonRecords;
  personKeys: PersonKeys;
  defaults: { timeZone: string; leadMinutes: number };
  /** The largest file /export sends, in bytes. */
  exportMaxFileBytes: number;
  now(): Date;
}

export interface WorkerDepsSettings {
  redisPrefix: string;
  defaultTimeZone: string;
  defaultLeadMinutes: number;
  /** Seconds a getChatMember answer about admins is cached (default 60). */
  adminCacheSeconds?: number;
  /** The largest file /export sends, in bytes (default DEFAULT_EXPORT_MAX_FILE_BYTES). */
  exportMaxFileBytes?: number;
}

export function createWorkerDeps(
  dataSource: ReturnType<typeof createDataSource>,
  redis: Redis,
  settings: WorkerDepsSettings,
): WorkerDeps {
  const users = new UserRepository(dataSource);
  const chats = new ChatRepository(dataSource);
  return {
    users,
    chats,
    senders: new SenderRegistry(dataSource, users, chats),
    board: new TaskBoardRepository(dataSource),
    notes: new TaskNoteRepository(dataSource),
    files: new TaskFileRepository(dataSource),
    projects: new ProjectRepository(dataSource),
    reminders: new ReminderRepository(dataSource),
    cache: new ReferenceCache(dataSource, redis, settings.redisPrefix),
    conversation: new ConversationStore(redis, settings.redisPrefix, settings.adminCacheSeconds),
    people: new PersonRecords(dataSource),
    personKeys: new PersonKeys(redis, settings.redisPrefix),
    defaults: { timeZone: settings.defaultTimeZone, leadMinutes: settings.defaultLeadMinutes },
    exportMaxFileBytes: settings.exportMaxFileBytes ?? DEFAULT_EXPORT_MAX_FILE_BYTES,
    now: () => new Date(),
  };
}

/** The person who sent an update and the chat it came from, as registered. */
export interface Sender {
  chat: Chat;
  user: User;
}

/** Marks an update the gateway removed NUL characters from (a key Telegram can never send). */
export const NUL_REMOVED = Symbol('nulRemoved');

interface Services {
  tasks: TaskService;
  projects: ProjectService;
  notes: TaskNoteService;
  forgetting: ForgetService;
  taskFiles: TaskFileService;
}

// The services of one update, made when a feature first asks (a field would not survive telegraf's
// narrowed context types, which keep only public members).
const servicesOf = new WeakMap<object, Services>();

/**
 * telegraf's context plus the user's language and settings in effect, the stores, the task and
 * project services and a logger bound to the update.
 */
export class BotContext extends Context {
  lang: Language = 'en';
  /** The sender's time zone and lead time; the defaults until ctx.sender() applied theirs. */
  person: PersonSettings = { timeZone: 'UTC', leadMinutes: 15 };
  deps!: WorkerDeps;
  log!: Logger;

  /** The task use cases, acting through this update's stores and Bot API client. */
  get tasks(): TaskService {
    return servicesFor(this).tasks;
  }

  /** Notes on tasks: who may write them, their limits, and tasks made from forwarded messages. */
  get notes(): TaskNoteService {
    return servicesFor(this).notes;
  }

  /** Files on tasks: attaching the file of a message (by anyone who may change the task), listing them. */
  get taskFiles(): TaskFileService {
    return servicesFor(this).taskFiles;
  }

  /** The chat's projects: who may do what to them, and their cached list kept current. */
  get projects(): ProjectService {
    return servicesFor(this).projects;
  }

  /** /forget_me: what the bot keeps about a person, and forgetting it. */
  get forgetting(): ForgetService {
    return servicesFor(this).forgetting;
  }

  /**
   * Registers the person and the chat on the first call and applies the person's settings; later
   * calls in the same update get the same answer (see senderMiddleware). Rejects for an update
   * without a sender or a chat.
   */
  sender!: () => Promise<Sender>;

  /**
   * A person, or a shared sender account (an anonymous admin, a channel): the latter have no
   * undo, task list or settings of their own (see senderKindOf).
   */
  get senderKind(): SenderKind {
    return senderKindOf(this.update);
  }

  /** The gateway removed NUL characters from this update: the reply says so. */
  get nulRemoved(): boolean {
    return NUL_REMOVED in this.update;
  }
}

function servicesFor(ctx: BotContext): Services {
  let services = servicesOf.get(ctx);
  if (!services) {
    const rights = new Rights(ctx.deps.conversation, ctx.telegram, ctx.senderKind);
    const tasks = new TaskService(ctx.deps, rights);
    services = {
      tasks,
      projects: new ProjectService(ctx.deps, rights),
      notes: new TaskNoteService(ctx.deps, rights, tasks),
      forgetting: new ForgetService(ctx.deps),
      taskFiles: new TaskFileService(ctx.deps, rights),
    };
    servicesOf.set(ctx, services);
  }
  return services;
}
