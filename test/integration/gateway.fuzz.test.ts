import { topology, type WorkQueue } from '@taskbot/messaging/topology';
import amqp from 'amqplib';
import { Redis } from 'ioredis';
import { createBadSecretLimiter } from '../../apps/gateway/src/bad-secret-limiter';
import { withoutNulBytes } from '../../apps/gateway/src/nul-bytes';
import { parseIncomingUpdate } from '../../apps/gateway/src/update-schema';
import { deleteTopology } from '../support/broker';
import { freePort, type RunningApp, startApp, TEST_SECRET, TEST_TOKEN, uniquePrefix } from '../support/stack';

// The running gateway (real HTTP, RabbitMQ and Redis) against thousands of generated bodies: random
// JSON, wrong types, deep nesting, huge strings, invalid UTF-8, prototype keys, numbers out of
// range, broken JSON, wrong secrets, and valid-looking updates with hostile fields. Nothing may crash
// it, nothing may answer 5xx (503 alone would be intended: the broker refusing), nothing invalid may
// reach a queue, and every valid update must arrive on its queue exactly as sent.
// Reproduce a failure with FUZZ_SEED=<seed printed by the run>; FUZZ_BODIES sets the count.

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_501);
const BODIES = Number(process.env.FUZZ_BODIES ?? 10_000);
const CONCURRENCY = 16;
const BODY_LIMIT = 32 * 1024;
const PARTITIONS = 2;

/** mulberry32: small, fast and the same everywhere, so a seed replays the same bodies. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}

type Random = ReturnType<typeof prng>;

const HOSTILE_TEXTS = [
  "'; DROP TABLE tasks; --",
  '" OR 1=1 -- ',
  '<b>bold</b> <script>alert(1)</script> &amp; &lt;',
  '*bold* _it_ `code` [link](http://x) ~strike~ ||spoiler|| \\',
  'zero\u200bwidth\u200c\u200d\ufeff',
  'right\u202eto\u202bleft\u2067',
  '😀👍🏽👨‍👩‍👧‍👦🇷🇺',
  'nul\u0000byte',
  '%s %d %n {{7*7}} $' + '{7*7}',
  '\ud800 lone surrogate',
  '/add '.padEnd(4096, 'я'),
];
const WEIRD_NUMBERS = [
  '1e308',
  '-1e308',
  '9007199254740993',
  '-9007199254740993',
  '1.5',
  '-0',
  '1e-400',
  '123456789012345678901234567890',
  '0x10',
  'NaN',
  'Infinity',
  '01',
];
const KEYS = [
  'update_id',
  'message',
  'chat',
  'id',
  'text',
  'from',
  'type',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '',
];
const UNUSED_KINDS = ['inline_query', 'channel_post', 'poll', 'chat_join_request', 'message_reaction'];

function randomString(r: Random, max: number): string {
  const length = r.int(0, max);
  let text = '';
  for (let i = 0; i < length; i += 1) {
    text += r.chance(0.1) ? r.pick(HOSTILE_TEXTS).slice(0, 8) : String.fromCharCode(r.int(0, 0xffff));
  }
  return text;
}

function randomValue(r: Random, depth: number): unknown {
  const kind = r.int(0, depth > 4 ? 4 : 7);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1.5, 2 ** 53, -(2 ** 60), 1e308, r.int(-1e9, 1e9)]);
    case 3:
    case 4:
      return randomString(r, 40);
    case 5:
      return Array.from({ length: r.int(0, 5) }, () => randomValue(r, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = r.int(0, 6); i > 0; i -= 1) object[r.pick(KEYS)] = randomValue(r, depth + 1);
      return object;
    }
  }
}

const FIRST_UPDATE_ID = 500_000_000;
let updateIds = FIRST_UPDATE_ID;
const user = (r: Random) => ({
  id: r.int(1, 2 ** 31),
  is_bot: false,
  first_name: randomString(r, 20) || 'A',
});

/** A well-formed update of a kind the bot uses, with a hostile text (or button data). */
function validUpdate(r: Random): Record<string, unknown> {
  const from = user(r);
  const chat = r.chance(0.7)
    ? { id: from.id, type: 'private' }
    : { id: -r.int(1, 2 ** 40), type: r.pick(['group', 'supergroup']), title: randomString(r, 30) };
  const text = r.chance(0.5) ? r.pick(HOSTILE_TEXTS) : randomString(r, 300);
  const extra = r.chance(0.3)
    ? { unknown_future_field: { list: [1, null, randomString(r, 10)], ok: true } }
    : {};
  const update_id = updateIds++;
  if (r.chance(0.2)) {
    const message = { message_id: r.int(1, 1e6), date: 1_700_000_000, chat, text: 'list' };
    return {
      update_id,
      callback_query: { id: String(r.int(1, 1e12)), from, message, data: text.slice(0, 64), ...extra },
    };
  }
  return {
    update_id,
    message: { message_id: r.int(1, 1e6), date: 1_700_000_000, chat, from, text, ...extra },
  };
}

/** Replaces one field somewhere in a valid update by a value of the wrong type. */
function wrongType(r: Random): Record<string, unknown> {
  const update = validUpdate(r);
  const payload = (update.message ?? update.callback_query) as Record<string, unknown>;
  const target = r.pick(['update_id', 'message_id', 'date', 'chat', 'from', 'text', 'id', 'data']);
  const wrong = r.pick([null, '12', 12.5, [], {}, true]);
  if (target === 'update_id') update.update_id = r.chance(0.5) ? wrong : -5;
  else if (target === 'chat' && update.message) payload.chat = { id: wrong, type: 'private' };
  else if (target === 'from') payload.from = { id: wrong, first_name: 5 };
  else if (update.message && target === 'id') payload.chat = { id: 1, type: wrong };
  else if (update.message && (target === 'message_id' || target === 'date' || target === 'text')) {
    payload[target] = target === 'text' ? r.pick([5, {}, [], true]) : r.pick(['1', -1, 1.5, null]);
  } else if (update.callback_query && target === 'data') payload.data = r.pick([5, {}, 'x'.repeat(257)]);
  else if (update.callback_query) payload.id = r.pick([5, '', null]);
  else payload.text = r.pick([5, {}, []]);
  return update;
}

type Expect = 'accepted' | 'refused' | 'any';

interface Case {
  category: string;
  body: string | Uint8Array;
  headers: Record<string, string>;
  expect: Expect;
  /** For accepted cases: the update as it must arrive on the queue. */
  update?: Record<string, unknown>;
}

const json = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET };

function generate(r: Random): Case {
  const roll = r.int(0, 99);
  if (roll < 20) {
    const update = validUpdate(r);
    return {
      category: 'valid, hostile fields',
      body: JSON.stringify(update),
      headers: json,
      expect: 'accepted',
      update,
    };
  }
  if (roll < 25) {
    const kind = r.pick(UNUSED_KINDS);
    const body = JSON.stringify({ update_id: updateIds++, [kind]: randomValue(r, 1) ?? {} });
    return { category: 'unused kind', body, headers: json, expect: 'any' };
  }
  if (roll < 40)
    return {
      category: 'random JSON',
      body: JSON.stringify(randomValue(r, 0) ?? null),
      headers: json,
      expect: 'any',
    };
  if (roll < 55)
    return { category: 'wrong types', body: JSON.stringify(wrongType(r)), headers: json, expect: 'refused' };
  if (roll < 60) {
    const depth = r.int(33, 8000);
    const inner = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const body = `{"update_id":${updateIds++},"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"x":${inner}}}`;
    return { category: 'deep nesting', body, headers: json, expect: 'refused' };
  }
  if (roll < 63) {
    const update = validUpdate(r);
    ((update.message ?? update.callback_query) as Record<string, unknown>).text = 'x'.repeat(
      r.int(BODY_LIMIT, 3 * BODY_LIMIT),
    );
    return { category: 'huge string', body: JSON.stringify(update), headers: json, expect: 'refused' };
  }
  if (roll < 70) {
    const text = JSON.stringify(validUpdate(r));
    const bytes = Buffer.from(text);
    const spliced = Buffer.concat([
      bytes.subarray(0, bytes.length - 3),
      Buffer.from(
        Array.from({ length: r.int(1, 8) }, () => r.pick([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0xf8])),
      ),
      bytes.subarray(bytes.length - 3),
    ]);
    return {
      category: 'invalid UTF-8',
      body: r.chance(0.5) ? spliced : Buffer.from(Array.from({ length: r.int(1, 200) }, () => r.int(0, 255))),
      headers: json,
      expect: 'any',
    };
  }
  if (roll < 76) {
    const key = r.pick(['__proto__', 'constructor', 'prototype']);
    const text = JSON.stringify(validUpdate(r));
    const at = r.chance(0.5) ? text.indexOf('"chat":') : 1;
    const body = `${text.slice(0, at)}"${key}":{"isAdmin":true,"polluted":1},${text.slice(at)}`;
    return { category: 'prototype keys', body, headers: json, expect: 'refused' };
  }
  if (roll < 83) {
    const number = r.pick(WEIRD_NUMBERS);
    const field = r.pick(['update_id', 'message_id', 'chat_id', 'date']);
    const body =
      field === 'update_id'
        ? `{"update_id":${number},"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"}}}`
        : `{"update_id":${updateIds++},"message":{"message_id":${field === 'message_id' ? number : 1},"date":${field === 'date' ? number : 1},"chat":{"id":${field === 'chat_id' ? number : 1},"type":"private"}}}`;
    return { category: 'numbers out of range', body, headers: json, expect: 'any' };
  }
  if (roll < 90) {
    const text = JSON.stringify(validUpdate(r));
    const body = r.pick([
      text.slice(0, r.int(0, text.length - 1)),
      `${text}${randomString(r, 5)}}`,
      text.replace(':', ''),
      `\u0000${text}`,
      "{'update_id': 1}",
    ]);
    return { category: 'broken JSON', body, headers: json, expect: 'any' };
  }
  if (roll < 95) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (r.chance(0.7))
      headers['x-telegram-bot-api-secret-token'] = r.pick([
        '',
        'x',
        TEST_SECRET.slice(1),
        `${TEST_SECRET}x`,
        TEST_SECRET.toUpperCase(),
      ]);
    return { category: 'wrong secret', body: JSON.stringify(validUpdate(r)), headers, expect: 'refused' };
  }
  const headers: Record<string, string> = {
    ...json,
    ...r.pick<Record<string, string>>([
      { 'content-type': 'application/json; charset=utf-16' },
      { 'content-encoding': 'gzip' },
      { 'content-encoding': 'zstd-unknown' },
      { 'content-type': 'text/plain' },
    ]),
  };
  return { category: 'odd headers', body: JSON.stringify(validUpdate(r)), headers, expect: 'any' };
}

interface Outcome {
  kase: Case;
  status: number;
  result?: string;
}

async function send(url: string, kase: Case): Promise<Outcome> {
  const response = await fetch(url, { method: 'POST', headers: kase.headers, body: kase.body });
  const text = await response.text();
  let result: string | undefined;
  try {
    result = (JSON.parse(text) as { result?: string }).result;
  } catch {
    result = undefined;
  }
  return { kase, status: response.status, result };
}

/** Every update waiting in the queues, taken with one consumer per queue (thousands of gets would crawl). */
async function consumeAll(queues: string[]): Promise<Array<Record<string, unknown>>> {
  const connection = await amqp.connect(process.env.RABBITMQ_URL ?? '');
  try {
    const channel = await connection.createChannel();
    let waiting = 0;
    for (const queue of queues) waiting += (await channel.checkQueue(queue)).messageCount;
    const updates: Array<Record<string, unknown>> = [];
    let done: () => void = () => undefined;
    const allTaken = new Promise<void>((resolve) => {
      done = resolve;
    });
    if (waiting === 0) done();
    for (const queue of queues) {
      await channel.consume(
        queue,
        (message) => {
          if (!message) return;
          const body = JSON.parse(message.content.toString('utf8')) as { update?: Record<string, unknown> };
          if (body.update) updates.push(body.update);
          waiting -= 1;
          if (waiting === 0) done();
        },
        { noAck: true },
      );
    }
    await allTaken;
    await channel.close();
    return updates;
  } finally {
    await connection.close();
  }
}

describe('the gateway under fuzzing', () => {
  const prefix = uniquePrefix('fuzz');
  const layout = topology(prefix, PARTITIONS);
  let gateway: RunningApp;
  let gatewayUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    gatewayUrl = `http://127.0.0.1:${port}`;
    gateway = startApp('gateway', {
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
      RABBITMQ_URL: process.env.RABBITMQ_URL ?? '',
      REDIS_URL: process.env.REDIS_URL ?? '',
      QUEUE_PREFIX: prefix,
      QUEUE_PARTITIONS: String(PARTITIONS),
      REDIS_PREFIX: prefix,
      PORT: String(port),
      LOG_LEVEL: 'info',
      ADMIN_PORT: '0',
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_SECRET: TEST_SECRET,
      WEBHOOK_BODY_LIMIT_BYTES: String(BODY_LIMIT),
      RATE_LIMIT_PER_MINUTE: '1000',
    });
    await gateway.waitForLog('started');
  });

  afterAll(async () => {
    await gateway?.stop();
    await deleteTopology(prefix, [], PARTITIONS);
  });

  it(`holds against ${BODIES} generated bodies (seed ${SEED})`, async () => {
    const r = prng(SEED);
    const cases = Array.from({ length: BODIES }, () => generate(r));
    const url = `${gatewayUrl}/telegram/webhook`;
    const started = Date.now();
    const outcomes: Outcome[] = [];
    let nextCase = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = nextCase++; i < cases.length; i = nextCase++) {
          outcomes.push(await send(url, cases[i] as Case));
        }
      }),
    );

    const counts: Record<string, Record<string, number>> = {};
    for (const { kase, status, result } of outcomes) {
      const key = result ? `${status} ${result}` : String(status);
      const category = counts[kase.category] ?? {};
      category[key] = (category[key] ?? 0) + 1;
      counts[kase.category] = category;
    }
    const byStatus: Record<string, number> = {};
    for (const { status } of outcomes) byStatus[status] = (byStatus[status] ?? 0) + 1;
    process.stdout.write(
      `gateway fuzz, seed ${SEED}: sent ${outcomes.length} in ${Date.now() - started} ms, by status ${JSON.stringify(byStatus)}\n` +
        Object.entries(counts)
          .map(([category, statuses]) => `  ${category.padEnd(22)} ${JSON.stringify(statuses)}`)
          .join('\n') +
        '\n',
    );

    expect(outcomes).toHaveLength(BODIES);
    const failures = outcomes.filter(
      ({ kase, status }) =>
        (status >= 500 && status !== 503) ||
        (kase.expect === 'accepted' && status !== 200) ||
        (kase.expect === 'refused' && status === 200),
    );
    expect(
      failures.slice(0, 5).map(({ kase, status }) => ({
        status,
        category: kase.category,
        body: String(kase.body).slice(0, 300),
      })),
    ).toEqual([]);
    expect(byStatus[503]).toBeUndefined();

    // What reached the queues: exactly the published updates, each one valid and as sent.
    const published = outcomes.filter((outcome) => outcome.result === 'published');
    const queued = await consumeAll(
      (['commands', 'callbacks', 'telegram'] as WorkQueue[]).flatMap((kind) => layout.partitionQueues(kind)),
    );
    expect(queued).toHaveLength(published.length);
    for (const update of queued) expect(parseIncomingUpdate(update).ok).toBe(true);
    const sent = new Map(
      outcomes.filter(({ kase }) => kase.update).map(({ kase }) => [kase.update?.update_id, kase.update]),
    );
    // Ids the generator handed out are unique, so a refused one must never be on a queue.
    const refusedIds = new Set(
      outcomes
        .filter(({ status }) => status !== 200)
        .map(({ kase }) =>
          typeof kase.body === 'string' ? Number(/"update_id":(\d+)[,}]/.exec(kase.body)?.[1]) : Number.NaN,
        )
        .filter((id) => id >= FIRST_UPDATE_ID),
    );
    for (const update of queued) {
      expect(refusedIds.has(update.update_id as number)).toBe(false);
      const original = sent.get(update.update_id);
      // NUL is the one thing the gateway takes out (see nul-bytes.ts).
      if (original) expect(update).toEqual(withoutNulBytes(original));
    }

    // Still serving after all that, and it said nothing alarming.
    expect(gateway.child.exitCode).toBeNull();
    expect(gateway.output()).not.toMatch(/"level":"error"/);
    expect((await fetch(`${gatewayUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${gatewayUrl}/readyz`)).status).toBe(200);
  }, 300_000);
});

describe('the bad-secret limit on real Redis', () => {
  const prefix = uniquePrefix('badsecret');
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(process.env.REDIS_URL ?? '', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    await new Promise((resolve) => redis.once('ready', resolve));
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('is shared by every replica and counted per address', async () => {
    const limiter = () => createBadSecretLimiter(redis, 4, prefix);
    const [one, two] = [limiter(), limiter()];
    const address = '203.0.113.50';
    const decisions = [];
    for (let i = 0; i < 3; i += 1) decisions.push(await one.failed(address), await two.failed(address));
    expect(decisions.map((decision) => decision.blocked)).toEqual([false, false, false, false, true, true]);
    expect(await two.failed('198.51.100.1')).toEqual({ blocked: false });
    const ttl = await redis.pttl(`${prefix}limit:bad-secret:${address}`);
    expect(ttl).toBeGreaterThan(60_000);
  });

  it('counts an IPv6 client by its /64, so new addresses in it do not start over', async () => {
    const limiter = createBadSecretLimiter(redis, 4, prefix);
    const decisions = [];
    for (let host = 1; host <= 6; host += 1) decisions.push(await limiter.failed(`2001:db8:7:1::${host}`));
    expect(decisions.map((decision) => decision.blocked)).toEqual([false, false, false, false, true, true]);
    expect(await limiter.failed('2001:db8:7:2::1')).toEqual({ blocked: false });
    expect(await redis.exists(`${prefix}limit:bad-secret:2001:db8:7:1::/64`)).toBe(1);
  });
});
