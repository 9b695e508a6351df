// What the services need to know about a Telegram update before any handler runs: where it goes,
// whose it is. Structural types only, so this stays free of any client library.

export interface TelegramUser {
  id: number;
  is_bot?: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TelegramChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  username?: string;
  first_name?: string;
}

export interface TelegramMessage {
  message_id: number;
  date: number;
  chat: TelegramChat;
  from?: TelegramUser;
  text?: string;
}

export interface TelegramCallbackQuery {
  id: string;
  from: TelegramUser;
  message?: TelegramMessage;
  data?: string;
}

export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
  edited_message?: TelegramMessage;
  channel_post?: TelegramMessage;
  edited_channel_post?: TelegramMessage;
  callback_query?: TelegramCallbackQuery;
  [kind: string]: unknown;
}

/**
 * Which work queue an update belongs to:
 * - `command`: messages, new or edited: commands, plain text, and service messages (members joining
 *   or leaving, a group's upgrade to a supergroup) → `telegram-commands`;
 * - `callback`: inline-button presses → `telegram-callbacks`;
 * - `other`: every other kind the bot subscribes to (`my_chat_member`, `chat_member`) → `telegram`.
 */
export type UpdateRoute = 'command' | 'callback' | 'other';

/**
 * The update kinds the bot asks Telegram for (setWebhook / getUpdates `allowed_updates`); the
 * gateway drops every other kind. `chat_member` comes only from groups where the bot is an admin;
 * elsewhere the `new_chat_members` / `left_chat_member` service messages tell the same.
 */
export const ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'callback_query',
  'my_chat_member',
  'chat_member',
] as const;

const KNOWN_KINDS = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'business_connection',
  'business_message',
  'edited_business_message',
  'deleted_business_messages',
  'message_reaction',
  'message_reaction_count',
  'inline_query',
  'chosen_inline_result',
  'callback_query',
  'shipping_query',
  'pre_checkout_query',
  'purchased_paid_media',
  'poll',
  'poll_answer',
  'my_chat_member',
  'chat_member',
  'chat_join_request',
  'chat_boost',
  'removed_chat_boost',
] as const;

/** The kind of an update: the name of its one payload field, or undefined if it carries none we know. */
export function kindOf(update: TelegramUpdate): string | undefined {
  return KNOWN_KINDS.find((kind) => update[kind] !== undefined && update[kind] !== null);
}

export function routeOf(update: TelegramUpdate): UpdateRoute {
  if (update.callback_query) return 'callback';
  if (update.message || update.edited_message) return 'command';
  return 'other';
}

function payloadOf(update: TelegramUpdate): Record<string, unknown> | undefined {
  const kind = kindOf(update);
  const payload = kind ? update[kind] : undefined;
  return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : undefined;
}

/** The user who caused the update, when there is one. */
export function userOf(update: TelegramUpdate): TelegramUser | undefined {
  const payload = payloadOf(update);
  const from = payload?.from ?? payload?.user;
  return from && typeof from === 'object' ? (from as TelegramUser) : undefined;
}

/** The chat the update belongs to; updates of one chat must be handled in order. */
export function chatIdOf(update: TelegramUpdate): number | undefined {
  if (update.callback_query) return update.callback_query.message?.chat.id ?? update.callback_query.from.id;
  const payload = payloadOf(update);
  const chat = payload?.chat as { id?: unknown } | undefined;
  if (typeof chat?.id === 'number') return chat.id;
  const user = userOf(update);
  return user?.id;
}

/**
 * Telegram's shared sender accounts, which stand for many people or for a chat: anonymous group
 * admins (GroupAnonymousBot), people posting as a channel (Channel_Bot), and automatic forwards from
 * a linked channel (777000, with is_bot false). None of them is a person.
 */
export const SHARED_SENDER_IDS: ReadonlySet<number> = new Set([1087968824, 136817688, 777000]);

/** Whether a message's author is a person: not a shared account, not a channel or group speaking. */
export function isPersonAuthor(message: {
  from?: { id: number; is_bot?: boolean };
  sender_chat?: unknown;
}): boolean {
  const from = message.from;
  return !!from && !from.is_bot && !SHARED_SENDER_IDS.has(from.id) && message.sender_chat === undefined;
}

/**
 * Whose quota an update counts against in the per-user limit: the person, or, for a shared sender
 * account or a message sent on behalf of a chat, that chat (so anonymous admins of one group do not
 * spend another group's quota). Undefined when there is nobody to count.
 */
export function limitKeyOf(update: TelegramUpdate): string | undefined {
  const user = userOf(update);
  if (!user) return undefined;
  const kind = kindOf(update);
  const payload = kind
    ? (update[kind] as { sender_chat?: { id?: unknown }; chat?: { id?: unknown } })
    : undefined;
  const senderChat = payload?.sender_chat?.id;
  if (typeof senderChat === 'number') return `chat:${senderChat}`;
  if (SHARED_SENDER_IDS.has(user.id)) {
    const chat = chatIdOf(update);
    return chat === undefined ? undefined : `chat:${chat}`;
  }
  return String(user.id);
}
