import { PassThrough } from 'node:stream';
import { createLogger } from '@taskbot/logger/logger';
import { type BusMessage, encodeMessage } from '@taskbot/messaging/bus-message';
import type { Publisher, PublishJobOptions } from '@taskbot/messaging/publisher';
import type { Update } from '@telegraf/types';
import { Redis } from 'ioredis';
import request from 'supertest';
import { createBadSecretLimiter } from './bad-secret-limiter';
import { IgnoredUpdates } from './ignored-updates';
import { createIntake } from './intake';
import type { UserRateLimiter } from './rate-limit';
import { createServer, SECRET_HEADER } from './server';
import type { TrustProxy } from './trust-proxy';

// The webhook route in front of a recording publisher. The bad-secret limiter runs on its
// in-memory insurance (Redis here is unreachable), as it does on a replica whose Redis is down.

const SECRET = 'c0ffee-5ecret_for-the-webhook-tests-42';
const BAD_PER_MINUTE = 3;
const logger = createLogger({ service: 'gateway-test', level: 'error', stream: new PassThrough() });
const unlimited: UserRateLimiter = { check: async () => ({ allowed: true }) };

function deadRedis(): Redis {
  const redis = new Redis('redis://127.0.0.1:1', {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    lazyConnect: true,
  });
  redis.on('error', () => undefined);
  return redis;
}

function webhook(options: { trustProxy?: TrustProxy } = {}) {
  const published: unknown[] = [];
  /** The bytes each publish would put on the broker, and whether they were the body's own. */
  const sent: { bytes: Buffer; asReceived: boolean }[] = [];
  const publisher = {
    publishMessage: async (_route: string, body: BusMessage, options: PublishJobOptions) => {
      published.push(body);
      sent.push({ bytes: options.encoded ?? encodeMessage(body), asReceived: options.encoded !== undefined });
    },
  } as unknown as Publisher;
  const ignored = new IgnoredUpdates();
  const redis = deadRedis();
  const app = createServer({
    logger,
    intake: createIntake({ publisher, limiter: unlimited, logger, ignored }),
    webhookSecret: SECRET,
    bodyLimitBytes: 4096,
    badSecretLimiter: createBadSecretLimiter(redis, BAD_PER_MINUTE, 'test:'),
    readiness: async () => [],
    ...options,
  });
  const post = (body: unknown, headers: Record<string, string> = { [SECRET_HEADER]: SECRET }) =>
    request(app)
      .post('/telegram/webhook')
      .set({ 'content-type': 'application/json', ...headers })
      .serialize((raw) => raw)
      .send(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
  return { app, post, published, sent, ignored, close: () => redis.disconnect() };
}

let nextUpdateId = 1;
const message = (text = '/tasks'): Update.MessageUpdate => ({
  update_id: nextUpdateId++,
  message: {
    message_id: 1,
    date: 1,
    chat: { id: 42, type: 'private', first_name: 'Ann' },
    from: { id: 42, is_bot: false, first_name: 'Ann' },
    text,
  },
});

describe('the webhook secret', () => {
  it('refuses a missing, empty or wrong secret with 401 and publishes nothing', async () => {
    const hook = webhook();
    expect((await hook.post(message(), {})).status).toBe(401);
    expect((await hook.post(message(), { [SECRET_HEADER]: '' })).status).toBe(401);
    expect((await hook.post(message(), { [SECRET_HEADER]: SECRET.slice(1) })).status).toBe(401);
    expect(hook.published).toEqual([]);
    hook.close();
  });

  it('limits a burst of bad secrets from one address with 429 while Telegram’s requests still pass', async () => {
    const hook = webhook();
    const wrong = { [SECRET_HEADER]: 'guess' };
    const statuses: number[] = [];
    for (let i = 0; i < BAD_PER_MINUTE + 3; i += 1) statuses.push((await hook.post(message(), wrong)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    const limited = await hook.post(message(), wrong);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(60);

    // Same address, right secret: neither blocked nor counted.
    for (let i = 0; i < 5; i += 1) expect((await hook.post(message(`/add ${i}`))).status).toBe(200);
    expect(hook.published).toHaveLength(5);
    hook.close();
  });

  it('counts addresses behind a trusted proxy apart, and ignores X-Forwarded-For from anyone else', async () => {
    const proxied = webhook({ trustProxy: 1 });
    const from = (address: string) => ({ [SECRET_HEADER]: 'guess', 'x-forwarded-for': address });
    for (let i = 0; i < BAD_PER_MINUTE; i += 1) await proxied.post(message(), from('203.0.113.7'));
    expect((await proxied.post(message(), from('203.0.113.7'))).status).toBe(429);
    expect((await proxied.post(message(), from('198.51.100.9'))).status).toBe(401);
    proxied.close();

    const direct = webhook();
    for (let i = 0; i < BAD_PER_MINUTE; i += 1) {
      await direct.post(message(), from(`198.51.100.${i}`));
    }
    // Without trust, the header is the caller's word: all of these came from one socket address.
    expect((await direct.post(message(), from('198.51.100.200'))).status).toBe(429);
    direct.close();
  });
});

describe('the webhook body', () => {
  let hook: ReturnType<typeof webhook>;
  beforeAll(() => {
    hook = webhook();
  });
  afterAll(() => hook.close());
  beforeEach(() => {
    hook.published.length = 0;
    hook.sent.length = 0;
  });

  it('answers 413 over the size limit', async () => {
    expect((await hook.post(message('x'.repeat(5000)))).status).toBe(413);
  });

  it.each([
    ['not JSON', 'hello', 'not valid JSON'],
    ['truncated JSON', '{"update_id": 1, "message": {', 'not valid JSON'],
    ['a bare number', '12', 'not valid JSON'],
    ['null', 'null', 'not valid JSON'],
    ['an array', '[{"update_id":1}]', 'invalid update'],
    [
      'nesting deeper than Telegram’s',
      { update_id: 1, poll: JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) },
      'nested deeper',
    ],
    [
      'a __proto__ key',
      `{"update_id":1,"message":{"__proto__":{"admin":true}}}`,
      'forbidden key "__proto__"',
    ],
    [
      'a constructor key',
      { update_id: 1, poll: { constructor: { prototype: 1 } } },
      'forbidden key "constructor"',
    ],
    [
      'two payloads',
      { ...message(), callback_query: { id: 'x', from: { id: 1, first_name: 'A' } } },
      'more than one',
    ],
    ['an update_id beyond 2^53', '{"update_id": 9007199254740993, "message": {}}', 'update_id'],
    [
      'a chat id as text',
      { update_id: 1, message: { message_id: 1, date: 1, chat: { id: '42', type: 'private' } } },
      'message.chat.id',
    ],
    [
      'a text that is not a string',
      { update_id: 1, message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: 5 } },
      'message.text',
    ],
  ])('answers 400 for %s and publishes nothing', async (_case, body, reason) => {
    const response = await hook.post(body);
    expect(response.status).toBe(400);
    expect(response.body.error).toContain(reason);
    expect(hook.published).toEqual([]);
  });

  it('refuses a charset or content encoding it cannot read with 415', async () => {
    const latin = await hook.post(JSON.stringify(message()), {
      [SECRET_HEADER]: SECRET,
      'content-type': 'application/json; charset=ibm1047',
    });
    expect(latin.status).toBe(415);
    const zipped = await hook.post(JSON.stringify(message()), {
      [SECRET_HEADER]: SECRET,
      'content-encoding': 'br2',
    });
    expect(zipped.status).toBe(415);
    expect(hook.published).toEqual([]);
  });

  it('reads invalid UTF-8 as replacement characters rather than failing', async () => {
    const body = Buffer.concat([
      Buffer.from(
        '{"update_id":77,"message":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"},"text":"',
      ),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}}'),
    ]);
    const response = await hook.post(body);
    expect(response.status).toBe(200);
    expect(JSON.stringify(hook.published)).toContain('\ufffd');
  });

  it('reads the body as express.json does, whichever parser takes it', async () => {
    const update = JSON.stringify({
      update_id: 78,
      message: { message_id: 1, date: 1, chat: { id: 5, type: 'private' } },
    });
    const withMark = await hook.post(`\ufeff${update}`);
    expect(withMark.status).toBe(200);
    // A charset the plain path leaves to express.json, and a JSON value that is not an object.
    const latin = await hook.post(update, {
      [SECRET_HEADER]: SECRET,
      'content-type': 'application/json; charset=utf-16',
    });
    expect(latin.status).not.toBe(500);
    const text = await hook.post('"just a string"');
    expect(text.status).toBe(400);
    expect(text.body.error).toBe('body is not valid JSON');
    expect(JSON.stringify(hook.published)).toContain('"update_id":78');
  });

  it('answers 200 to kinds the bot does not use, publishes nothing and counts them by kind', async () => {
    const before = hook.ignored.byKind();
    for (const body of [
      { update_id: 901, inline_query: { id: '1', from: { id: 1, first_name: 'A' }, query: 'x', offset: '' } },
      { update_id: 902, channel_post: { message_id: 1, date: 1, chat: { id: -100, type: 'channel' } } },
      { update_id: 903, poll: { id: 'p' } },
      { update_id: 904, something_new: { id: 1 } },
    ]) {
      const response = await hook.post(body);
      expect(response.status).toBe(200);
      expect(response.body.result).toBe('ignored');
    }
    expect(hook.published).toEqual([]);
    expect(hook.ignored.byKind()).toEqual({
      ...before,
      inline_query: 1,
      channel_post: 1,
      poll: 1,
      unknown: 1,
    });
    expect(hook.ignored.total()).toBe(4);
  });

  it('removes NUL characters before publishing, so every database stores the same text', async () => {
    const update = message('/add nul\u0000byte');
    update.message.from.first_name = 'A\u0000nn';
    expect((await hook.post(update)).status).toBe(200);
    expect(hook.published).toEqual([
      expect.objectContaining({
        update: expect.objectContaining({
          message: expect.objectContaining({
            text: '/add nulbyte',
            from: { id: 42, is_bot: false, first_name: 'Ann' },
          }),
        }),
        nulRemoved: true,
      }),
    ]);
  });

  it('publishes the kinds the bot uses, as they came and without the NUL mark', async () => {
    const update = message();
    const response = await hook.post(update);
    expect(response.body.result).toBe('published');
    expect(hook.published).toEqual([{ kind: 'update', update, receivedAt: expect.any(String) }]);
  });

  it('publishes the bytes it received where nothing changed, read back as the same message', async () => {
    const plain = message();
    const withMark = message('/tasks with a mark');
    const withNul = message('/add a\u0000b');
    expect((await hook.post(plain)).status).toBe(200);
    expect((await hook.post(`\ufeff  ${JSON.stringify(withMark)} \n`)).status).toBe(200);
    expect((await hook.post(withNul)).status).toBe(200);
    expect(hook.sent.map((one) => one.asReceived)).toEqual([true, true, false]);
    hook.sent.forEach((one, i) => {
      expect(JSON.parse(one.bytes.toString('utf8'))).toEqual(JSON.parse(JSON.stringify(hook.published[i])));
    });
    expect(hook.sent[0]?.bytes.toString()).toContain(JSON.stringify(plain));
  });

  it('answers only the webhook and the probes on the public port: /metrics is not here, token or not', async () => {
    const health = await request(hook.app).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(await request(hook.app).get('/readyz')).toMatchObject({
      status: 200,
      body: { status: 'ready', down: [] },
    });
    for (const auth of [undefined, 'Bearer any-admin-token-0123456789']) {
      const metrics = request(hook.app).get('/metrics');
      const response = await (auth ? metrics.set('authorization', auth) : metrics);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('taskbot_');
    }
  });
});
