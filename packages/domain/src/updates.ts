// What the services need to know about a Telegram update before any handler runs: where it goes,
// whose it is. Telegram's own types (typegram, as telegraf ships them) describe the update; the
// functions read it defensively, since an update comes off the queue as JSON.

import type { Update, User } from '@telegraf/types';

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
export type UpdateKind = (typeof KNOWN_KINDS)[number];

/** An update's fields by name, for reading whichever payload it carries. */
const fieldsOf = (update: Update) => update as unknown as Partial<Record<string, unknown>>;

/** The kind of an update: the name of its one payload field, or undefined if it carries none we know. */
export function kindOf(update: Update): UpdateKind | undefined {
  const fields = fieldsOf(update);
  return KNOWN_KINDS.find((kind) => fields[kind] !== undefined && fields[kind] !== null);
}

/** The payload of an update (the message, the callback query...), when it carries one we know. */
export function payloadOf(update: Update): Record<string, unknown> | undefined {
  const kind = kindOf(update);
  const payload = kind ? fieldsOf(update)[kind] : undefined;
  return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : undefined;
}

export function routeOf(update: Update): UpdateRoute {
  const kind = kindOf(update);
  if (kind === 'callback_query') return 'callback';
  if (kind === 'message' || kind === 'edited_message') return 'command';
  return 'other';
}

/** The user who caused the update, when there is one. */
export function userOf(update: Update): User | undefined {
  const payload = payloadOf(update);
  const from = payload?.from ?? payload?.user;
  return from && typeof from === 'object' ? (from as User) : undefined;
}

/** The chat the update belongs to; updates of one chat must be handled in order. */
export function chatIdOf(update: Update): number | undefined {
  const payload = payloadOf(update);
  // A button press belongs to the chat of the message the button is on.
  const holder =
    kindOf(update) === 'callback_query' ? (payload?.message as Record<string, unknown>) : payload;
  const chat = holder?.chat as { id?: unknown } | undefined;
  if (typeof chat?.id === 'number') return chat.id;
  return userOf(update)?.id;
}

/**
 * Telegram's shared sender accounts, which stand for many people or for a chat: anonymous group
 * admins (GroupAnonymousBot), people posting as a channel (Channel_Bot), and automatic forwards from
 * a linked channel (777000, with is_bot false). None of them is a person.
 */
export const SHARED_SENDER_IDS: ReadonlySet<number> = new Set([1087968824, 136817688, 777000]);

/** GroupAnonymousBot: the account anonymous group admins write as. */
const ANONYMOUS_ADMIN_ID = 1087968824;

/** Whether a message's author is a person: not a shared account, not a channel or group speaking. */
export function isPersonAuthor(message: {
  from?: { id: number; is_bot?: boolean };
  sender_chat?: unknown;
}): boolean {
  const from = message.from;
  return !!from && !from.is_bot && !SHARED_SENDER_IDS.has(from.id) && message.sender_chat === undefined;
}

/**
 * Who is behind an update, as far as rights and personal things go:
 * - `person`: someone writing from their own account (every button press is one);
 * - `anonymous_admin`: an admin of this very group writing as the group (GroupAnonymousBot, with
 *   the group itself as sender_chat): Telegram lets only its admins do that, so it has that group's
 *   admin rights and nothing personal;
 * - `chat`: a channel or another chat speaking (someone posting as a channel, Channel_Bot, a linked
 *   channel's automatic forward, 777000): no rights beyond anyone's, nothing personal.
 */
export type SenderKind = 'person' | 'anonymous_admin' | 'chat';

export function senderKindOf(update: Update): SenderKind {
  const kind = kindOf(update);
  if (kind !== 'message' && kind !== 'edited_message') return 'person';
  const message = payloadOf(update) as {
    from?: { id: number; is_bot?: boolean };
    sender_chat?: { id?: unknown };
    chat?: { id?: unknown };
  };
  if (isPersonAuthor(message)) return 'person';
  const senderChat = message.sender_chat?.id;
  const fromGroupItself = typeof senderChat === 'number' && senderChat === message.chat?.id;
  if (fromGroupItself && message.from?.id === ANONYMOUS_ADMIN_ID) return 'anonymous_admin';
  return 'chat';
}

/**
 * Whose quota an update counts against in the per-user limit: the person, or, for a shared sender
 * account or a message sent on behalf of a chat, that chat (so anonymous admins of one group do not
 * spend another group's quota). Undefined when there is nobody to count.
 */
export function limitKeyOf(update: Update): string | undefined {
  const user = userOf(update);
  if (!user) return undefined;
  const senderChat = (payloadOf(update)?.sender_chat as { id?: unknown } | undefined)?.id;
  if (typeof senderChat === 'number') return `chat:${senderChat}`;
  if (SHARED_SENDER_IDS.has(user.id)) {
    const chat = chatIdOf(update);
    return chat === undefined ? undefined : `chat:${chat}`;
  }
  return String(user.id);
}
