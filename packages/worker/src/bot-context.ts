import type { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import type { TaskRepository } from '@taskbot/db/repositories/TaskRepository';
import type { UserRepository } from '@taskbot/db/repositories/UserRepository';
import type { Language } from '@taskbot/domain/language';
import type { Logger } from '@taskbot/logger/logger';
import { Context } from 'telegraf';

/** What handlers reach for: the stores, passed in by the composition root, never imported. */
export interface WorkerDeps {
  users: UserRepository;
  chats: ChatRepository;
  tasks: TaskRepository;
}

/** telegraf's context plus the user's language, the stores and a logger bound to the update. */
export class BotContext extends Context {
  lang: Language = 'en';
  deps!: WorkerDeps;
  log!: Logger;
}
