import { PassThrough } from 'node:stream';
import type { Failure } from '@taskbot/fake-bot-api/failures';
import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import { createLogger } from '@taskbot/logger/logger';
import { createTelegramClient, TelegramTimeoutError } from '@taskbot/telegram/client';
import { classifyTelegramError } from '@taskbot/telegram/telegram-errors';
import { TelegramReachability } from '@taskbot/telegram/telegram-reachability';
import { Redis } from 'ioredis';
import { TEST_TOKEN, uniquePrefix } from '../support/stack';

// The one Telegram client when the Bot API fails as Telegram's servers do during an incident: every
// way of failing is a transient failure the client returns promptly, and the reachability tracker
// says Telegram is down until a call is answered again.

describe('the Telegram client when the Bot API is failing', () => {
  const fake = new FakeBotApi();
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().trim().split('\n')));
  const logger = createLogger({ service: 'unreachable-test', level: 'info', stream });
  let redis: Redis;

  const client = (reachability?: TelegramReachability) =>
    createTelegramClient({
      token: TEST_TOKEN,
      apiRoot: fake.apiRoot,
      redis,
      prefix: uniquePrefix('unreachable'),
      logger,
      observer: reachability,
      callTimeoutMs: 300,
    });

  beforeAll(async () => {
    await fake.start();
    redis = new Redis(process.env.REDIS_URL ?? '', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    await new Promise((resolve) => redis.once('ready', resolve));
  });

  afterAll(async () => {
    redis.disconnect();
    await fake.stop();
  });

  beforeEach(() => {
    fake.reset();
    lines.length = 0;
  });

  const failures: Array<[string, Failure]> = [
    ['a 500 with a JSON error', { code: 500 }],
    ['a 502 with an HTML page', { code: 502, html: true }],
    ['a reset connection', { reset: true }],
    ['no answer at all', { hang: true }],
  ];

  it.each(failures)(
    '%s fails the call as transient and marks Telegram unreachable',
    async (_name, failure) => {
      const states: boolean[] = [];
      const reachability = new TelegramReachability(logger, undefined, (up) => states.push(up));
      const telegram = client(reachability);
      await telegram.getMe();
      fake.failFor('*', failure);

      const error = await telegram.sendMessage(1, 'hello').catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(Error);
      expect(classifyTelegramError(error).kind).toBe('transient');
      expect(reachability.isReachable).toBe(false);
      expect(await reachability.isDown(() => telegram.getMe())).toBe(true);
      expect(states).toEqual([true, false]);
    },
  );

  it('says nothing about Telegram when its caller stops a call (a poll ended at shutdown)', async () => {
    const states: boolean[] = [];
    const reachability = new TelegramReachability(logger, undefined, (up) => states.push(up));
    const telegram = client(reachability);
    await telegram.getMe();
    const stop = new AbortController();
    const poll = telegram.callApi('getUpdates', { timeout: 5 }, { signal: stop.signal as never });
    setTimeout(() => stop.abort(), 50);

    await expect(poll).rejects.toMatchObject({ name: 'AbortError' });
    expect(reachability.isReachable).toBe(true);
    expect(states).toEqual([true]);
    expect(lines.filter((line) => line.includes('Telegram unreachable'))).toEqual([]);
  });

  it('gives up on a request Telegram never answers after the call timeout', async () => {
    const telegram = client();
    fake.failFor('setMyCommands', { hang: true });
    await expect(telegram.setMyCommands([{ command: 'add', description: 'Add' }])).rejects.toBeInstanceOf(
      TelegramTimeoutError,
    );
  });

  it('finds Telegram back with one getMe once it answers, and says so once', async () => {
    const reachability = new TelegramReachability(logger);
    const telegram = client(reachability);
    fake.failFor('*', { code: 502, html: true });
    await telegram.sendMessage(1, 'hello').catch(() => undefined);
    await telegram.sendMessage(1, 'hello').catch(() => undefined);
    fake.recover();
    // A probe is made at most once a second, so wait until one is allowed.
    let down = true;
    for (let tries = 0; tries < 40 && down; tries += 1) {
      down = await reachability.isDown(() => telegram.getMe());
      if (down) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(down).toBe(false);
    expect(reachability.isReachable).toBe(true);
    const messages = lines.map((line) => JSON.parse(line).message as string);
    expect(messages.filter((m) => m.startsWith('Telegram unreachable'))).toHaveLength(1);
    expect(messages.filter((m) => m === 'Telegram reachable again')).toHaveLength(1);
  });

  it('takes a refusal (404 method not found, 400, 429) as Telegram being there', async () => {
    const reachability = new TelegramReachability(logger);
    const telegram = client(reachability);
    fake.failNext('setMyCommands', { code: 404, description: 'Not Found' });
    await expect(telegram.setMyCommands([{ command: 'add', description: 'Add' }])).rejects.toThrow('404');
    expect(reachability.isReachable).toBe(true);
  });
});
