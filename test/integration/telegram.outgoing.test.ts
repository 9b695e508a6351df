import { PassThrough } from 'node:stream';
import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import { createLogger } from '@taskbot/logger/logger';
import { inCallScope } from '@taskbot/telegram/call-scope';
import { createTelegramClient, type TelegramClientOptions } from '@taskbot/telegram/client';
import { OutgoingDeferredError } from '@taskbot/telegram/telegram-errors';
import { Redis } from 'ioredis';
import { TEST_TOKEN, uniquePrefix } from '../support/stack';

// The one Telegram client against real Redis and the fake Bot API: what reaches Telegram, and when,
// as the fake recorded it.

const logger = createLogger({ service: 'outgoing-test', level: 'error', stream: new PassThrough() });

async function connectRedis(): Promise<Redis> {
  const redis = new Redis(process.env.REDIS_URL ?? '', {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  await new Promise((resolve) => redis.once('ready', resolve));
  return redis;
}

/** A Redis client as a replica sees it during an outage: every command fails at once. */
async function unreachableRedis(): Promise<Redis> {
  const redis = await connectRedis();
  redis.disconnect();
  return redis;
}

describe('the outgoing Telegram client', () => {
  const fake = new FakeBotApi();
  const chat = 7_200_001;
  let redis: Redis;
  let prefix: string;

  /** A replica's client; every replica made in one test shares the test's Redis keys. */
  const replica = (overrides: Partial<TelegramClientOptions> = {}) =>
    createTelegramClient({ token: TEST_TOKEN, apiRoot: fake.apiRoot, redis, prefix, logger, ...overrides });

  beforeAll(async () => {
    await fake.start();
    redis = await connectRedis();
  });

  afterAll(async () => {
    redis.disconnect();
    await fake.stop();
  });

  beforeEach(() => {
    fake.reset();
    prefix = uniquePrefix('outgoing');
  });

  afterEach(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  });

  describe('send-once', () => {
    it('a job that runs again sends its reply once and goes on with the same message_id', async () => {
      const client = replica();
      const job = () =>
        inCallScope('update:1001', 'reply', async () => {
          const sent = await client.sendMessage(chat, 'Added: Buy milk');
          await client.editMessageText(chat, sent.message_id, undefined, 'Added: Buy milk ✅');
          return sent.message_id;
        });

      const first = await job();
      const second = await job();

      expect(second).toBe(first);
      expect(fake.callsOf('sendMessage')).toHaveLength(1);
      expect(fake.callsOf('editMessageText')).toHaveLength(1);
      expect(fake.messagesOf(chat).map((message) => message.text)).toEqual(['Added: Buy milk ✅']);
    });

    it('another replica running the same job sends nothing already sent', async () => {
      const job = (client: ReturnType<typeof replica>) =>
        inCallScope('update:1002', 'reply', () => client.sendMessage(chat, 'Your tasks'));

      const first = await job(replica());
      const second = await job(replica());

      expect(second.message_id).toBe(first.message_id);
      expect(fake.callsOf('sendMessage')).toHaveLength(1);
    });

    it('a job retried after a later step failed sends only what it had not sent', async () => {
      const client = replica();
      const job = () =>
        inCallScope('update:1003', 'reply', async () => {
          const sent = await client.sendMessage(chat, 'Saving…');
          await client.editMessageText(chat, sent.message_id, undefined, 'Saved');
        });
      fake.failNext('editMessageText', { code: 502 });

      await expect(job()).rejects.toMatchObject({ code: 502 });
      await job();

      expect(fake.callsOf('sendMessage')).toHaveLength(1);
      expect(fake.callsOf('editMessageText').map((call) => call.response.ok)).toEqual([false, true]);
      expect(fake.messagesOf(chat).map((message) => message.text)).toEqual(['Saved']);
    });

    it('records each chat effect of a job under its job key and ordinal for 48 hours, reads not', async () => {
      const client = replica();
      await inCallScope('reminder:42:2026-12-01T09:00:00.000Z', 'own', async () => {
        await client.getMe();
        await client.sendMessage(chat, 'Reminder: pay rent');
        await client.sendMessage(chat, 'Reminder: call mum');
      });

      const key = (n: number) => `${prefix}sent:reminder:42:2026-12-01T09:00:00.000Z:${n}`;
      expect(await redis.keys(`${prefix}sent:*`)).toHaveLength(2);
      const second = JSON.parse((await redis.get(key(2))) ?? 'null');
      expect(second).toMatchObject({ chat: { id: chat }, text: 'Reminder: call mum' });
      const ttl = await redis.ttl(key(1));
      expect(ttl).toBeGreaterThan(47 * 3600);
      expect(ttl).toBeLessThanOrEqual(48 * 3600);
    });

    it('different jobs, and calls outside any job, each go out', async () => {
      const client = replica();
      await inCallScope('update:1004', 'reply', () => client.sendMessage(chat, 'one'));
      await inCallScope('update:1005', 'reply', () => client.sendMessage(chat, 'one'));
      await client.sendMessage(chat, 'two');
      await client.sendMessage(chat, 'two');

      expect(fake.callsOf('sendMessage')).toHaveLength(4);
    });

    it('with Redis unreachable, a job call fails as transient and nothing is sent', async () => {
      const client = replica({ redis: await unreachableRedis() });

      const attempt = inCallScope('update:1006', 'reply', () => client.sendMessage(chat, 'Added'));

      await expect(attempt).rejects.toBeInstanceOf(OutgoingDeferredError);
      await expect(attempt).rejects.toThrow(/send-once ledger unreachable/);
      expect(fake.callsOf('sendMessage')).toHaveLength(0);
    });
  });
});
