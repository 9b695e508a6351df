import { BotApiError, forbidden, notFound, tooManyRequests } from './bot-api-error';
import type { ApiResponse, InjectedFailure } from './types';

/** One of Telegram's own refusals: its JSON envelope, with the HTTP status equal to `code`. */
export type ErrorFailure =
  | { code: 429; retryAfter: number }
  | { code: 400; description: string }
  | { code: 403 | 404 | 500 | 502; description?: string };

/**
 * What a client meets on the way to Telegram rather than from it. The HTTP server carries these
 * out, since the core has no socket: `html` is the page the proxy in front of Telegram (nginx)
 * answers when the Bot API behind it is down, `reset` drops the connection with no answer, `hang`
 * answers nothing until the client gives up.
 */
export type TransportFailure = { code: 500 | 502; html: true } | { reset: true } | { hang: true };

/** A failure to answer with instead of doing the work, or a late answer (`hangMs`, then the work). */
export type Failure = ErrorFailure | TransportFailure | { hangMs: number };

export const BLOCKED_BY_USER = 'bot was blocked by the user';

export const SERVER_ERROR_TEXT = { 500: 'Internal Server Error', 502: 'Bad Gateway' } as const;

export function errorFor(failure: ErrorFailure): BotApiError {
  switch (failure.code) {
    case 429:
      return tooManyRequests(failure.retryAfter);
    case 403:
      return failure.description ? new BotApiError(403, failure.description) : forbidden(BLOCKED_BY_USER);
    case 400:
      return new BotApiError(400, failure.description);
    case 404:
      return failure.description ? new BotApiError(404, failure.description) : notFound();
    case 500:
    case 502:
      return new BotApiError(failure.code, failure.description ?? SERVER_ERROR_TEXT[failure.code]);
  }
}

/**
 * What the call log records for a call a failure answered. A reset or a hang sends no HTTP answer,
 * yet a Call always has a response (front ends read `response.ok`), so theirs carries error_code 0
 * and says what happened; `kind` is what the HTTP server acts on.
 */
export function injectedAnswer(failure: ErrorFailure | TransportFailure): {
  kind: InjectedFailure['kind'];
  response: ApiResponse;
} {
  if ('reset' in failure) {
    return { kind: 'reset', response: noAnswer('the connection was reset') };
  }
  if ('hang' in failure) {
    return { kind: 'hang', response: noAnswer('held until the client gives up') };
  }
  if ('html' in failure) {
    // What telegraf reports for it: the status and its text, since it does not read a 5xx body.
    const description = SERVER_ERROR_TEXT[failure.code];
    return { kind: 'html', response: { ok: false, error_code: failure.code, description } };
  }
  return { kind: 'error', response: errorFor(failure).toResponse() };
}

const noAnswer = (what: string): ApiResponse => ({
  ok: false,
  error_code: 0,
  description: `no HTTP answer: ${what}`,
});

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A failure with no other field than `flag`, which must be true: `{ reset: true }`, `{ hang: true }`. */
function flagOnly(record: Record<string, unknown>, flag: 'reset' | 'hang'): void {
  if (record[flag] !== true) throw new Error(`failure.${flag} must be true`);
  const others = Object.keys(record).filter((key) => key !== flag);
  if (others.length > 0) throw new Error(`a ${flag} failure takes no other field (got ${others.join(', ')})`);
}

function parseHtmlFailure(record: Record<string, unknown>): Failure {
  if (record.html !== true) throw new Error('failure.html must be true');
  if (record.code !== 500 && record.code !== 502) throw new Error('an html failure needs code 500 or 502');
  if (record.description !== undefined) {
    throw new Error("an html failure takes no description: it answers the proxy's own page");
  }
  return { code: record.code, html: true };
}

/** Reads a failure sent to the control API; throws an Error saying what is wrong. */
export function parseFailure(value: unknown): Failure {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('failure must be an object');
  }
  const record = value as Record<string, unknown>;
  if ('reset' in record) {
    flagOnly(record, 'reset');
    return { reset: true };
  }
  if ('hang' in record) {
    flagOnly(record, 'hang');
    return { hang: true };
  }
  if ('html' in record) return parseHtmlFailure(record);
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
    case 404:
    case 500:
    case 502:
      return description ? { code: record.code, description } : { code: record.code };
    default:
      throw new Error(
        'failure.code must be one of 400, 403, 404, 429, 500, 502, or give hangMs, hang: true or reset: true',
      );
  }
}
