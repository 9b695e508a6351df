import { TelegramError } from 'telegraf';

// How a failed Bot API call is treated. Transient failures are retried by the consumer loop;
// permanent ones go straight to the dead-letter queue; some "errors" mean the work is already done.

export type TelegramFailure =
  | { kind: 'done'; reason: string }
  /**
   * The chat takes nothing from the bot any more: the person blocked it, the bot was removed from
   * the group, the group was deleted or upgraded to a supergroup. The chat is marked inactive and
   * the job is not tried again (it would be refused the same way).
   */
  | { kind: 'blocked'; reason: string }
  | { kind: 'transient'; reason: string; retryAfterSeconds?: number }
  | { kind: 'permanent'; reason: string };

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

// 400s that mean the chat itself is gone (deleted, or a group that was upgraded or deactivated):
// as final as a 403, and nothing a later attempt could change.
const CHAT_GONE = ['chat not found', 'group chat was deactivated', 'group chat was upgraded'];

const ALREADY_DONE = [
  'message is not modified',
  'query is too old',
  'query id is invalid',
  'message to delete not found',
];

export function classifyTelegramError(error: unknown): TelegramFailure {
  if (error instanceof TelegramError) {
    const reason = `${error.code} ${error.description}`;
    if (error.code === 429)
      return { kind: 'transient', reason, retryAfterSeconds: error.parameters?.retry_after };
    if (error.code >= 500) return { kind: 'transient', reason };
    if (error.code === 403) return { kind: 'blocked', reason };
    const movedTo = migratedToChatIdOf(error);
    if (movedTo !== undefined) {
      return { kind: 'blocked', reason: `${reason} (the group is now the supergroup ${movedTo})` };
    }
    if (error.code === 400 && CHAT_GONE.some((text) => error.description.includes(text))) {
      return { kind: 'blocked', reason };
    }
    if (error.code === 400 && ALREADY_DONE.some((text) => error.description.includes(text))) {
      return { kind: 'done', reason };
    }
    return { kind: 'permanent', reason };
  }
  if (error instanceof OutgoingDeferredError) {
    const retryAfterSeconds =
      error.retryAfterMs === undefined ? undefined : Math.ceil(error.retryAfterMs / 1000);
    return { kind: 'transient', reason: error.message, retryAfterSeconds };
  }
  // Network failures (refused, reset, timed out) are worth another attempt.
  return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
}
