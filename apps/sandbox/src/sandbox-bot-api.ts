import { BotApiCore, type BotApiOptions } from '@taskbot/fake-bot-api/bot-api-core';
import { BotApiError } from '@taskbot/fake-bot-api/bot-api-error';
import { Params, type Payload } from '@taskbot/fake-bot-api/params';
import type { BotCommand, Call, Message } from '@taskbot/fake-bot-api/types';
import { asIncoming, asReply, callbackQuery, commandEntities } from '@taskbot/fake-bot-api/updates';
import { withParsedText } from './bot-text';
import { botSees, forwardedContent, hiddenNames } from './forwarding';
import {
  MAX_CAPTION_LENGTH,
  MAX_TEXT_LENGTH,
  type SandboxEvent,
  type SandboxFile,
  SandboxInputError,
  type ShownMessage,
  type Snapshot,
} from './sandbox-io';
import { kindOfUpload } from './upload-kind';
import {
  chatForUpdates,
  DEFAULT_USERS,
  groupOf,
  HIDDEN_IN_FORWARDS,
  LANGUAGES,
  type Language,
  privateChatOf,
  type SandboxChat,
  type SandboxUser,
} from './world';

// The sandbox keeps no call history; the log is emptied now and then so a long session stays small.
const CALL_LOG_LIMIT = 500;

const MAX_PENDING_QUERIES = 1_000;

interface PendingQuery {
  userId: number;
  chatId: number;
}

/**
 * The fake Bot API as people use it: a fixed world of users and chats, messages they type and
 * buttons they press turned into updates, and an event for everything the bot does that a chat
 * window shows (new and edited messages, deletions, callback answers, typing).
 */
export class SandboxBotApi extends BotApiCore {
  private readonly users = new Map<number, SandboxUser>();
  private readonly sandboxChats: SandboxChat[];
  private readonly forceReplies = new Set<string>();
  private readonly queries = new Map<string, PendingQuery>();
  private readonly listeners = new Set<(event: SandboxEvent) => void>();
  private callsSinceTrim = 0;

  constructor(users: readonly SandboxUser[] = DEFAULT_USERS, options: BotApiOptions = {}) {
    super(options);
    for (const user of users) this.users.set(user.id, { ...user });
    this.sandboxChats = [groupOf(users), ...users.map(privateChatOf)];
    for (const chat of this.sandboxChats) this.chats.learnChat(chatForUpdates(chat));
    for (const user of users) this.chats.learnUser(user);
    const [founder] = users;
    if (founder) this.setChatMemberStatus(groupOf(users).id, founder.id, 'creator');
  }

  /** Receives every event until the returned function is called. */
  subscribe(listener: (event: SandboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  override async call(token: string, methodName: string, payload: Payload): Promise<Call> {
    let prepared: Payload;
    try {
      prepared = withParsedText(methodName, payload);
    } catch (error) {
      if (!(error instanceof BotApiError)) throw error;
      const response = error.toResponse();
      return this.callLog.record({ method: methodName, token, payload, at: new Date(), response });
    }
    const call = await super.call(token, methodName, prepared);
    if (call.response.ok) this.announce(call, call.response.result);
    this.callsSinceTrim += 1;
    if (this.callsSinceTrim >= CALL_LOG_LIMIT) {
      this.callsSinceTrim = 0;
      this.clear();
    }
    return call;
  }

  /** Ends what still waits (long polls, late answers), for a sandbox that stops. */
  stopWaiting(): void {
    this.abandonWaitingCalls();
  }

  snapshot(): Snapshot {
    return {
      bot: { id: this.bot.id, first_name: this.bot.first_name, username: this.bot.username },
      users: [...this.users.values()].map((user) => ({ ...user })),
      chats: this.sandboxChats.map((chat) => ({ ...chat, memberIds: [...chat.memberIds] })),
      messages: Object.fromEntries(
        this.sandboxChats.map((chat) => [
          String(chat.id),
          this.messagesOf(chat.id).map((m) => this.shown(m)),
        ]),
      ),
      commands: this.commandMenus(),
    };
  }

  /** A user types `text` into a chat (optionally replying to a message); the bot gets the update. */
  say(userId: number, chatId: number, text: string, replyToMessageId?: number): ShownMessage {
    this.member(userId, chatId);
    if (text.trim() === '') throw new SandboxInputError(400, 'the message is empty');
    if (text.length > MAX_TEXT_LENGTH) {
      throw new SandboxInputError(400, `the message is longer than ${MAX_TEXT_LENGTH} characters`);
    }
    const entities = commandEntities(text);
    return this.post(userId, chatId, replyToMessageId, {
      text,
      ...(entities.length > 0 ? { entities } : {}),
    });
  }

  /**
   * A user sends a file with an optional caption: an image as a photo, OGG audio as a voice
   * message, an MP4 as a video, anything else as a document. The bot may then send it by file_id.
   */
  sendFile(userId: number, chatId: number, file: SandboxFile, replyToMessageId?: number): ShownMessage {
    this.member(userId, chatId);
    const caption = file.caption ?? '';
    if (caption.length > MAX_CAPTION_LENGTH) {
      throw new SandboxInputError(400, `the caption is longer than ${MAX_CAPTION_LENGTH} characters`);
    }
    if (file.bytes.length === 0) throw new SandboxInputError(400, 'the file is empty');
    const kind = kindOfUpload(file.fileName, file.mimeType, file.bytes);
    const media = this.files.upload(kind, file.bytes, {
      fileName: file.fileName,
      contentType: file.mimeType,
    });
    const entities = commandEntities(caption);
    return this.post(userId, chatId, replyToMessageId, {
      [kind]: media,
      ...(caption !== '' ? { caption } : {}),
      ...(entities.length > 0 ? { caption_entities: entities } : {}),
    });
  }

  /**
   * A user forwards a message of a chat they are in to another (or the same) chat, as Telegram
   * does: a new message from them with the original's content and its forward_origin.
   */
  forward(userId: number, fromChatId: number, messageId: number, toChatId: number): ShownMessage {
    this.member(userId, fromChatId);
    this.member(userId, toChatId);
    const original = this.existing(fromChatId, messageId);
    return this.post(
      userId,
      toChatId,
      undefined,
      forwardedContent(original, hiddenNames(HIDDEN_IN_FORWARDS)),
    );
  }

  /** Stores what a user sent and hands it to the bot if the bot sees it. */
  private post(
    userId: number,
    chatId: number,
    replyToMessageId: number | undefined,
    content: Record<string, unknown>,
  ): ShownMessage {
    const from = this.member(userId, chatId);
    const replyTo = replyToMessageId === undefined ? undefined : this.existing(chatId, replyToMessageId);
    const message = this.chats.append(
      chatId,
      (messageId) =>
        ({
          message_id: messageId,
          from,
          chat: this.chats.chat(chatId),
          date: Math.floor(Date.now() / 1000),
          ...(replyTo ? { reply_to_message: asReply(replyTo) } : {}),
          ...content,
        }) as Message,
    );
    if (botSees(message, this.bot)) this.pushUpdate({ message: asIncoming(message) });
    this.emit({ type: 'message', chatId, message });
    return message;
  }

  /** A user presses an inline button of a message; the bot gets a callback_query. Answers its id. */
  press(userId: number, chatId: number, messageId: number, data: string): string {
    const from = this.member(userId, chatId);
    const message = this.existing(chatId, messageId);
    const buttons = message.reply_markup?.inline_keyboard.flat() ?? [];
    if (!buttons.some((button) => 'callback_data' in button && button.callback_data === data)) {
      throw new SandboxInputError(400, `message ${messageId} has no button with that data`);
    }
    // The builder numbers updates on its own; the queue numbers them after the ones before.
    const { update_id: _builderId, ...update } = callbackQuery({ from, message, data });
    const queryId = update.callback_query?.id ?? '';
    this.queries.set(queryId, { userId, chatId });
    // Presses the bot never answered are forgotten, oldest first.
    if (this.queries.size > MAX_PENDING_QUERIES) this.queries.delete(this.queries.keys().next().value ?? '');
    this.pushUpdate(update);
    return queryId;
  }

  setLanguage(userId: number, language: string): SandboxUser {
    const user = this.users.get(userId);
    if (!user) throw new SandboxInputError(404, `no user ${userId}`);
    if (!LANGUAGES.includes(language as Language)) {
      throw new SandboxInputError(400, `language must be one of ${LANGUAGES.join(', ')}`);
    }
    user.language_code = language as Language;
    this.chats.learnUser(user);
    this.emit({ type: 'users', users: [...this.users.values()].map((u) => ({ ...u })) });
    return { ...user };
  }

  private emit(event: SandboxEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private member(userId: number, chatId: number): SandboxUser {
    const user = this.users.get(userId);
    if (!user) throw new SandboxInputError(404, `no user ${userId}`);
    const chat = this.sandboxChats.find((c) => c.id === chatId);
    if (!chat) throw new SandboxInputError(404, `no chat ${chatId}`);
    if (!chat.memberIds.includes(userId))
      throw new SandboxInputError(400, `${user.first_name} is not in chat ${chatId}`);
    return { ...user };
  }

  private existing(chatId: number, messageId: number): Message {
    const message = this.chats.message(chatId, messageId);
    if (!message) throw new SandboxInputError(404, `chat ${chatId} has no message ${messageId}`);
    return message;
  }

  private shown(message: Message): ShownMessage {
    return this.forceReplies.has(`${message.chat.id}:${message.message_id}`)
      ? { ...message, force_reply: true }
      : message;
  }

  private commandMenus(): Record<Language, BotCommand[]> {
    const menu = (language: Language) => {
      const own = this.settings.getCommands(undefined, language);
      return own.length > 0 ? own : this.settings.getCommands();
    };
    return { en: menu('en'), ru: menu('ru') };
  }

  /** Tells the page what a successful call changed. */
  private announce(call: Call, result: unknown): void {
    const params = new Params(call.payload);
    switch (call.method) {
      case 'sendMediaGroup':
        for (const message of result as Message[])
          this.emit({ type: 'message', chatId: message.chat.id, message });
        return;
      case 'sendPhoto':
      case 'sendDocument':
      case 'sendVoice':
      case 'sendVideo':
      case 'sendMessage': {
        const message = result as Message;
        const markup = params.optionalJson('reply_markup', '');
        if (typeof markup === 'object' && markup !== null && 'force_reply' in markup) {
          this.forceReplies.add(`${message.chat.id}:${message.message_id}`);
        }
        this.emit({ type: 'message', chatId: message.chat.id, message: this.shown(message) });
        return;
      }
      case 'editMessageText':
      case 'editMessageCaption':
      case 'editMessageReplyMarkup': {
        const message = result as Message;
        this.emit({ type: 'message', chatId: message.chat.id, message: this.shown(message) });
        return;
      }
      case 'deleteMessage': {
        const chatId = this.chats.resolveChatId(params.chatId());
        this.emit({ type: 'deleted', chatId, messageId: params.int('message_id', '') });
        return;
      }
      case 'answerCallbackQuery': {
        const queryId = params.optionalString('callback_query_id') ?? '';
        const query = this.queries.get(queryId);
        if (!query) return;
        this.queries.delete(queryId);
        const text = params.optionalString('text') ?? '';
        this.emit({
          type: 'answer',
          queryId,
          userId: query.userId,
          text,
          showAlert: params.optionalBoolean('show_alert'),
        });
        return;
      }
      case 'sendChatAction':
        this.emit({ type: 'typing', chatId: this.chats.resolveChatId(params.chatId()) });
        return;
      case 'setMyCommands':
      case 'deleteMyCommands':
        this.emit({ type: 'commands', commands: this.commandMenus() });
        return;
    }
  }
}
