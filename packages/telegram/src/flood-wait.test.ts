import { PassThrough } from 'node:stream';
import { createLogger } from '@taskbot/logger/logger';
import { TelegramError } from 'telegraf';
import { repeatAfterFloodWait } from './flood-wait';

const logger = createLogger({ service: 'flood-wait-test', level: 'error', stream: new PassThrough() });

const tooManyRequests = (retryAfter: number) =>
  new TelegramError({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  });

/** A call that fails with the given errors first, then answers 'sent'. */
function failingFirst(...errors: Error[]) {
  const attempts: number[] = [];
  const call = async () => {
    attempts.push(attempts.length + 1);
    const error = errors[attempts.length - 1];
    if (error) throw error;
    return 'sent';
  };
  return { call, attempts };
}

function recorder() {
  const slept: number[] = [];
  const held: number[] = [];
  return {
    slept,
    held,
    options: (budgetMs: number) => ({
      budgetMs,
      logger,
      context: { method: 'sendMessage' },
      onFloodWait: async (seconds: number) => {
        held.push(seconds);
      },
      sleep: async (ms: number) => {
        slept.push(ms);
      },
    }),
  };
}

describe('repeatAfterFloodWait', () => {
  it('waits the retry_after Telegram asks for, holds the chat, and makes the call again', async () => {
    const { call, attempts } = failingFirst(tooManyRequests(3));
    const { slept, held, options } = recorder();

    await expect(repeatAfterFloodWait(call, options(60_000))).resolves.toBe('sent');

    expect(attempts).toEqual([1, 2]);
    expect(held).toEqual([3]);
    expect(slept).toEqual([3_000]);
  });

  it('keeps going while the waits fit the budget, then rethrows the 429 as it came', async () => {
    const last = tooManyRequests(30);
    const { call, attempts } = failingFirst(tooManyRequests(20), tooManyRequests(30), last);
    const { slept, options } = recorder();

    await expect(repeatAfterFloodWait(call, options(60_000))).rejects.toBe(last);

    expect(attempts).toEqual([1, 2, 3]);
    expect(slept).toEqual([20_000, 30_000]);
  });

  it('waits at least a second when Telegram says 0', async () => {
    const { call } = failingFirst(tooManyRequests(0));
    const { slept, options } = recorder();

    await repeatAfterFloodWait(call, options(60_000));

    expect(slept).toEqual([1_000]);
  });

  it('passes every other failure through at once', async () => {
    const refused = new TelegramError({ error_code: 400, description: 'Bad Request: chat not found' });
    const { call, attempts } = failingFirst(refused);
    const { slept, options } = recorder();

    await expect(repeatAfterFloodWait(call, options(60_000))).rejects.toBe(refused);

    expect(attempts).toEqual([1]);
    expect(slept).toEqual([]);
  });
});
