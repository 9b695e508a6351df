import type { Logger } from '@taskbot/logger/logger';
import { sleep as realSleep } from './sleep';
import { retryAfterOf } from './telegram-errors';

export interface FloodWaitOptions {
  /** Longest total wait for Telegram's retry_after; past it the 429 is rethrown (transient). */
  budgetMs: number;
  /** Told each time Telegram asks to wait, before the wait (to hold the chat on every replica). */
  onFloodWait(retryAfterSeconds: number): Promise<void>;
  logger: Logger;
  /** What the log says the call was. */
  context: Record<string, unknown>;
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Makes a Bot API call; when Telegram refuses it with 429, waits the `retry_after` it asks for and
 * makes it again, as long as the waits add up to no more than the budget.
 */
export async function repeatAfterFloodWait<T>(call: () => Promise<T>, options: FloodWaitOptions): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  let waitedMs = 0;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const retryAfter = retryAfterOf(error);
      if (retryAfter === undefined) throw error;
      // Telegram never asks for less than a second; a 0 would repeat the call at once, forever.
      const seconds = Math.max(Math.ceil(retryAfter), 1);
      if (waitedMs + seconds * 1000 > options.budgetMs) throw error;
      options.logger.warn('Telegram asked to wait; the call is made again after retry_after', {
        ...options.context,
        retry_after: seconds,
      });
      await options.onFloodWait(seconds);
      await sleep(seconds * 1000, options.signal);
      waitedMs += seconds * 1000;
    }
  }
}
