import { isConnectionError } from './connection-errors';

// The one error taxonomy. Adapters (the Telegram client, the database, the broker) say what their
// failures mean in these terms; the consumer decides from them alone whether a message is retried,
// held, dead-lettered or done. An adapter's own error class carries its meaning under FAILURE; an
// error made by a library is tagged with `withFailure` where the adapter knows what it means.

/** What a job depends on that can be away for a while. */
export type Dependency = 'database' | 'redis' | 'telegram' | 'broker';

export type Failure =
  /** Another attempt cannot fix it (invalid data, a refused request, a bug): no retries. */
  | { kind: 'permanent'; reason: string }
  /**
   * Worth another attempt later; `retryAfterSeconds` is how long the other side asked to wait
   * (Telegram's 429), and the retry does not come back sooner.
   */
  | { kind: 'transient'; reason: string; retryAfterSeconds?: number }
  /**
   * A server the job needs is away (the connection was refused, reset or lost): the message is held
   * until it is back rather than spending its attempts. `dependency` names it when the adapter knows.
   */
  | { kind: 'dependency-down'; reason: string; dependency?: Dependency }
  /** The other side says it is already so ("message is not modified"): the job is done. */
  | { kind: 'done'; reason: string }
  /**
   * The recipient takes nothing from the bot any more (blocked it, removed it, the chat is gone):
   * not retried, since it would be refused the same way. `chatId` when the refusal names the chat.
   */
  | { kind: 'blocked'; reason: string; chatId?: number };

export type FailureKind = Failure['kind'];

/** Where an error keeps its meaning: a getter on our own classes, a tag on a library's error. */
export const FAILURE: unique symbol = Symbol.for('taskbot.failure');

interface Classified {
  [FAILURE]: Failure;
}

/**
 * A failure that another attempt cannot fix: the message skips the retries and goes straight to
 * its dead-letter queue.
 */
export class PermanentError extends Error {
  override name = 'PermanentError';

  get [FAILURE](): Failure {
    return { kind: 'permanent', reason: this.message };
  }
}

/** Worth another attempt, not before `retryAfterSeconds` when given. */
export class TransientError extends Error {
  override name = 'TransientError';

  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  get [FAILURE](): Failure {
    return this.retryAfterSeconds === undefined
      ? { kind: 'transient', reason: this.message }
      : { kind: 'transient', reason: this.message, retryAfterSeconds: this.retryAfterSeconds };
  }
}

/** A server the job needs is away; the work waits for it. */
export class DependencyDownError extends Error {
  override name = 'DependencyDownError';

  constructor(
    readonly dependency: Dependency,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  get [FAILURE](): Failure {
    return { kind: 'dependency-down', reason: this.message, dependency: this.dependency };
  }
}

/**
 * Tags an error made elsewhere (by a driver, by telegraf) with what it means, without changing its
 * class, name or message (which the dead-letter headers show). Returns the same error.
 */
export function withFailure<E extends Error>(error: E, failure: Failure): E {
  Object.defineProperty(error, FAILURE, { value: failure, configurable: true, enumerable: false });
  return error;
}

function ownFailure(error: Error): Failure | undefined {
  const failure = (error as Partial<Classified>)[FAILURE];
  return failure && typeof failure.kind === 'string' ? failure : undefined;
}

/**
 * What a failure means. The first error in the `cause` chain that says so wins; an error nobody
 * classified is `dependency-down` when it is a lost connection (connection-errors.ts), else
 * `transient`: an unknown failure gets its retries rather than being dropped.
 */
export function failureOf(error: unknown): Failure {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const failure = ownFailure(current);
    if (failure) return failure;
    current = current.cause;
  }
  const reason = describeError(error);
  return isConnectionError(error) ? { kind: 'dependency-down', reason } : { kind: 'transient', reason };
}

/** One line for a log or a header: the error's name and message. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
