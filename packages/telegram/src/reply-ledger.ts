import type { Logger } from '@taskbot/logger/logger';
import type { Redis } from 'ioredis';
import type { CallScope } from './call-scope';
import { OutgoingDeferredError } from './telegram-errors';

/** Telegram keeps an undelivered update for 24 h; a record outlives every redelivery of its job. */
export const LEDGER_TTL_SECONDS = 48 * 60 * 60;

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
 * `<prefix>sent:<job key>:<n>`, holding Telegram's result as JSON. When the job runs again, a call
 * whose record exists is not sent: it returns the recorded result, so the job goes on with the same
 * message_id. This relies on a job making its calls in the same order each time it runs, which holds
 * while its decisions come from the update and from idempotent writes.
 */
export class ReplyLedger {
  private readonly ttlSeconds: number;

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

  private async record(key: string, method: string, result: unknown): Promise<void> {
    try {
      await this.options.redis.set(key, JSON.stringify(result ?? null), 'EX', this.ttlSeconds);
    } catch (error) {
      // Telegram has the message already: failing the job now would send it again on the retry,
      // which is certain; a missing record repeats it only if the job has to run again.
      this.options.logger.warn('sent, but the send-once record could not be written', {
        method,
        key,
        error: (error as Error).message,
      });
    }
  }
}
