import type { Chat, Update } from '@telegraf/types';
import type { FileKind } from './files/file-ids';
import { type FileDetails, mediaObject } from './files/media-objects';
import { chatTypeOf } from './state/chat-store';
import type { CallbackQuery, Message, MessageEntity, ReplyMessage, User } from './types';

/** A chat a person writes in: private, a group or a supergroup (channels have posts, not messages). */
export type MessageChat = Exclude<Chat, Chat.ChannelChat>;

// Builders for the updates Telegram sends, for tests and the sandbox. Ids not given come from
// process-wide counters, so they increase across builders. Pushed to a FakeBotApi, a message whose
// id its chat already uses is renumbered (see ChatStore.recordIncoming).

let lastUpdateId = 0;
let lastMessageId = 0;
let lastCallbackQueryId = 0;

const nextUpdateId = (): number => {
  lastUpdateId += 1;
  return lastUpdateId;
};

const unixNow = (): number => Math.floor(Date.now() / 1000);

export function user(id: number, details: Partial<Omit<User, 'id'>> = {}): User {
  return { id, is_bot: false, first_name: `User ${id}`, ...details };
}

export function privateChat(of: User): MessageChat {
  const chat: Chat.PrivateChat = { id: of.id, type: 'private', first_name: of.first_name };
  if (of.last_name) chat.last_name = of.last_name;
  if (of.username) chat.username = of.username;
  return chat;
}

/** A group (negative id) or supergroup (id below -10^12, as -100… ids are). */
export function groupChat(id: number, title: string): MessageChat {
  if (id >= 0) throw new Error(`a group chat id is negative, got ${id}`);
  return chatTypeOf(id) === 'supergroup' ? { id, type: 'supergroup', title } : { id, type: 'group', title };
}

// A command is "/" and up to 32 letters, digits or underscores, optionally "@botusername", standing
// alone between whitespace; Telegram marks each one with a bot_command entity (offsets in UTF-16 units).
const COMMAND = /(^|\s)(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?=\s|$)/g;

export function commandEntities(text: string): MessageEntity[] {
  return [...text.matchAll(COMMAND)].map((match) => ({
    type: 'bot_command',
    offset: (match.index ?? 0) + (match[1]?.length ?? 0),
    length: match[2]?.length ?? 0,
  }));
}

/** A replied message as Telegram quotes it in the reply: without a reply_to_message of its own. */
export function asReply({ reply_to_message: _, ...replied }: Message): ReplyMessage {
  return replied as ReplyMessage;
}

/** A message a person sent, as its update carries it. */
export function asIncoming(message: Message): Update.MessageUpdate<Message>['message'] {
  return message as Update.MessageUpdate<Message>['message'];
}

export interface TextMessageOptions {
  updateId?: number;
  messageId?: number;
  date?: number;
  chat: MessageChat;
  from: User;
  text: string;
}

/** A text message from a user, with bot_command entities as Telegram adds them. */
export function textMessage({
  updateId,
  messageId,
  date,
  chat,
  from,
  text,
}: TextMessageOptions): Update.MessageUpdate<Message> {
  if (messageId === undefined) lastMessageId += 1;
  const entities = commandEntities(text);
  const message: Update.MessageUpdate<Message>['message'] = {
    message_id: messageId ?? lastMessageId,
    from,
    chat,
    date: date ?? unixNow(),
    text,
    ...(entities.length > 0 ? { entities } : {}),
  };
  return { update_id: updateId ?? nextUpdateId(), message };
}

export interface FileMessageOptions extends Omit<TextMessageOptions, 'text'>, FileDetails {
  /** The caption; commands in it get bot_command caption entities, as Telegram marks them. */
  caption?: string;
  /** The message this one replies to (a task card, say). */
  replyTo?: Message;
}

/**
 * A message with a new photo, document, voice message or video (fresh file ids), as a person sends
 * one. Pushed to a FakeBotApi (or shown to it with seeUpdate), its file becomes one the bot may send.
 */
export function fileMessage(kind: FileKind, options: FileMessageOptions): Update.MessageUpdate<Message> {
  const { updateId, messageId, date, chat, from, caption, replyTo, ...details } = options;
  if (messageId === undefined) lastMessageId += 1;
  const entities = caption === undefined ? [] : commandEntities(caption);
  const message = {
    message_id: messageId ?? lastMessageId,
    from,
    chat,
    date: date ?? unixNow(),
    ...(replyTo ? { reply_to_message: asReply(replyTo) } : {}),
    [kind]: mediaObject(kind, details),
    ...(caption !== undefined ? { caption } : {}),
    ...(entities.length > 0 ? { caption_entities: entities } : {}),
  } as unknown as Update.MessageUpdate<Message>['message'];
  return { update_id: updateId ?? nextUpdateId(), message };
}

export const photoMessage = (options: FileMessageOptions) => fileMessage('photo', options);
export const documentMessage = (options: FileMessageOptions) => fileMessage('document', options);
export const voiceMessage = (options: FileMessageOptions) => fileMessage('voice', options);
export const videoMessage = (options: FileMessageOptions) => fileMessage('video', options);

export interface CallbackQueryOptions {
  updateId?: number;
  id?: string;
  from: User;
  /** The bot's message whose button was pressed. */
  message: Message;
  data: string;
}

/** A press on an inline button with callback_data. */
export function callbackQuery({
  updateId,
  id,
  from,
  message,
  data,
}: CallbackQueryOptions): Update.CallbackQueryUpdate<CallbackQuery.DataQuery> {
  lastCallbackQueryId += 1;
  const query: CallbackQuery.DataQuery = {
    id: id ?? `${from.id}${String(lastCallbackQueryId).padStart(6, '0')}`,
    from,
    message,
    chat_instance: String(BigInt.asUintN(63, BigInt(message.chat.id) * 2_654_435_761n)),
    data,
  };
  return { update_id: updateId ?? nextUpdateId(), callback_query: query };
}
