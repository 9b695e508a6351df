import { setTimeout } from 'node:timers/promises';

export interface RetryOptions {
  /** Tries in all, the first included; `Infinity` tries until it succeeds or `signal` aborts. */
  attempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /**
   * Each wait is drawn between half and all of the current delay, so replicas that failed together
   * (all of them met the same outage) do not all try again in the same instant.
   */
  jitter?: boolean;
  /** Ends the retries: the wait in progress ends and the last error propagates. */
  signal?: AbortSignal;
  /**
   * Whether a failure is worth another try; one that is not propagates at once (a wrong password
   * stays wrong however long we wait). Every failure is, by default.
   */
  shouldRetry?: (error: unknown) => boolean;
  /** Told about each failed try that will be retried. */
  onRetry?: (attempt: number, error: unknown, delayMs: number) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Waits `ms`, or less when the signal aborts (then the caller ends the retries). */
const sleepUnlessAborted = (ms: number, signal?: AbortSignal) =>
  setTimeout(ms, undefined, { signal }).catch(() => undefined);

/** Runs `task` until it succeeds, waiting twice as long after each failure; the last error propagates. */
export async function retryWithBackoff<T>(task: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? sleepUnlessAborted;
  const random = options.random ?? Math.random;
  let delayMs = options.firstDelayMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= options.attempts || options.signal?.aborted) throw error;
      if (options.shouldRetry && !options.shouldRetry(error)) throw error;
      const waitMs = options.jitter ? Math.round(delayMs * (0.5 + random() / 2)) : delayMs;
      options.onRetry?.(attempt, error, waitMs);
      await sleep(waitMs, options.signal);
      if (options.signal?.aborted) throw error;
      delayMs = Math.min(delayMs * 2, options.maxDelayMs);
    }
  }
}
