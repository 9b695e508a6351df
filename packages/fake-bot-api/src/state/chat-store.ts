import { badRequest } from '../bot-api-error';
import { sameContent } from '../same-content';
import type { Chat, ChatMemberStatus, ChatType, Message, User } from '../types';

// Supergroup and channel ids are -100 followed by the internal id, so they sit below -10^12.
const SUPERGROUP_ID_LIMIT = -1_000_000_000_000;

export function chatTypeOf(chatId: number): ChatType {
  if (chatId > 0) return 'private';
  return chatId <= SUPERGROUP_ID_LIMIT ? 'supergroup' : 'group';
}

interface ChatHistory {
  lastMessageId: number;
  messages: Map<number, Message>;
}

/**
 * What the fake knows about chats: their details (learned from pushed updates, derived from the id
 * otherwise), their messages as they are now (edited in place, deleted ones gone), member statuses
 * and which chats have blocked the bot. Messages are handed out as copies.
 */
export class ChatStore {
  private readonly chats = new Map<number, Chat>();
  private readonly users = new Map<number, User>();
  private readonly histories = new Map<number, ChatHistory>();
  private readonly memberStatuses = new Map<string, ChatMemberStatus>();
  private readonly blocked = new Set<number>();

  /** The chat as the fake knows it; an unknown private chat takes its names from a known user. */
  chat(chatId: number): Chat {
    const known = this.chats.get(chatId);
    if (known) return { ...known };
    const user = chatId > 0 ? this.users.get(chatId) : undefined;
    const chat: Record<string, unknown> = { id: chatId, type: chatTypeOf(chatId) };
    if (user?.first_name) chat.first_name = user.first_name;
    if (user?.last_name) chat.last_name = user.last_name;
    if (user?.username) chat.username = user.username;
    return chat as unknown as Chat;
  }

  /** Turns a `chat_id` parameter into a numeric id; `@username` works for chats the fake has seen. */
  resolveChatId(ref: number | string): number {
    if (typeof ref === 'number') return ref;
    const username = ref.slice(1).toLowerCase();
    for (const chat of this.chats.values()) {
      if ('username' in chat && chat.username?.toLowerCase() === username) return chat.id;
    }
    throw badRequest('chat not found');
  }

  user(userId: number): User {
    return { ...(this.users.get(userId) ?? { id: userId, is_bot: false, first_name: `User ${userId}` }) };
  }

  learnChat(chat: Chat): void {
    this.chats.set(chat.id, { ...chat });
  }

  learnUser(user: User): void {
    this.users.set(user.id, { ...user });
  }

  /**
   * Stores a message that arrived from outside (a pushed update) and returns it as stored. Telegram
   * numbers a chat's messages itself, so a message whose id another message of the chat already has
   * gets the chat's next id; the same message pushed again keeps its id. Later ids follow it.
   */
  recordIncoming(message: Message): Message {
    this.learnChat(message.chat);
    if (message.from) this.learnUser(message.from);
    const history = this.history(message.chat.id);
    const holder = history.messages.get(message.message_id);
    const stored =
      holder && !sameContent(holder, message)
        ? { ...message, message_id: history.lastMessageId + 1 }
        : message;
    history.lastMessageId = Math.max(history.lastMessageId, stored.message_id);
    history.messages.set(stored.message_id, structuredClone(stored));
    return structuredClone(stored);
  }

  /** Stores a new message under the chat's next message id and returns it. */
  append(chatId: number, build: (messageId: number) => Message): Message {
    const history = this.history(chatId);
    history.lastMessageId += 1;
    const message = build(history.lastMessageId);
    history.messages.set(message.message_id, structuredClone(message));
    return message;
  }

  message(chatId: number, messageId: number): Message | undefined {
    const message = this.histories.get(chatId)?.messages.get(messageId);
    return message && structuredClone(message);
  }

  replace(message: Message): void {
    const history = this.history(message.chat.id);
    history.lastMessageId = Math.max(history.lastMessageId, message.message_id);
    history.messages.set(message.message_id, structuredClone(message));
  }

  delete(chatId: number, messageId: number): boolean {
    return this.histories.get(chatId)?.messages.delete(messageId) ?? false;
  }

  /** The chat's current messages, oldest first. */
  messagesOf(chatId: number): Message[] {
    const messages = this.histories.get(chatId)?.messages.values() ?? [];
    return [...messages].sort((a, b) => a.message_id - b.message_id).map((m) => structuredClone(m));
  }

  setMemberStatus(chatId: number, userId: number, status: ChatMemberStatus): void {
    this.memberStatuses.set(`${chatId}:${userId}`, status);
  }

  memberStatus(chatId: number, userId: number): ChatMemberStatus | undefined {
    return this.memberStatuses.get(`${chatId}:${userId}`);
  }

  block(chatId: number): void {
    this.blocked.add(chatId);
  }

  unblock(chatId: number): void {
    this.blocked.delete(chatId);
  }

  isBlocked(chatId: number): boolean {
    return this.blocked.has(chatId);
  }

  reset(): void {
    this.chats.clear();
    this.users.clear();
    this.histories.clear();
    this.memberStatuses.clear();
    this.blocked.clear();
  }

  private history(chatId: number): ChatHistory {
    let history = this.histories.get(chatId);
    if (!history) {
      history = { lastMessageId: 0, messages: new Map() };
      this.histories.set(chatId, history);
    }
    return history;
  }
}
