import type { Logger } from '@taskbot/logger/logger';
import type { BusMessage } from './bus-message';

// What a consumer is given and tells: its options, the handler's context and the listeners.

export interface HandlerContext {
  queue: string;
  /** 1 for the first attempt. */
  attempt: number;
  messageId: string | undefined;
  logger: Logger;
  /**
   * Aborted when the message was given up while the handler ran (the channel closed, or a drain
   * ran out of time: the broker gives it out again), or when the run passed its kind's timeout
   * (job-catalogue.ts): either way the handler must not send anything more.
   */
  signal: AbortSignal;
}

export type MessageHandler = (message: BusMessage, context: HandlerContext) => Promise<void>;

/** Told what became of each message, for metrics; it must not throw. */
export interface ConsumerObserver {
  /** One attempt ended: `ok` (acknowledged), `failed` (retried or dead-lettered) or `refused` (unreadable). */
  handled(outcome: 'ok' | 'failed' | 'refused', durationMs: number): void;
  /** A failed message went to a delay queue for another attempt. */
  retried(): void;
  /** A message went to the dead-letter queue. */
  deadLettered(): void;
  /** A message is held, no attempt spent, while a dependency is down. */
  outageHold(): void;
}

/** What the consumer knows of a message that failed for good, for whoever tells people about it. */
export interface FailedForGoodContext {
  queue: string;
  /** Attempts made, the last one included. */
  attempts: number;
  messageId: string | undefined;
  /** Carries the message's log fields (update_id, chat_id, user_id, queue, attempt). */
  logger: Logger;
}

/**
 * Told of a message that failed for good, once it rests in the dead-letter queue and is acked. It
 * runs in the consumer's settle path, so it must return at once (start any I/O and leave it) and
 * never throw; a throw is caught and logged.
 */
export type FailedForGoodListener = (
  message: BusMessage,
  error: unknown,
  context: FailedForGoodContext,
) => void;

export interface ConsumerOptions {
  /** The queue to take messages from (one partition of a kind of work). */
  queue: string;
  /** The kind's queue name: the routing key of its dead-letter queue. Defaults to `queue`. */
  deadLetterKey?: string;
  prefetch: number;
  /**
   * RETRY_DELAYS_MS: the delay before each retry of every kind of job whose catalogue entry says
   * `configured` (all of them today); attempts in total = retries + 1 (default 5 s, 30 s: 3).
   */
  retryDelaysMs: number[];
  handler: MessageHandler;
  /** Messages with the same key are handled one at a time, in the order they arrived. */
  keyOf: (message: BusMessage) => string | number | undefined;
  logger: Logger;
  /**
   * Names what the handlers depend on that is down right now (the database, Redis); empty when all
   * is up. Asked after a transient failure: during an outage the message stays in hand and is tried
   * again when the dependency is back, spending no attempt, so an outage neither dead-letters work
   * nor reorders a chat. Failures of one message (a Telegram 5xx, a bug) still take the retry path.
   */
  dependenciesDown?: () => Promise<string[]>;
  observer?: ConsumerObserver;
  /**
   * Called for each message that failed for good (its attempts spent, or a permanent failure) after
   * the dead-letter queue confirmed it and the message was acked; not for unreadable messages.
   */
  onFailedForGood?: FailedForGoodListener;
}
