import { TelegramError } from 'telegraf';

// How a failed Bot API call is treated. Transient failures are retried by the consumer loop;
// permanent ones go straight to the dead-letter queue; some "errors" mean the work is already done.

export type TelegramFailure =
  | { kind: 'done'; reason: string }
  | { kind: 'blocked'; reason: string }
  | { kind: 'transient'; reason: string; retryAfterSeconds?: number }
  | { kind: 'permanent'; reason: string };

const ALREADY_DONE = [
  'message is not modified',
  'query is too old',
  'query id is invalid',
  'message to delete not found',
];

export function classifyTelegramError(error: unknown): TelegramFailure {
  if (error instanceof TelegramError) {
    const reason = `${error.code} ${error.description}`;
    if (error.code === 429)
      return { kind: 'transient', reason, retryAfterSeconds: error.parameters?.retry_after };
    if (error.code >= 500) return { kind: 'transient', reason };
    if (error.code === 403) return { kind: 'blocked', reason };
    if (error.code === 400 && ALREADY_DONE.some((text) => error.description.includes(text))) {
      return { kind: 'done', reason };
    }
    return { kind: 'permanent', reason };
  }
  // Network failures (refused, reset, timed out) are worth another attempt.
  return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
}
