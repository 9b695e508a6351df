import { PassThrough } from 'node:stream';
import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import type { Call } from '@taskbot/fake-bot-api/types';
import { createLogger } from '@taskbot/logger/logger';
import { inCallScope } from '@taskbot/telegram/call-scope';
import { createTelegramClient, type TelegramClientOptions } from '@taskbot/telegram/client';
import type { FloodLimits } from '@taskbot/telegram/flood-control';
import { classifyTelegramError, OutgoingDeferredError } from '@taskbot/telegram/telegram-errors';
import { Redis } from 'ioredis';
import { waitFor } from '../support/amqp';
import { TEST_TOKEN, uniquePrefix } from '../support/stack';

// The one Telegram client against real Redis and the fake Bot API: what reaches Telegram, and when,
// as the fake recorded it.

const FAST: FloodLimits = {
  chatPerSecond: 1_000,
  groupPerMinute: 1_000,
  globalPerSecond: 1_000,
  maxWaitMs: 5_000,
};

/** Milliseconds between consecutive calls, as the fake received them. */
const gapsBetween = (calls: Call[]) =>
  calls.slice(1).map((call, i) => call.at.getTime() - (calls[i] as Call).at.getTime());

const logger = createLogger({ service: 'outgoing-test', level: 'error', stream: new PassThrough() });

async function connectRedis(): Promise<Redis> {
  const redis = new Redis(process.env.REDIS_URL ?? '', {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  await new Promise((resolve) => redis.once('ready', resolve));
  return redis;
}

/** Resolves once `check` holds, looking every 10 ms for at most `timeoutMs`. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 10) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
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

  /**
   * A replica's client; every replica made in one test shares the test's Redis keys. Rates are
   * high unless a test is about them, so tests stay fast.
   */
  const replica = (overrides: Partial<TelegramClientOptions> = {}, limits: Partial<FloodLimits> = {}) =>
    createTelegramClient({
      token: TEST_TOKEN,
      apiRoot: fake.apiRoot,
      redis,
      prefix,
      logger,
      ...overrides,
      limits: { ...FAST, ...limits },
    });

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
      const sent = await inCallScope('reminder:42:2026-12-01T09:00:00.000Z', 'own', async () => {
        await client.getMe();
        await client.sendMessage(chat, 'Reminder: pay rent');
        return client.sendMessage(chat, 'Reminder: call mum');
      });

      const key = (n: number) => `${prefix}sent:reminder:42:2026-12-01T09:00:00.000Z:${n}`;
      expect(await redis.keys(`${prefix}sent:*`)).toHaveLength(2);
      const second = JSON.parse((await redis.get(key(2))) ?? 'null');
      // What the job goes on with, without the text and keyboard (see recordOf).
      expect(second).toEqual({
        message_id: sent.message_id,
        date: sent.date,
        chat: { id: chat, type: 'private' },
      });
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

    it('a record Redis refuses right after the send is kept, written once Redis takes it, and stops a second send', async () => {
      // Redis goes away between the send and its record (a restart): the first two writes fail.
      let refusals = 2;
      const flaky = new Proxy(redis, {
        get(target, property, receiver) {
          if (property === 'set' && refusals > 0) {
            return async () => {
              refusals -= 1;
              throw new Error('Connection is closed.');
            };
          }
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const client = replica({ redis: flaky });
      const run = () => inCallScope('update:1008', 'reply', () => client.sendMessage(chat, 'Added'));

      const first = await run();
      // The job runs again in this process before the record reached Redis: nothing is sent twice.
      const again = await run();
      expect(again.message_id).toBe(first.message_id);
      await waitFor(
        'the record to reach Redis',
        async () => (await redis.get(`${prefix}sent:update:1008:1`)) !== null,
      );
      // The record holds what the job goes on with, not the message's text.
      expect(JSON.parse((await redis.get(`${prefix}sent:update:1008:1`)) ?? 'null')).toEqual({
        message_id: first.message_id,
        date: first.date,
        chat: { id: chat, type: first.chat.type },
      });
      // And another replica, which knows only Redis, does not send it either.
      const other = await inCallScope('update:1008', 'reply', () => replica().sendMessage(chat, 'Added'));
      expect(other.message_id).toBe(first.message_id);
      expect(fake.callsOf('sendMessage')).toHaveLength(1);
    });

    it('a job given up while it ran sends nothing more, so it never talks over the run that replaces it', async () => {
      const client = replica();
      const givenUp = new AbortController();
      const run = inCallScope(
        'update:1007',
        'reply',
        async () => {
          await client.sendMessage(chat, 'first');
          givenUp.abort();
          await client.sendMessage(chat, 'second');
        },
        givenUp.signal,
      );

      await expect(run).rejects.toBeInstanceOf(OutgoingDeferredError);
      await expect(run).rejects.toThrow(/given up/);
      expect(fake.callsOf('sendMessage').map((call) => call.payload.text)).toEqual(['first']);
    });
  });

  describe('flood control', () => {
    const group = -1_000_200_300;

    it('spreads a burst of 5 messages to one chat over about 4 seconds', async () => {
      const client = replica({}, { chatPerSecond: 1 });

      await Promise.all([1, 2, 3, 4, 5].map((n) => client.sendMessage(chat, `message ${n}`)));

      const calls = fake.callsOf('sendMessage');
      expect(calls).toHaveLength(5);
      for (const gap of gapsBetween(calls)) expect(gap).toBeGreaterThanOrEqual(900);
      expect(fake.messagesOf(chat)).toHaveLength(5);
    });

    it('shares the limits between replicas: a message the other replica just sent holds this one', async () => {
      const first = replica({}, { chatPerSecond: 1, maxWaitMs: 100 });
      const second = replica({}, { chatPerSecond: 1, maxWaitMs: 100 });
      await first.sendMessage(chat, 'from the first replica');

      const held = second.sendMessage(chat, 'from the second replica');

      await expect(held).rejects.toBeInstanceOf(OutgoingDeferredError);
      await expect(held).rejects.toThrow(/chat flood limit/);
      expect(fake.callsOf('sendMessage')).toHaveLength(1);
      await expect(second.sendMessage(chat + 1, 'another chat is not held')).resolves.toBeDefined();
    });

    it('lets a waiting message go as soon as the other replica’s turn is over', async () => {
      const first = replica({}, { chatPerSecond: 1 });
      const second = replica({}, { chatPerSecond: 1 });

      await first.sendMessage(chat, 'first');
      await second.sendMessage(chat, 'second');

      const [gap] = gapsBetween(fake.callsOf('sendMessage'));
      expect(gap).toBeGreaterThanOrEqual(900);
    });

    it('counts messages to a group per minute as well', async () => {
      const client = replica({}, { groupPerMinute: 2, maxWaitMs: 100 });
      await client.sendMessage(group, 'one');
      await client.sendMessage(group, 'two');

      await expect(client.sendMessage(group, 'three')).rejects.toThrow(/group flood limit/);
      await client.sendMessage(chat, 'a private chat has no per-minute limit');
      await client.sendMessage(chat, 'a private chat has no per-minute limit');
      await client.sendMessage(chat, 'a private chat has no per-minute limit');
      expect(fake.callsOf('sendMessage')).toHaveLength(5);
    });

    it("caps the bot's own messages overall, but never holds a reply to a person", async () => {
      const client = replica({}, { globalPerSecond: 3, maxWaitMs: 100 });
      const chats = [1, 2, 3, 4, 5, 6].map((n) => chat + n);

      const replies = chats.map((to, n) =>
        inCallScope(`update:${2000 + n}`, 'reply', () => client.sendMessage(to, 'your tasks')),
      );
      await Promise.all(replies);
      const own = inCallScope('reminder:9:2026-12-01T09:00:00.000Z', 'own', () =>
        client.sendMessage(chat, 'Reminder: pay rent'),
      );

      await expect(own).rejects.toThrow(/overall flood limit/);
      expect(fake.callsOf('sendMessage')).toHaveLength(6);
    });

    it("spreads the bot's own messages to many chats at the global rate", async () => {
      const client = replica({}, { globalPerSecond: 3 });
      const chats = [1, 2, 3, 4, 5, 6].map((n) => chat + n);

      await Promise.all(
        chats.map((to, n) =>
          inCallScope(`digest:${to}:2026-12-01`, 'own', () => client.sendMessage(to, `digest ${n}`)),
        ),
      );

      const times = fake.callsOf('sendMessage').map((call) => call.at.getTime());
      expect(times).toHaveLength(6);
      // At most 3 in a second: the 4th goes at least about a second after the 1st.
      expect((times[3] as number) - (times[0] as number)).toBeGreaterThanOrEqual(900);
    });

    it('does not count answers to button presses', async () => {
      const client = replica({}, { chatPerSecond: 1, maxWaitMs: 0 });
      await client.sendMessage(chat, 'Buy milk');
      fake.pushUpdate({
        callback_query: {
          id: 'cb-1',
          from: { id: chat, is_bot: false, first_name: 'Alice' },
          chat_instance: '1',
          data: 'done:1',
        },
      });

      await client.answerCbQuery('cb-1', 'Done');

      expect(fake.callsOf('answerCallbackQuery')).toHaveLength(1);
    });

    it('with Redis unreachable, still limits each replica in memory and keeps sending', async () => {
      const client = replica({ redis: await unreachableRedis() }, { chatPerSecond: 1, maxWaitMs: 100 });

      await client.sendMessage(chat, 'sent without Redis');
      await expect(client.sendMessage(chat, 'too soon')).rejects.toThrow(/chat flood limit/);

      expect(fake.callsOf('sendMessage')).toHaveLength(1);
    });
  });

  describe("Telegram's 429", () => {
    it('waits retry_after and makes the call once more', async () => {
      const client = replica();
      fake.failNext('sendMessage', { code: 429, retryAfter: 1 });

      const sent = await client.sendMessage(chat, 'Added: Buy milk');

      const calls = fake.callsOf('sendMessage');
      expect(calls.map((call) => call.response.ok)).toEqual([false, true]);
      const [gap] = gapsBetween(calls);
      expect(gap).toBeGreaterThanOrEqual(950);
      expect(fake.messagesOf(chat)).toEqual([expect.objectContaining({ message_id: sent.message_id })]);
    });

    it('holds the chat on the other replicas for retry_after as well', async () => {
      const first = replica();
      const second = replica({}, { maxWaitMs: 100 });
      fake.failNext('sendMessage', { code: 429, retryAfter: 2 });

      const waiting = first.sendMessage(chat, 'first');
      // The chat's 1 s rate window ends sooner than the 2 s hold, so a longer life means the hold.
      await eventually(
        async () => (await redis.pttl(`${prefix}flood:chat:${chat}`)) > 1_000,
        'the chat is held',
      );

      await expect(second.sendMessage(chat, 'second')).rejects.toThrow(/chat flood limit/);
      await expect(second.sendMessage(chat + 1, 'another chat goes')).resolves.toBeDefined();
      await waiting;
      expect(fake.callsOf('sendMessage').map((call) => call.payload.text)).toEqual([
        'first',
        'another chat goes',
        'first',
      ]);
    });

    it('gives up at once when Telegram asks for longer than a call may wait, as a transient failure', async () => {
      const client = replica();
      fake.failNext('sendMessage', { code: 429, retryAfter: 120 });

      const failure = await client.sendMessage(chat, 'Added').catch((error: unknown) => error);

      expect(classifyTelegramError(failure)).toMatchObject({ kind: 'transient', retryAfterSeconds: 120 });
      expect(fake.callsOf('sendMessage')).toHaveLength(1);
    });

    it('inside a job, the message sent after the wait is the one recorded for the next run', async () => {
      const client = replica();
      fake.failNext('sendMessage', { code: 429, retryAfter: 1 });
      const job = () => inCallScope('update:3001', 'reply', () => client.sendMessage(chat, 'Your tasks'));

      const first = await job();
      const second = await job();

      expect(second.message_id).toBe(first.message_id);
      expect(fake.callsOf('sendMessage')).toHaveLength(2);
      expect(fake.messagesOf(chat)).toHaveLength(1);
    });
  });
});
