import { PassThrough } from 'node:stream';
import { callbackQuery, groupChat, privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { createLogger } from '@taskbot/logger/logger';
import { Broker } from '@taskbot/messaging/broker';
import { Publisher } from '@taskbot/messaging/publisher';
import { topology } from '@taskbot/messaging/topology';
import { Redis } from 'ioredis';
import request from 'supertest';
import { createIntake } from '../../apps/gateway/src/intake';
import { createUserRateLimiter } from '../../apps/gateway/src/rate-limit';
import { createServer } from '../../apps/gateway/src/server';
import { deleteTopology, drainQueue, queueDepth } from '../support/broker';
import { TEST_SECRET, uniquePrefix } from '../support/stack';

// The webhook in front of real RabbitMQ and Redis: what Telegram (or anyone) gets back, and what
// ends up on the broker.

const logger = createLogger({ service: 'gateway-test', level: 'error', stream: new PassThrough() });
const PER_MINUTE = 3;
const BODY_LIMIT = 64 * 1024;

/** The gateway's HTTP app over a real broker connection and a limiter on the given Redis client. */
async function webhookApp(broker: Broker, redis: Redis, prefix: string) {
  const publisher = await Publisher.create(broker, logger);
  return createServer({
    logger,
    intake: createIntake({ publisher, limiter: createUserRateLimiter(redis, PER_MINUTE, prefix), logger }),
    webhookSecret: TEST_SECRET,
    bodyLimitBytes: BODY_LIMIT,
    readiness: async () => (broker.isConnected ? [] : ['rabbitmq']),
  });
}

function postUpdate(
  app: ReturnType<typeof createServer>,
  body: unknown,
  secret: string | null = TEST_SECRET,
) {
  const req = request(app).post('/telegram/webhook').set('content-type', 'application/json');
  if (secret !== null) req.set('x-telegram-bot-api-secret-token', secret);
  return req.send(typeof body === 'string' ? body : JSON.stringify(body));
}

describe('the webhook', () => {
  const prefix = uniquePrefix('webhook');
  const layout = topology(prefix);
  let broker: Broker;
  let redis: Redis;
  let app: ReturnType<typeof createServer>;

  const alice = user(7_100_001, { first_name: 'Alice', language_code: 'ru' });
  const send = (body: unknown, secret: string | null = TEST_SECRET) => postUpdate(app, body, secret);

  beforeAll(async () => {
    broker = await Broker.connect({ url: process.env.RABBITMQ_URL ?? '', layout, logger });
    redis = new Redis(process.env.REDIS_URL ?? '', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    await new Promise((resolve) => redis.once('ready', resolve));
    app = await webhookApp(broker, redis, prefix);
  });

  afterAll(async () => {
    await broker.close().catch(() => undefined);
    redis.disconnect();
    await deleteTopology(prefix, []);
  });

  beforeEach(async () => {
    for (const queue of Object.values(layout.queues)) await drainQueue(queue);
  });

  it('refuses a missing or wrong secret with 401 and publishes nothing', async () => {
    const update = textMessage({ chat: privateChat(alice), from: alice, text: '/tasks' });
    expect((await send(update, null)).status).toBe(401);
    expect((await send(update, 'not-the-secret')).status).toBe(401);
    expect((await send(update, `${TEST_SECRET}x`)).status).toBe(401);
    expect(await queueDepth(layout.queues.commands)).toBe(0);
  });

  it('refuses a body over the size limit with 413', async () => {
    const huge = { update_id: 1, message: { text: 'x'.repeat(BODY_LIMIT) } };
    expect((await send(huge)).status).toBe(413);
  });

  it.each([
    ['not JSON', '{"update_id":', 'not valid JSON'],
    ['an array', '[1,2]', 'invalid update'],
    ['no update_id', { message: { message_id: 1 } }, 'update_id'],
    ['a negative update_id', { update_id: -1, message: {} }, 'update_id'],
    ['a text update_id', { update_id: '5', inline_query: {} }, 'update_id'],
    ['no payload', { update_id: 5 }, 'no payload'],
    ['a message without chat', { update_id: 5, message: { message_id: 1, date: 1 } }, 'message.chat'],
    [
      'a chat of an unknown type',
      { update_id: 5, message: { message_id: 1, date: 1, chat: { id: 1, type: 'x' } } },
      'message.chat.type',
    ],
  ])('answers 400 with a reason for %s, publishing nothing', async (_name, body, reason) => {
    const response = await send(body);
    expect(response.status).toBe(400);
    expect(response.body.error).toContain(reason);
    expect(await queueDepth(layout.queues.commands)).toBe(0);
  });

  it('puts each kind of update on its queue and answers 200 once the broker has it', async () => {
    const bob = user(7_100_002);
    const typed = textMessage({ chat: privateChat(bob), from: bob, text: '/add Milk' });
    const list = { message_id: 9, date: 1, chat: privateChat(bob), text: 'list' };
    const press = callbackQuery({ from: bob, message: list as never, data: 'd:1' });
    const member = { update_id: 777_001, my_chat_member: { chat: privateChat(bob), from: bob, date: 1 } };
    for (const update of [typed, press, member]) expect((await send(update)).status).toBe(200);

    const [command] = await drainQueue(layout.queues.commands);
    const [callback] = await drainQueue(layout.queues.callbacks);
    const [other] = await drainQueue(layout.queues.telegram);
    expect(command?.body).toMatchObject({ kind: 'update', update: { update_id: typed.update_id } });
    expect(command?.properties).toMatchObject({ deliveryMode: 2, messageId: `update:${typed.update_id}` });
    expect(callback?.body).toMatchObject({ kind: 'update', update: { update_id: press.update_id } });
    expect(other?.body).toMatchObject({ kind: 'update', update: { update_id: 777_001 } });
  });

  it('drops updates over the per-user limit with 200 and sends one notice per window', async () => {
    const spammer = user(7_100_003, { language_code: 'ru' });
    const results: string[] = [];
    for (let i = 0; i < PER_MINUTE + 3; i += 1) {
      const response = await send(
        textMessage({ chat: privateChat(spammer), from: spammer, text: `/add ${i}` }),
      );
      expect(response.status).toBe(200);
      results.push(response.body.result);
    }
    expect(results).toEqual(['published', 'published', 'published', 'limited', 'limited', 'limited']);
    expect(await drainQueue(layout.queues.commands)).toHaveLength(PER_MINUTE);
    const notices = await drainQueue(layout.queues.telegram);
    expect(notices.map((n) => n.body)).toEqual([
      { kind: 'notice', notice: 'rate_limited', chatId: spammer.id, userId: spammer.id, languageCode: 'ru' },
    ]);

    const other = user(7_100_004);
    const response = await send(textMessage({ chat: privateChat(other), from: other, text: '/tasks' }));
    expect(response.body.result).toBe('published');
  });

  it('limits anonymous admins per group, not as one shared account, and sends them no notice', async () => {
    // Telegram writes every anonymous admin of every group as the same user, GroupAnonymousBot.
    const anonymous = user(1087968824, { first_name: 'Group', is_bot: true, username: 'GroupAnonymousBot' });
    const postAs = (chatId: number, i: number) => {
      const update = textMessage({
        chat: groupChat(chatId, `Group ${chatId}`),
        from: anonymous,
        text: `/add ${i}`,
      });
      Object.assign(update.message as object, {
        sender_chat: { id: chatId, type: 'supergroup', title: 'G' },
      });
      return send(update);
    };
    const inA: string[] = [];
    for (let i = 0; i < PER_MINUTE + 2; i += 1) inA.push((await postAs(-1007100100, i)).body.result);
    expect(inA.slice(-2)).toEqual(['limited', 'limited']);
    expect((await postAs(-1007100200, 0)).body.result).toBe('published');
    await drainQueue(layout.queues.commands);
    expect(await drainQueue(layout.queues.telegram)).toEqual([]);
  });

  it('answers 503 when the broker cannot take the update, so Telegram redelivers it', async () => {
    const closing = await Broker.connect({ url: process.env.RABBITMQ_URL ?? '', layout, logger });
    const down = await webhookApp(closing, redis, prefix);
    await closing.close();
    const carol = user(7_100_005);
    const response = await postUpdate(
      down,
      textMessage({ chat: privateChat(carol), from: carol, text: '/tasks' }),
    );
    expect(response.status).toBe(503);
    expect((await request(down).get('/readyz')).status).toBe(503);
  });

  it('keeps accepting updates while Redis is unreachable', async () => {
    const deadRedis = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    deadRedis.on('error', () => undefined);
    const noRedis = await webhookApp(broker, deadRedis, prefix);
    const dave = user(7_100_006);
    const response = await postUpdate(
      noRedis,
      textMessage({ chat: privateChat(dave), from: dave, text: '/tasks' }),
    );
    expect(response.status).toBe(200);
    expect(response.body.result).toBe('published');
    expect(await drainQueue(layout.queues.commands)).toHaveLength(1);
    deadRedis.disconnect();
  });
});
