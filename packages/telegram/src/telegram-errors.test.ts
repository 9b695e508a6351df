import { TelegramError } from 'telegraf';
import {
  classifyTelegramError,
  migratedToChatIdOf,
  OutgoingDeferredError,
  retryAfterOf,
} from './telegram-errors';

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

  it('counts a chat that is gone as blocked, so the job is not tried again', () => {
    const refusals = [
      { error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      { error_code: 403, description: 'Forbidden: bot was kicked from the group chat' },
      { error_code: 403, description: 'Forbidden: bot is not a member of the supergroup chat' },
      { error_code: 400, description: 'Bad Request: chat not found' },
      { error_code: 400, description: 'Bad Request: group chat was deactivated' },
    ];
    for (const refusal of refusals) {
      expect(classifyTelegramError(new TelegramError(refusal))).toEqual({
        kind: 'blocked',
        reason: `${refusal.error_code} ${refusal.description}`,
      });
    }
    expect(
      classifyTelegramError(
        new TelegramError({ error_code: 400, description: 'Bad Request: message text is empty' }),
      ).kind,
    ).toBe('permanent');
  });

  it('names the supergroup a group became, and does not retry a send to the old group', () => {
    const upgraded = new TelegramError({
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1001234567890 },
    });
    expect(migratedToChatIdOf(upgraded)).toBe(-1001234567890);
    expect(classifyTelegramError(upgraded)).toEqual({
      kind: 'blocked',
      reason:
        '400 Bad Request: group chat was upgraded to a supergroup chat (the group is now the supergroup -1001234567890)',
    });
    expect(migratedToChatIdOf(new TelegramError({ error_code: 400, description: 'Bad Request' }))).toBe(
      undefined,
    );
    expect(migratedToChatIdOf(new Error('reset'))).toBe(undefined);
  });
});
