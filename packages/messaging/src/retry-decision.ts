import type { Failure } from '@taskbot/errors/failure';

// What the consumer does with a failed attempt, decided from the error taxonomy (@taskbot/errors)
// alone: nothing here looks at an error's class or message.

export type NextStep =
  /** The work is done after all (Telegram: "message is not modified"): acknowledge it. */
  | { action: 'ack' }
  /** Another attempt after `delayMs`, through that delay queue. */
  | { action: 'retry'; delayMs: number }
  /** No more attempts: the message rests in its kind's dead-letter queue. */
  | { action: 'dead-letter' };

/**
 * True for failures that may come from a server being away: the consumer asks what is down before
 * it spends an attempt, and holds the message while something is (outage-hold.ts).
 */
export function mayBeOutage(failure: Failure): boolean {
  return failure.kind === 'transient' || failure.kind === 'dependency-down';
}

/**
 * After an attempt failed (and no outage holds it). `attempt` is 1 for the first; `delaysMs` are
 * the job's retry delays, one per retry. A permanent failure and a blocked recipient skip the
 * retries; a retry honours the wait the other side asked for (see delayFor).
 */
export function nextStep(failure: Failure, attempt: number, delaysMs: readonly number[]): NextStep {
  switch (failure.kind) {
    case 'done':
      return { action: 'ack' };
    case 'permanent':
    case 'blocked':
      return { action: 'dead-letter' };
    case 'transient':
    case 'dependency-down': {
      if (attempt > delaysMs.length) return { action: 'dead-letter' };
      const retryAfterMs = failure.kind === 'transient' ? (failure.retryAfterSeconds ?? 0) * 1000 : 0;
      return { action: 'retry', delayMs: delayFor(attempt, delaysMs, retryAfterMs) };
    }
  }
}

/**
 * The delay before the next attempt: this attempt's step, unless the other side asked to wait
 * longer; then the shortest configured step that covers the wait, or the longest there is. Only
 * configured steps have delay queues, so the wait is never shorter than asked when a step covers it.
 */
export function delayFor(attempt: number, delaysMs: readonly number[], retryAfterMs = 0): number {
  const step = delaysMs[attempt - 1] ?? 0;
  if (retryAfterMs <= step) return step;
  const covering = delaysMs.filter((delay) => delay >= retryAfterMs);
  return covering.length > 0 ? Math.min(...covering) : Math.max(...delaysMs);
}
