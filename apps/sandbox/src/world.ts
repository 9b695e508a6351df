import type { Chat, User } from '@taskbot/fake-bot-api/types';
import type { MessageChat } from '@taskbot/fake-bot-api/updates';

// The people and chats of the sandbox: a few users, each with a private chat with the bot, and one
// group they are all in. The first user created the group, so the group's admin-only actions work.

export type Language = 'en' | 'ru';

export const LANGUAGES: readonly Language[] = ['en', 'ru'];

export interface SandboxUser extends User {
  language_code: Language;
}

export type SandboxChat = MessageChat & {
  /** Who is in the chat besides the bot. */
  memberIds: number[];
};

export const DEFAULT_USERS: readonly SandboxUser[] = [
  { id: 700_000_001, is_bot: false, first_name: 'Alice', username: 'alice', language_code: 'en' },
  { id: 700_000_002, is_bot: false, first_name: 'Борис', username: 'boris', language_code: 'ru' },
  { id: 700_000_003, is_bot: false, first_name: 'Carol', username: 'carol', language_code: 'en' },
];

/**
 * Carol hides her account in forwards (Telegram's Privacy › Forwarded messages: Nobody): a forward
 * of her message names her as a hidden_user, by name only, with no link to her account.
 */
export const HIDDEN_IN_FORWARDS: ReadonlySet<number> = new Set([700_000_003]);

export const GROUP_ID = -1_001_700_000_001;
export const GROUP_TITLE = 'Team · Команда';

export function privateChatOf(user: SandboxUser): SandboxChat {
  return {
    id: user.id,
    type: 'private',
    first_name: user.first_name,
    ...(user.username ? { username: user.username } : {}),
    memberIds: [user.id],
  };
}

export function groupOf(users: readonly SandboxUser[]): SandboxChat {
  return { id: GROUP_ID, type: 'supergroup', title: GROUP_TITLE, memberIds: users.map((u) => u.id) };
}

/** The chat as updates carry it: without the sandbox's member list. */
export function chatForUpdates({ memberIds: _members, ...chat }: SandboxChat): Chat {
  return chat as Chat;
}
