// How Telegram reports the life of a chat, read into the few events the bot acts on: the bot added
// to or removed from a group, blocked or unblocked by a person, a member joining or leaving, a group
// upgraded to a supergroup. Updates come off the queue as JSON, so every field is checked here
// before a handler trusts it.

import type { Chat, User } from '@telegraf/types';
import { parseCommand } from './command';

/** Telegram's ChatMember statuses. */
export const MEMBER_STATUSES = [
  'creator',
  'administrator',
  'member',
  'restricted',
  'left',
  'kicked',
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** One side of a ChatMemberUpdated: who, and how they stand in the chat. */
export interface MemberState {
  user: User;
  status: MemberStatus;
  /** Only for `restricted`: whether they are still in the chat. */
  isMember?: boolean;
}

/** A `my_chat_member` or `chat_member` update's payload, checked. */
export interface ChatMemberChange {
  chat: Chat;
  /** Who made the change: an admin, or the member themself. */
  from: User;
  before: MemberState;
  after: MemberState;
}

const CHAT_TYPES: ReadonlySet<unknown> = new Set(['private', 'group', 'supergroup', 'channel']);
const STATUSES: ReadonlySet<unknown> = new Set(MEMBER_STATUSES);

type Fields = Record<string, unknown>;
const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function asTelegramUser(value: unknown): User | undefined {
  if (!isRecord(value) || !Number.isSafeInteger(value.id) || typeof value.first_name !== 'string') {
    return undefined;
  }
  return value as unknown as User;
}

export function asTelegramChat(value: unknown): Chat | undefined {
  if (!isRecord(value) || !Number.isSafeInteger(value.id) || !CHAT_TYPES.has(value.type)) return undefined;
  return value as unknown as Chat;
}

function asMemberState(value: unknown): MemberState | undefined {
  if (!isRecord(value) || !STATUSES.has(value.status)) return undefined;
  const user = asTelegramUser(value.user);
  if (!user) return undefined;
  const state: MemberState = { user, status: value.status as MemberStatus };
  if (typeof value.is_member === 'boolean') state.isMember = value.is_member;
  return state;
}

/** The payload of `my_chat_member` / `chat_member`, or undefined when it is not one Telegram sends. */
export function parseChatMemberChange(payload: unknown): ChatMemberChange | undefined {
  if (!isRecord(payload)) return undefined;
  const chat = asTelegramChat(payload.chat);
  const from = asTelegramUser(payload.from);
  const before = asMemberState(payload.old_chat_member);
  const after = asMemberState(payload.new_chat_member);
  if (!chat || !from || !before || !after) return undefined;
  return { chat, from, before, after };
}

/** Whether someone with this state is in the chat (a restricted member may or may not be). */
export function isPresent(state: Pick<MemberState, 'status' | 'isMember'>): boolean {
  switch (state.status) {
    case 'creator':
    case 'administrator':
    case 'member':
      return true;
    case 'restricted':
      return state.isMember ?? true;
    default:
      return false;
  }
}

/**
 * What a change of the bot's own membership means. In a private chat `kicked` is the person
 * blocking the bot and `member` unblocking it (or starting it anew); in a group the bot comes in or
 * goes out. A change that keeps the bot where it was (a promotion to admin) is `unchanged`.
 */
export type BotMembershipEvent = 'blocked' | 'unblocked' | 'added' | 'removed' | 'unchanged';

export function botMembershipEvent(change: ChatMemberChange): BotMembershipEvent {
  const was = isPresent(change.before);
  const is = isPresent(change.after);
  if (was === is) return 'unchanged';
  if (change.chat.type === 'private') return is ? 'unblocked' : 'blocked';
  return is ? 'added' : 'removed';
}

/** What a change of someone else's membership means for the chat's list of members. */
export function memberEvent(change: ChatMemberChange): 'joined' | 'left' | 'unchanged' {
  const was = isPresent(change.before);
  const is = isPresent(change.after);
  if (was === is) return 'unchanged';
  return is ? 'joined' : 'left';
}

/**
 * A group upgraded to a supergroup: Telegram says so twice, with `migrate_to_chat_id` in a message
 * of the old group and `migrate_from_chat_id` in a message of the new supergroup. Either one names
 * both chats.
 */
export interface ChatMigration {
  fromChatId: number;
  toChatId: number;
  /** The message came from the new supergroup (its chat describes the new chat). */
  seenIn: 'old' | 'new';
}

export function chatMigrationOf(message: unknown): ChatMigration | undefined {
  if (!isRecord(message)) return undefined;
  const chat = asTelegramChat(message.chat);
  if (!chat) return undefined;
  const to = message.migrate_to_chat_id;
  const from = message.migrate_from_chat_id;
  if (Number.isSafeInteger(to) && to !== chat.id) {
    return { fromChatId: chat.id, toChatId: to as number, seenIn: 'old' };
  }
  if (Number.isSafeInteger(from) && from !== chat.id) {
    return { fromChatId: from as number, toChatId: chat.id, seenIn: 'new' };
  }
  return undefined;
}

/** The people a `new_chat_members` service message names (bots included; the caller decides). */
export function joinedUsersOf(message: unknown): User[] {
  if (!isRecord(message) || !Array.isArray(message.new_chat_members)) return [];
  return message.new_chat_members.flatMap((value) => asTelegramUser(value) ?? []);
}

/** The person a `left_chat_member` service message names. */
export function leftUserOf(message: unknown): User | undefined {
  return isRecord(message) ? asTelegramUser(message.left_chat_member) : undefined;
}

/**
 * The quick-add text of a message, as /add or plain text made a task of it: the argument of /add or
 * /new (ours, not another bot's), or in a private chat the whole text. Undefined for any other text,
 * so editing a /tasks or a group's chatter renames nothing.
 */
export function taskTextOf(text: string, chatType: Chat['type'], botUsername: string): string | undefined {
  if (text.trimStart().startsWith('/')) {
    const command = parseCommand(text, botUsername);
    return command && (command.name === 'add' || command.name === 'new') ? command.args : undefined;
  }
  return chatType === 'private' ? text : undefined;
}
