import { BotApiError, forbidden, tooManyRequests } from './bot-api-error';

/** A failure to answer with instead of doing the work, or a late answer (`hangMs`). */
export type Failure =
  | { code: 429; retryAfter: number }
  | { code: 403; description?: string }
  | { code: 400; description: string }
  | { code: 500 | 502; description?: string }
  | { hangMs: number };

export const BLOCKED_BY_USER = 'bot was blocked by the user';

const SERVER_ERROR_TEXT = { 500: 'Internal Server Error', 502: 'Bad Gateway' } as const;

export function errorFor(failure: Exclude<Failure, { hangMs: number }>): BotApiError {
  switch (failure.code) {
    case 429:
      return tooManyRequests(failure.retryAfter);
    case 403:
      return failure.description ? new BotApiError(403, failure.description) : forbidden(BLOCKED_BY_USER);
    case 400:
      return new BotApiError(400, failure.description);
    case 500:
    case 502:
      return new BotApiError(failure.code, failure.description ?? SERVER_ERROR_TEXT[failure.code]);
  }
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Reads a failure sent to the control API; throws an Error saying what is wrong. */
export function parseFailure(value: unknown): Failure {
  if (typeof value !== 'object' || value === null) throw new Error('failure must be an object');
  const record = value as Record<string, unknown>;
  const description = record.description;
  if (description !== undefined && typeof description !== 'string') {
    throw new Error('failure.description must be a string');
  }
  if ('hangMs' in record) {
    if (!isNonNegativeNumber(record.hangMs)) throw new Error('failure.hangMs must be a number >= 0');
    return { hangMs: record.hangMs };
  }
  switch (record.code) {
    case 429:
      if (!isNonNegativeNumber(record.retryAfter))
        throw new Error('failure.retryAfter must be a number >= 0');
      return { code: 429, retryAfter: record.retryAfter };
    case 400:
      if (!description) throw new Error('a 400 failure needs a description');
      return { code: 400, description };
    case 403:
    case 500:
    case 502:
      return description ? { code: record.code, description } : { code: record.code };
    default:
      throw new Error('failure.code must be one of 400, 403, 429, 500, 502, or give hangMs');
  }
}

/** Failures queued per method (matched case-insensitively, as Telegram matches method names). */
export class FailureQueue {
  private readonly queues = new Map<string, Failure[]>();

  add(method: string, failure: Failure, times: number): void {
    const key = method.toLowerCase();
    const queue = this.queues.get(key) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(failure);
    this.queues.set(key, queue);
  }

  /** The failure for this call of `method`, if one is queued. */
  take(method: string): Failure | undefined {
    const key = method.toLowerCase();
    const queue = this.queues.get(key);
    const failure = queue?.shift();
    if (queue?.length === 0) this.queues.delete(key);
    return failure;
  }

  reset(): void {
    this.queues.clear();
  }
}
