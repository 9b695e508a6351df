import type { ChatMemberStatus, User } from '../types';
import { botAsAuthor, type MethodHandler } from './method-context';

// The rights an administrator or restricted member reports; the fake grants or denies them all.
const ADMIN_RIGHTS = [
  'can_manage_chat',
  'can_delete_messages',
  'can_manage_video_chats',
  'can_restrict_members',
  'can_change_info',
  'can_invite_users',
  'can_post_stories',
  'can_edit_stories',
  'can_delete_stories',
  'can_pin_messages',
  'can_manage_topics',
];
const MEMBER_PERMISSIONS = [
  'can_send_messages',
  'can_send_audios',
  'can_send_documents',
  'can_send_photos',
  'can_send_videos',
  'can_send_video_notes',
  'can_send_voice_notes',
  'can_send_polls',
  'can_send_other_messages',
  'can_add_web_page_previews',
  'can_change_info',
  'can_invite_users',
  'can_pin_messages',
  'can_manage_topics',
];

const all = (names: string[], value: boolean): Record<string, boolean> =>
  Object.fromEntries(names.map((name) => [name, value]));

/** A ChatMember object of the given status, shaped as Telegram sends that status. */
export function chatMember(status: ChatMemberStatus, user: User): Record<string, unknown> {
  switch (status) {
    case 'creator':
      return { status, user, is_anonymous: false };
    case 'administrator':
      return { status, user, can_be_edited: false, is_anonymous: false, ...all(ADMIN_RIGHTS, true) };
    case 'restricted':
      return { status, user, is_member: true, ...all(MEMBER_PERMISSIONS, false), until_date: 0 };
    case 'kicked':
      return { status, user, until_date: 0 };
    default:
      return { status, user };
  }
}

const getChat: MethodHandler = ({ params, chats }) => {
  const chat = chats.chat(chats.resolveChatId(params.chatId()));
  return { ...chat, accent_color_id: 0, max_reaction_count: 11 };
};

const getChatMember: MethodHandler = ({ params, chats, bot }) => {
  const chatId = chats.resolveChatId(params.chatId());
  const userId = params.int('user_id', 'invalid user_id specified');
  const user = userId === bot.id ? botAsAuthor(bot) : chats.user(userId);
  const ownPrivateChat = chatId > 0 && chatId === userId;
  const status = chats.memberStatus(chatId, userId) ?? (ownPrivateChat ? 'creator' : 'member');
  return chatMember(status, user);
};

export const chatMethods: Record<string, MethodHandler> = { getChat, getChatMember };
