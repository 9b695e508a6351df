import type { FileStore } from '../files/file-store';
import type { Params } from '../params';
import type { BotSettings } from '../state/bot-settings';
import type { ChatStore } from '../state/chat-store';
import type { UpdateQueue } from '../state/update-queue';
import type { BotUser, User } from '../types';

/** What a Bot API method sees: its parameters and the fake's state. */
export interface MethodContext {
  params: Params;
  token: string;
  bot: BotUser;
  chats: ChatStore;
  updates: UpdateQueue;
  settings: BotSettings;
  files: FileStore;
  /** Unix time in seconds, as Telegram dates are. */
  now(): number;
}

export type MethodHandler = (context: MethodContext) => unknown | Promise<unknown>;

/** The bot as the author of a message: Telegram leaves the getMe-only flags out. */
export function botAsAuthor(bot: BotUser): User {
  return { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username };
}
