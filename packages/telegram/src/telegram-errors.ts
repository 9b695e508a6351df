import { FAILURE, type Failure } from '@taskbot/errors/failure';
import { TelegramError } from 'telegraf';

// What a failed Bot API call means, in the one taxonomy (@taskbot/errors): a 429 or a 5xx is
// transient (a 429 with the wait Telegram asked for), a 403 or a chat that is gone is a blocked
// recipient, some "errors" mean the work is already done, any other refusal is permanent.

/**
 * An outgoing call held back rather than sent: Telegram's flood limits would need a longer wait
 * than allowed, or the send-once ledger is unreachable (sending unrecorded could repeat a message).
 * Nothing was sent; the job is worth another attempt later.
 */
export class OutgoingDeferredError extends Error {
  override name = 'OutgoingDeferredError';

  constructor(
    message: string,
    /** How long until the call could go out, when known. */
    readonly retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  get [FAILURE](): Failure {
    // Held back with a cause: Redis (the send-once ledger) could not be asked. Redis is what is
    // down, and the job waits for it like for any other server it needs.
    if (this.cause !== undefined)
      return { kind: 'dependency-down', reason: this.message, dependency: 'redis' };
    if (this.retryAfterMs === undefined) return { kind: 'transient', reason: this.message };
    return {
      kind: 'transient',
      reason: this.message,
      retryAfterSeconds: Math.ceil(this.retryAfterMs / 1000),
    };
  }
}

/** The seconds Telegram asks to wait when it refused a call with 429, else undefined. */
export function retryAfterOf(error: unknown): number | undefined {
  if (!(error instanceof TelegramError) || error.code !== 429) return undefined;
  const seconds = error.parameters?.retry_after;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/**
 * The supergroup a group became, when Telegram refused a call because of it (400 with
 * `parameters.migrate_to_chat_id`), else undefined.
 */
export function migratedToChatIdOf(error: unknown): number | undefined {
  if (!(error instanceof TelegramError) || error.code !== 400) return undefined;
  const chatId = error.parameters?.migrate_to_chat_id;
  return typeof chatId === 'number' && Number.isSafeInteger(chatId) ? chatId : undefined;
}

// 400s that mean Telegram does not know the file_id sent (any more, or for this bot: file ids are a
// bot's own), so that file cannot be sent by it again.
const FILE_GONE = [
  'wrong file identifier',
  'wrong remote file identifier',
  'file reference expired',
  'type of file mismatch',
];

/** Whether Telegram refused to send a file by its file_id because it does not know that file. */
export function isFileGone(error: unknown): boolean {
  return (
    error instanceof TelegramError &&
    error.code === 400 &&
    FILE_GONE.some((text) => error.description.toLowerCase().includes(text))
  );
}

/** Telegram's 400s to an answer to a button press that came too late, or to a press it does not know. */
const LATE_ANSWER = ['query is too old', 'query id is invalid'];

/**
 * Whether Telegram refused to answer a button press because the answer came too late (it takes one
 * for a few seconds only) or the press is unknown to it.
 */
export function isLateAnswer(error: unknown): boolean {
  return (
    error instanceof TelegramError &&
    error.code === 400 &&
    LATE_ANSWER.some((text) => error.description.includes(text))
  );
}

// 400s that mean the chat itself is gone (deleted, or a group that was upgraded or deactivated):
// as final as a 403, and nothing a later attempt could change.
const CHAT_GONE = ['chat not found', 'group chat was deactivated', 'group chat was upgraded'];

const ALREADY_DONE = ['message is not modified', ...LATE_ANSWER, 'message to delete not found'];

/** The chat a refused call was for, when it named one by its id. */
function chatOf(error: TelegramError): number | undefined {
  const chatId = (error.on as { payload?: { chat_id?: unknown } } | undefined)?.payload?.chat_id;
  return typeof chatId === 'number' && Number.isSafeInteger(chatId) ? chatId : undefined;
}

function blocked(reason: string, error: TelegramError): Failure {
  const chatId = chatOf(error);
  return chatId === undefined ? { kind: 'blocked', reason } : { kind: 'blocked', reason, chatId };
}

/** What Telegram's answer to a call means; undefined for a failure that is not Telegram's answer. */
export function telegramFailureOf(error: unknown): Failure | undefined {
  if (error instanceof OutgoingDeferredError) return error[FAILURE];
  if (!(error instanceof TelegramError)) return undefined;
  const reason = `${error.code} ${error.description}`;
  if (error.code === 429) {
    const retryAfterSeconds = retryAfterOf(error);
    return retryAfterSeconds === undefined
      ? { kind: 'transient', reason }
      : { kind: 'transient', reason, retryAfterSeconds };
  }
  if (error.code >= 500) return { kind: 'transient', reason };
  if (error.code === 403) return blocked(reason, error);
  const movedTo = migratedToChatIdOf(error);
  if (movedTo !== undefined) return blocked(`${reason} (the group is now the supergroup ${movedTo})`, error);
  if (error.code === 400 && CHAT_GONE.some((text) => error.description.includes(text))) {
    return blocked(reason, error);
  }
  if (error.code === 400 && ALREADY_DONE.some((text) => error.description.includes(text))) {
    return { kind: 'done', reason };
  }
  return { kind: 'permanent', reason };
}

/**
 * What a failed Bot API call means. A failure without an answer from Telegram (refused, reset,
 * timed out) is transient: whether Telegram is down is the reachability probe's to say.
 */
export function classifyTelegramError(error: unknown): Failure {
  return (
    telegramFailureOf(error) ?? {
      kind: 'transient',
      reason: error instanceof Error ? error.message : String(error),
    }
  );
}
