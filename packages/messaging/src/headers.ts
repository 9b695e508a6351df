// The message headers a failed message carries, named once. The consumer writes them when it sends
// a message round a delay queue or to `<kind queue>.dead` (see topology.ts); the failed-jobs
// commands read them to list a job and clear them to retry it. Operators and tests read them too,
// so a rename here is a change of what a dead message looks like.

/** Written by the consumer on every failure. */
export const HEADERS = {
  /** The attempt this delivery is (1 for the first); the dead copy keeps the last one made. */
  attempt: 'x-attempt',
  firstFailedAt: 'x-first-failed-at',
  lastFailedAt: 'x-last-failed-at',
  /** The last error, cut to `MAX_ERROR_LENGTH` characters. */
  error: 'x-error',
  /** The work queue (partition included) the message failed in, and goes back to on retry. */
  originalQueue: 'x-original-queue',
} as const;

/** Headers are sent with every copy; a stack trace must not make each one large. */
export const MAX_ERROR_LENGTH = 1_000;

/** Written on a failed job put back on its queue from a dead-letter queue, for its history. */
export const RETRY_HEADERS = { retriedAt: 'x-retried-at', retryCount: 'x-retry-count' } as const;

/**
 * Added by RabbitMQ when it dead-letters a message itself (a queue's `x-dead-letter-exchange`), and
 * the id of an earlier publish. A copy the consumer republishes drops `death` and `publishId`, so
 * it does not carry a stale trip or id; a retried job drops them all (FAILURE_HEADERS).
 */
export const BROKER_HEADERS = {
  death: 'x-death',
  firstDeathQueue: 'x-first-death-queue',
  firstDeathReason: 'x-first-death-reason',
  firstDeathExchange: 'x-first-death-exchange',
  lastDeathQueue: 'x-last-death-queue',
  lastDeathReason: 'x-last-death-reason',
  lastDeathExchange: 'x-last-death-exchange',
  publishId: 'x-publish-id',
} as const;

/** What a failure and a trip through the broker's own dead-lettering add; a retried job starts clean. */
export const FAILURE_HEADERS: readonly string[] = [
  ...Object.values(HEADERS),
  ...Object.values(BROKER_HEADERS),
];
