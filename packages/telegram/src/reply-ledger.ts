import type { Logger } from '@taskbot/logger/logger';
import type { Message } from '@telegraf/types';
import type { Redis } from 'ioredis';
import type { CallScope } from './call-scope';
import { OutgoingDeferredError } from './telegram-errors';

/** Telegram keeps an undelivered update for 24 h; a record outlives every redelivery of its job. */
export const LEDGER_TTL_SECONDS = 48 * 60 * 60;
/** How long a record that Redis refused is tried again (a Redis restart or failover). */
const RECORD_RETRY_MS = 5 * 60_000;
const MAX_UNWRITTEN = 10_000;

export interface ReplyLedgerOptions {
  redis: Redis;
  /** REDIS_PREFIX: prepended to every key. */
  prefix: string;
  logger: Logger;
  ttlSeconds?: number;
}

/**
 * Send-once for jobs that run again (RabbitMQ or webhook redelivery, a retry after a later step
 * failed). The n-th call with a chat effect of a job is recorded once Telegram accepted it, under
 * `<prefix>sent:<job key>:<n>`, holding what the job goes on with of Telegram's result (see
 * recordOf) as JSON. When the job runs again, a call whose record exists is not sent: it returns the
 * recorded result, so the job goes on with the same message_id. This relies on a job making its calls in the same order each time it runs, which holds
 * while its decisions come from the update and from idempotent writes.
 */
export class ReplyLedger {
  private readonly ttlSeconds: number;
  /** Records of calls sent while Redis could not take them, by key, oldest first. */
  private readonly unwritten = new Map<string, unknown>();

  constructor(private readonly options: ReplyLedgerOptions) {
    this.ttlSeconds = options.ttlSeconds ?? LEDGER_TTL_SECONDS;
  }

  /** The Redis key of the job's next call with a chat effect; counts the call. */
  nextKey(scope: CallScope): string {
    scope.ordinal += 1;
    return `${this.options.prefix}sent:${scope.key}:${scope.ordinal}`;
  }

  /**
   * The call's result: the recorded one when the job made this call before, else `send()`'s,
   * recorded. Throws OutgoingDeferredError without sending when the ledger cannot be read.
   */
  async once<T>(scope: CallScope, method: string, send: () => Promise<T>): Promise<T> {
    const key = this.nextKey(scope);
    const recorded = await this.recall(key);
    if (recorded !== undefined) {
      this.options.logger.debug('call already made by an earlier run of the job, not repeated', {
        method,
        key,
      });
      return recorded as T;
    }
    const result = await send();
    await this.record(key, method, result);
    return result;
  }

  private async recall(key: string): Promise<unknown> {
    // Sent by this process while Redis was away: the record may not have reached Redis yet.
    if (this.unwritten.has(key)) return this.unwritten.get(key);
    let stored: string | null;
    try {
      stored = await this.options.redis.get(key);
    } catch (error) {
      throw new OutgoingDeferredError(
        `send-once ledger unreachable, call not sent: ${(error as Error).message}`,
        undefined,
        { cause: error },
      );
    }
    if (stored === null) return undefined;
    try {
      return JSON.parse(stored);
    } catch {
      throw new Error(`send-once record ${key} is not JSON; delete the key to let the call go out`);
    }
  }

  /**
   * Writes the record. Telegram has the message already, so a record that cannot be written now is
   * not given up: it is kept in this process (a run of the job here finds it) and written again,
   * with backoff, until Redis takes it or RECORD_RETRY_MS has passed. The job goes on meanwhile:
   * failing it would certainly send the message again.
   */
  private async record(key: string, method: string, result: unknown): Promise<void> {
    const kept = recordOf(result);
    const value = JSON.stringify(kept);
    if (await this.write(key, value)) return;
    this.options.logger.warn('sent, but the send-once record could not be written yet; retrying', {
      method,
      key,
    });
    this.remember(key, kept);
    void this.writeLater(key, value, method);
  }

  private async write(key: string, value: string): Promise<boolean> {
    try {
      await this.options.redis.set(key, value, 'EX', this.ttlSeconds);
      return true;
    } catch {
      return false;
    }
  }

  private async writeLater(key: string, value: string, method: string): Promise<void> {
    const deadline = Date.now() + RECORD_RETRY_MS;
    // Short steps: the record must be in Redis soon after Redis is back, before anything else fails.
    for (let delay = 100; Date.now() < deadline; delay = Math.min(delay * 2, 400)) {
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
      if (await this.write(key, value)) {
        this.unwritten.delete(key);
        this.options.logger.info('send-once record written after Redis came back', { method, key });
        return;
      }
    }
    this.options.logger.error('send-once record lost: a later run of this job would send it again', {
      method,
      key,
    });
  }

  private remember(key: string, result: unknown): void {
    this.unwritten.set(key, result);
    // A bound on memory: the oldest entries go first (their records were written long since).
    while (this.unwritten.size > MAX_UNWRITTEN) {
      const oldest = this.unwritten.keys().next().value;
      if (oldest === undefined) break;
      this.unwritten.delete(oldest);
    }
  }
}

/**
 * What a record keeps of Telegram's result: what a job goes on with when the call is not made
 * again, a sent message's id, date, chat and topic (each message's, for an album), and any other
 * result as it is (`true`, a file). Not the message's text, entities and keyboard: kept for 48 hours
 * for every reply, those made a record of a task card about 1 KB, and Redis held them all.
 */
export function recordOf(result: unknown): unknown {
  if (Array.isArray(result)) return result.map(recordOf);
  if (result === undefined || result === null || typeof result !== 'object') return result ?? null;
  const message = result as Partial<Message>;
  if (typeof message.message_id !== 'number' || typeof message.chat !== 'object') return result;
  const { message_id, date, chat, message_thread_id } = message as Message;
  return {
    message_id,
    date,
    chat: { id: chat.id, type: chat.type },
    ...(message_thread_id === undefined ? {} : { message_thread_id }),
  };
}
