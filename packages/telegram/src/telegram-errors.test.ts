import { TelegramError } from 'telegraf';
import { classifyTelegramError, OutgoingDeferredError, retryAfterOf } from './telegram-errors';

describe('Telegram errors', () => {
  it('reads retry_after from a 429 only', () => {
    const flood = new TelegramError({
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 },
    });
    expect(retryAfterOf(flood)).toBe(3);
    expect(retryAfterOf(new TelegramError({ error_code: 429, description: 'Too Many Requests' }))).toBe(
      undefined,
    );
    expect(retryAfterOf(new TelegramError({ error_code: 400, description: 'Bad Request' }))).toBe(undefined);
    expect(retryAfterOf(new Error('reset'))).toBe(undefined);
  });

  it('treats a held-back call as transient, with its wait in seconds', () => {
    expect(classifyTelegramError(new OutgoingDeferredError('flood wait too long', 1_500))).toEqual({
      kind: 'transient',
      reason: 'flood wait too long',
      retryAfterSeconds: 2,
    });
    expect(classifyTelegramError(new OutgoingDeferredError('ledger unreachable')).kind).toBe('transient');
  });
});
