import { badRequest, forbidden } from '../bot-api-error';
import { BLOCKED_BY_USER } from '../failures';
import { sameContent } from '../same-content';
import type { Message } from '../types';
import { asReply } from '../updates';
import { inlineKeyboard, mediaCaption, messageText } from './message-content';
import { botAsAuthor, type MethodContext, type MethodHandler } from './method-context';

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a ' +
  'current content and reply markup of the message';

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

const KICKED_FROM = {
  group: 'bot was kicked from the group chat',
  supergroup: 'bot was kicked from the supergroup chat',
};

/** The target chat of a call that writes to it; a chat that blocked the bot answers 403. */
export function writableChatId({ params, chats }: MethodContext): number {
  const chatId = chats.resolveChatId(params.chatId());
  if (chats.isBlocked(chatId)) {
    const type: string = chats.chat(chatId).type;
    throw forbidden(type === 'group' || type === 'supergroup' ? KICKED_FROM[type] : BLOCKED_BY_USER);
  }
  return chatId;
}

export function repliedMessage(context: MethodContext, chatId: number): Message | undefined {
  const { params, chats } = context;
  const replyParameters = params.optionalJson('reply_parameters', "can't parse reply parameters JSON object");
  const fromParameters =
    typeof replyParameters === 'object' && replyParameters !== null
      ? (replyParameters as Record<string, unknown>)
      : undefined;
  const messageId = fromParameters?.message_id ?? params.optionalInt('reply_to_message_id');
  if (typeof messageId !== 'number') return undefined;
  const replied = chats.message(chatId, messageId);
  const withoutReply =
    fromParameters?.allow_sending_without_reply === true ||
    params.optionalBoolean('allow_sending_without_reply');
  if (!replied && !withoutReply) throw badRequest('message to be replied not found');
  return replied;
}

function editableMessage(context: MethodContext): Message {
  const { params, chats, bot } = context;
  // Messages sent via inline mode are not modelled, so no inline_message_id is ever valid.
  if (params.has('inline_message_id')) throw badRequest('MESSAGE_ID_INVALID');
  const chatId = writableChatId(context);
  const messageId = params.int('message_id', 'message identifier is not specified');
  const message = chats.message(chatId, messageId);
  if (!message) throw badRequest('message to edit not found');
  if (message.from?.id !== bot.id) throw badRequest("message can't be edited");
  return message;
}

/** Stores the edited message; Telegram drops the inline keyboard when an edit leaves it out. */
function saveEdit(context: MethodContext, message: Message, changes: Record<string, unknown>): Message {
  const edited: Record<string, unknown> = { ...message, ...changes, edit_date: context.now() };
  for (const field of ['entities', 'caption', 'caption_entities', 'reply_markup']) {
    if (edited[field] === undefined) delete edited[field];
  }
  context.chats.replace(edited as unknown as Message);
  return edited as unknown as Message;
}

/**
 * Stores a new message from the bot in the chat: `content` (text or a file, and its entities or
 * caption), the inline keyboard and the replied message the call names. Answers it as sent.
 */
export function appendFromBot(
  context: MethodContext,
  chatId: number,
  content: Record<string, unknown>,
): Message {
  const replyMarkup = inlineKeyboard(context.params);
  const replyTo = repliedMessage(context, chatId);
  return context.chats.append(
    chatId,
    (messageId) =>
      ({
        message_id: messageId,
        from: botAsAuthor(context.bot),
        chat: context.chats.chat(chatId),
        date: context.now(),
        ...(replyTo ? { reply_to_message: asReply(replyTo) } : {}),
        ...content,
        ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
      }) as Message,
  );
}

const sendMessage: MethodHandler = (context) => {
  const chatId = writableChatId(context);
  return appendFromBot(context, chatId, messageText(context.params));
};

const editMessageText: MethodHandler = (context) => {
  const message = editableMessage(context);
  if (!('text' in message)) throw badRequest('there is no text in the message to edit');
  const { text, entities } = messageText(context.params);
  const replyMarkup = inlineKeyboard(context.params);
  const unchanged =
    message.text === text &&
    sameContent(message.entities, entities) &&
    sameContent(message.reply_markup, replyMarkup);
  if (unchanged) throw badRequest(NOT_MODIFIED);
  return saveEdit(context, message, { text, entities, reply_markup: replyMarkup });
};

const editMessageCaption: MethodHandler = (context) => {
  const message = editableMessage(context);
  if ('text' in message) throw badRequest('there is no caption in the message to edit');
  const { caption, caption_entities } = mediaCaption(context.params);
  const replyMarkup = inlineKeyboard(context.params);
  const unchanged =
    message.caption === caption &&
    sameContent(message.caption_entities, caption_entities) &&
    sameContent(message.reply_markup, replyMarkup);
  if (unchanged) throw badRequest(NOT_MODIFIED);
  return saveEdit(context, message, { caption, caption_entities, reply_markup: replyMarkup });
};

const editMessageReplyMarkup: MethodHandler = (context) => {
  const message = editableMessage(context);
  const replyMarkup = inlineKeyboard(context.params);
  if (sameContent(message.reply_markup, replyMarkup)) throw badRequest(NOT_MODIFIED);
  return saveEdit(context, message, { reply_markup: replyMarkup });
};

const deleteMessage: MethodHandler = ({ params, chats }) => {
  const chatId = chats.resolveChatId(params.chatId());
  const messageId = params.int('message_id', 'message identifier is not specified');
  if (!chats.delete(chatId, messageId)) throw badRequest('message to delete not found');
  return true;
};

const sendChatAction: MethodHandler = (context) => {
  writableChatId(context);
  const action = context.params.optionalString('action');
  if (!action || !CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
  return true;
};

export const messageMethods: Record<string, MethodHandler> = {
  sendMessage,
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  sendChatAction,
};
