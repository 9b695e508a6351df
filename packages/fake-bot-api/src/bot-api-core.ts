import { BotApiError, notFound } from './bot-api-error';
import { CallLog, type CallPredicate } from './call-log';
import { Delays } from './delays';
import { FailurePlan } from './failure-plan';
import { type Failure, injectedAnswer } from './failures';
import { type FileContent, type FileInfo, FileStore } from './files/file-store';
import type { MethodContext } from './methods/method-context';
import { type BotApiMethod, findMethod } from './methods/method-table';
import { Params, type Payload } from './params';
import { BotSettings } from './state/bot-settings';
import { ChatStore } from './state/chat-store';
import { UpdateQueue } from './state/update-queue';
import { StoppedError } from './stopped-error';
import type { ApiResponse, BotUser, Call, ChatMemberStatus, Message, NewUpdate, Pushed, User } from './types';

export interface BotApiOptions {
  /** Overrides for the bot that getMe describes and that authors sent messages. */
  botUser?: Partial<BotUser>;
  /** Delay before every answer, in milliseconds. */
  latencyMs?: number;
  /**
   * The id of the first update (default 1). Telegram's numbering goes on across a bot's restarts;
   * a fake that lives longer than one test (the sandbox) starts past the ids it may have given
   * before, or the bot would take its new updates for ones it handled already.
   */
  firstUpdateId?: number;
}

export const DEFAULT_BOT_USER: BotUser = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: 'Task Bot',
  username: 'fake_taskbot_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as BotUser;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const isMessage = (value: unknown): value is Message =>
  isObject(value) && 'message_id' in value && 'chat' in value && 'date' in value;

// Update types that carry a new version of a message the chat already has.
const EDIT_UPDATE_TYPES = new Set(['edited_message', 'edited_channel_post', 'edited_business_message']);

/**
 * The fake Bot API without its HTTP server: the state Telegram would hold for one bot, the methods
 * that read and change it, a record of every call, and the failures to inject. The HTTP server and
 * any other front end (a sandbox chat) drive this.
 */
export class BotApiCore {
  readonly bot: BotUser;
  protected readonly chats = new ChatStore();
  protected readonly updates: UpdateQueue;
  protected readonly settings = new BotSettings();
  protected readonly callLog = new CallLog();
  protected readonly files = new FileStore();
  private readonly failures = new FailurePlan();
  private readonly delays = new Delays();
  private readonly seenTokens = new Set<string>();
  private latencyMs: number;

  constructor(options: BotApiOptions = {}) {
    this.bot = { ...DEFAULT_BOT_USER, ...options.botUser, is_bot: true };
    this.latencyMs = options.latencyMs ?? 0;
    this.updates = new UpdateQueue(options.firstUpdateId);
  }

  /**
   * Answers one Bot API call as Telegram would and records it. Any token is accepted. An injected
   * failure is looked at before the method is, so it fails unknown methods too (instead of their
   * 404). For a reset or a hang the returned Call is marked (`injected.kind`) and the front end
   * must carry it out: the HTTP server resets the connection or answers nothing.
   */
  async call(token: string, methodName: string, payload: Payload): Promise<Call> {
    const at = new Date();
    this.seenTokens.add(token);
    const method = findMethod(methodName);
    const name = method?.name ?? methodName;
    await this.delays.wait(this.latencyMs);
    const planned = this.failures.take(name);
    const failure = planned?.failure;
    if (failure && 'hangMs' in failure) {
      await this.delays.wait(failure.hangMs);
    } else if (planned && failure) {
      const { kind, response } = injectedAnswer(failure);
      const injected = { kind, failure, source: planned.source };
      return this.callLog.record({ method: name, token, payload, at, response, injected });
    }
    const response = method ? await this.answer(method, token, payload) : notFound().toResponse();
    return this.callLog.record({ method: name, token, payload, at, response });
  }

  /** Every answered call since the last clear(), oldest first. */
  get calls(): Call[] {
    return this.callLog.all;
  }

  /** The tokens calls have used, in the order first seen. */
  get tokens(): string[] {
    return [...this.seenTokens];
  }

  callsOf(method: string): Call[] {
    return this.callLog.of(method);
  }

  /** Calls answered after sequence number `seq` (see Call.seq), of one method if given. */
  callsSince(seq: number, method?: string): Call[] {
    return this.callLog.since(seq, method);
  }

  /** The first call of `method` (matching `predicate`), already made or still to come. */
  async waitForCall(method: string, predicate?: CallPredicate, timeoutMs = 10_000): Promise<Call> {
    const [call] = await this.callLog.waitFor(method, 1, predicate, timeoutMs);
    return call as Call;
  }

  waitForCalls(
    method: string,
    count: number,
    predicate?: CallPredicate,
    timeoutMs = 10_000,
  ): Promise<Call[]> {
    return this.callLog.waitFor(method, count, predicate, timeoutMs);
  }

  /** Forgets the recorded calls; the chats, updates and settings stay. */
  clear(): void {
    this.callLog.clear();
  }

  /**
   * Queues an update for getUpdates and learns the world it describes: its chats, users, messages
   * and files, so the bot can reply to, edit or look them up, or send the files, as on Telegram.
   */
  pushUpdate<U extends NewUpdate>(update: U): Pushed<U> {
    return this.updates.push(this.seeUpdate(update));
  }

  /**
   * Learns the world an update describes, as pushUpdate does, without queueing it: for a test that
   * delivers the update to the bot's webhook itself. Answers the update as the fake stored it.
   */
  seeUpdate<U extends NewUpdate>(update: U): U {
    const learned: Record<string, unknown> = { ...update };
    for (const [type, content] of Object.entries(update)) {
      if (type === 'update_id' || !isObject(content)) continue;
      if (isMessage(content)) learned[type] = this.learnMessage(type, content);
      if (type === 'callback_query' && isMessage(content.message)) this.learnShownMessage(content.message);
      if (isObject(content.from)) this.chats.learnUser(content.from as unknown as User);
    }
    return learned as U;
  }

  /**
   * Makes the next `times` calls of `method` ('*' for any method, unknown ones included) fail, or
   * answer late, instead of doing their work. Queued failures answer before any outage (failFor).
   */
  failNext(method: string, failure: Failure, times = 1): void {
    this.failures.queue(method, failure, times);
  }

  /**
   * An outage: every call of `method` ('*' for every method, unknown ones included) fails with
   * `failure` for `forMs` milliseconds, or until recover() when no forMs is given. A new outage of
   * the same pattern replaces the old; failNext failures still answer first, one call each.
   */
  failFor(method: string, failure: Failure, options: { forMs?: number } = {}): void {
    this.failures.stand(method, failure, options.forMs);
  }

  /**
   * Lifts the outage of `method` (the '*' outage is only lifted by recover('*')), or every outage
   * when no method is given. Queued failNext failures stay. Requests a hang outage holds stay
   * unanswered, as a real outage leaves them: their client's timeout ends them, or stop().
   */
  recover(method?: string): void {
    this.failures.recover(method);
  }

  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /** Every call that writes to the chat answers 403 until unblockChat, as when a user blocks the bot. */
  blockChat(chatId: number): void {
    this.chats.block(chatId);
  }

  unblockChat(chatId: number): void {
    this.chats.unblock(chatId);
  }

  /** What getChatMember answers for this user in this chat. */
  setChatMemberStatus(chatId: number, userId: number, status: ChatMemberStatus): void {
    this.chats.setMemberStatus(chatId, userId, status);
  }

  /** The chat's messages as they are now: edits applied, deleted ones gone, oldest first. */
  messagesOf(chatId: number): Message[] {
    return this.chats.messagesOf(chatId);
  }

  /** An uploaded file's name, MIME type and bytes by any of its file ids; undefined for others. */
  fileContent(fileId: string): FileContent | undefined {
    return this.files.content(fileId);
  }

  /** What getFile answers for a file the fake knows (its download path); undefined for others. */
  fileInfo(fileId: string): FileInfo | undefined {
    return this.files.info(fileId);
  }

  /** The content a download of `/file/bot<token>/<filePath>` answers, for uploaded files. */
  fileContentAt(filePath: string): FileContent | undefined {
    return this.files.contentAt(filePath);
  }

  /** Back to a fresh fake: no chats, updates, settings, calls, failures, outages or latency. */
  reset(): void {
    this.updates.reset();
    this.chats.reset();
    this.files.reset();
    this.settings.reset();
    this.callLog.clear();
    this.failures.reset();
    this.seenTokens.clear();
    this.latencyMs = 0;
  }

  /** Ends the work still waiting (late answers, long polls); their requests get no answer. */
  protected abandonWaitingCalls(): void {
    this.delays.cancelAll();
    this.updates.stop();
  }

  private learnMessage(type: string, message: Message): Message {
    this.files.learn(message);
    if (!EDIT_UPDATE_TYPES.has(type)) return this.chats.recordIncoming(message);
    this.chats.learnChat(message.chat);
    this.chats.replace(message);
    return message;
  }

  /** A callback query shows a message the chat already has; the fake learns it if it did not. */
  private learnShownMessage(message: Message): void {
    if (!this.chats.message(message.chat.id, message.message_id)) this.chats.recordIncoming(message);
    else this.chats.learnChat(message.chat);
  }

  private async answer(method: BotApiMethod, token: string, payload: Payload): Promise<ApiResponse> {
    const context: MethodContext = {
      params: new Params(payload),
      token,
      bot: this.bot,
      chats: this.chats,
      updates: this.updates,
      settings: this.settings,
      files: this.files,
      now: () => Math.floor(Date.now() / 1000),
    };
    try {
      return { ok: true, result: await method.handle(context) };
    } catch (error) {
      if (error instanceof BotApiError) return error.toResponse();
      if (error instanceof StoppedError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, error_code: 500, description: `Internal Server Error: ${reason}` };
    }
  }
}
