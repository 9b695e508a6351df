// The Bot API objects the fake reads and writes, trimmed to the fields it models.
// Shapes follow https://core.telegram.org/bots/api; optional fields are left out when absent,
// as Telegram does.

import type { Failure } from './failures';

export interface User {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface BotUser extends User {
  is_bot: true;
  username: string;
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
  can_connect_to_business: boolean;
  has_main_web_app: boolean;
}

export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';

export interface Chat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  user?: User;
  language?: string;
  custom_emoji_id?: string;
}

export interface InlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  [field: string]: unknown;
}

export interface InlineKeyboardMarkup {
  inline_keyboard: InlineKeyboardButton[][];
}

export interface Message {
  message_id: number;
  date: number;
  chat: Chat;
  from?: User;
  text?: string;
  entities?: MessageEntity[];
  reply_markup?: InlineKeyboardMarkup;
  reply_to_message?: Message;
  edit_date?: number;
}

export interface CallbackQuery {
  id: string;
  from: User;
  message?: Message;
  chat_instance: string;
  data?: string;
}

/** The body of an update: exactly one field, naming its type (message, callback_query…). */
export interface UpdateContent {
  message?: Message;
  edited_message?: Message;
  callback_query?: CallbackQuery;
  [type: string]: unknown;
}

export interface Update extends UpdateContent {
  update_id: number;
}

/** An update to push; without `update_id` it gets the next one. */
export type NewUpdate = UpdateContent & { update_id?: number };

export interface BotCommand {
  command: string;
  description: string;
}

export type ChatMemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export interface WebhookInfo {
  url: string;
  has_custom_certificate: boolean;
  pending_update_count: number;
  max_connections?: number;
  allowed_updates?: string[];
}

export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

export type ApiResponse =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: ResponseParameters };

/** One answered Bot API request, as the fake recorded it. `seq` counts from 1 and never repeats. */
export interface Call {
  seq: number;
  method: string;
  token: string;
  payload: Record<string, unknown>;
  at: Date;
  response: ApiResponse;
  /** Set when an injected failure answered instead of the method (a late answer, hangMs, is not). */
  injected?: InjectedFailure;
}

/** How an injected failure answered a call, so tests can tell failed calls from real answers. */
export interface InjectedFailure {
  /**
   * What the client got: `error` Telegram's JSON error (as in `response`), `html` a proxy's HTML
   * error page, `reset` a reset connection and `hang` nothing until it gave up. For the last two
   * no HTTP answer was sent, and `response` says so with error_code 0.
   */
  kind: 'error' | 'html' | 'reset' | 'hang';
  failure: Failure;
  /** `queued` by failNext() for this one call, or an `outage` (failFor()) standing when it came. */
  source: 'queued' | 'outage';
}
