import { failureOf } from '@taskbot/errors/failure';
import { TelegramError } from 'telegraf';
import {
  classifyTelegramError,
  isFileGone,
  migratedToChatIdOf,
  OutgoingDeferredError,
  retryAfterOf,
  telegramFailureOf,
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
    expect(classifyTelegramError(new OutgoingDeferredError('given up')).kind).toBe('transient');
  });

  it('says Redis is down when the send-once ledger could not be read', () => {
    const unread = new OutgoingDeferredError('send-once ledger unreachable, call not sent', undefined, {
      cause: new Error('Connection is closed.'),
    });
    expect(failureOf(unread)).toEqual({
      kind: 'dependency-down',
      reason: 'send-once ledger unreachable, call not sent',
      dependency: 'redis',
    });
  });

  it('carries the wait of a 429 to whoever retries, and says nothing of failures without an answer', () => {
    const flood = new TelegramError({
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    expect(telegramFailureOf(flood)).toEqual({
      kind: 'transient',
      reason: '429 Too Many Requests: retry after 7',
      retryAfterSeconds: 7,
    });
    expect(telegramFailureOf(new TelegramError({ error_code: 502, description: 'Bad Gateway' }))?.kind).toBe(
      'transient',
    );
    expect(telegramFailureOf(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(
      undefined,
    );
  });

  it('counts "already so" answers as done', () => {
    for (const description of ['Bad Request: message is not modified', 'Bad Request: query is too old']) {
      expect(classifyTelegramError(new TelegramError({ error_code: 400, description })).kind).toBe('done');
    }
  });

  it('names the blocked chat when the refused call named it', () => {
    const refused = new TelegramError(
      { error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      { method: 'sendMessage', payload: { chat_id: 4242, text: 'hi' } },
    );
    expect(classifyTelegramError(refused)).toEqual({
      kind: 'blocked',
      reason: '403 Forbidden: bot was blocked by the user',
      chatId: 4242,
    });
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

  it('tells a file Telegram does not know from other refusals', () => {
    const refused = (description: string, code = 400) => new TelegramError({ error_code: code, description });
    expect(isFileGone(refused('Bad Request: wrong file identifier/HTTP URL specified'))).toBe(true);
    expect(isFileGone(refused('Bad Request: type of file mismatch'))).toBe(true);
    expect(isFileGone(refused('Bad Request: chat not found'))).toBe(false);
    expect(isFileGone(refused('Internal Server Error: wrong file identifier', 500))).toBe(false);
    expect(isFileGone(new Error('wrong file identifier'))).toBe(false);
  });
});
