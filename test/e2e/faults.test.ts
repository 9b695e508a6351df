import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Task } from '@taskbot/db/entities/Task';
import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import { privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { HEADERS } from '@taskbot/messaging/headers';
import { waitFor } from '../support/amqp';
import { deadQueueOf, deleteTopology, kindDepth, queueDepth, STACK_PARTITIONS } from '../support/broker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { PrivateRedis } from '../support/private-redis';
import {
  baseEnv,
  freePort,
  REPO_ROOT,
  type RunningApp,
  startApp,
  TEST_SECRET,
  uniquePrefix,
} from '../support/stack';
import { TcpProxy } from '../support/tcp-proxy';

// Delivery under faults, end to end: 2,000 updates from 100 chats go in through the webhook (the
// sender behaves like Telegram: one chat's updates in order, each one repeated until it gets a
// 200) while a command worker is killed with SIGKILL three times, the database refuses
// connections for 10 s (a TCP proxy between the workers and the database), RabbitMQ restarts its
// application once (every connection dropped, queues recovered from disk) and Redis restarts once
// (a server of the test's own, with the append-only file a deployment should use). At the end
// every update has exactly one task and one reply, in order per chat.

const run = promisify(execFile);
const CHATS = 100;
const PER_CHAT = 20;
const SEND_SPREAD_MS = 20_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const prefix = uniquePrefix('faults');
const fake = new FakeBotApi();
let database: TestDatabase;
let proxy: TcpProxy;
let redis: PrivateRedis;
let gateway: RunningApp;
let callbackWorker: RunningApp;
const commandWorkers: RunningApp[] = [];
/** Every service process the suite started, killed ones too (for FAULTS_LOG_DIR). */
const everyApp: RunningApp[] = [];
const started = (app: RunningApp) => {
  everyApp.push(app);
  return app;
};
/** When each SIGKILL was sent. */
const kills: number[] = [];
/**
 * A reply Telegram accepted just before its worker was killed, while the worker had not yet written
 * down that it was sent, goes out again from the next run: the Bot API has no idempotency key, so
 * no sender can tell. Such a second copy is counted apart when its first copy went out in this
 * window before a kill; any other second copy is a defect.
 */
const CRASH_WINDOW_MS = 500;
/**
 * How long after a kill a first copy may still be stamped: the fake Bot API stamps a request when
 * this test process gets to it, and under the load of this suite its event loop runs late by up to
 * a few hundred milliseconds. A killed worker sends nothing after the kill, so a copy stamped this
 * soon after it was written before it (seen: up to 105 ms on a loaded two-core machine).
 */
const STAMP_LAG_MS = 300;
let workerEnv: Record<string, string>;
let gatewayUrl: string;

const titleOf = (chat: number, seq: number) =>
  `fault c${String(chat).padStart(3, '0')} s${String(seq).padStart(2, '0')}`;
const TITLE = /fault c(\d{3}) s(\d{2})/;

async function restartRabbitMq(whileDown: () => Promise<void>): Promise<void> {
  await run('rabbitmqctl', ['stop_app'], { timeout: 60_000 });
  await whileDown();
  await run('rabbitmqctl', ['start_app'], { timeout: 60_000 });
  await run('rabbitmqctl', ['await_startup'], { timeout: 60_000 });
}

/** Kills a command worker with SIGKILL (no goodbye to anyone) and starts a new one in its place. */
async function killCommandWorker(index: number): Promise<void> {
  kills.push(Date.now());
  await commandWorkers[index]?.stop('SIGKILL');
  commandWorkers[index] = started(startApp('command-worker', workerEnv));
}

/** What a service's /readyz says right now: status and body, e.g. `503 {"down":["database"]}`. */
async function readiness(url: string): Promise<string> {
  const response = await fetch(url);
  return `${response.status} ${await response.text()}`;
}

async function healthPortOf(app: RunningApp): Promise<number> {
  await app.waitForLog('worker ready', 60_000);
  const line = app
    .output()
    .split('\n')
    .find((entry) => entry.includes('"message":"worker ready"'));
  return Number(JSON.parse(line ?? '{}').health_port);
}

/** Posts one update the way Telegram does: again and again until the gateway answers 200. */
async function deliver(update: unknown): Promise<number> {
  let tries = 0;
  for (;;) {
    tries += 1;
    try {
      const response = await fetch(`${gatewayUrl}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
        body: JSON.stringify(update),
      });
      if (response.status === 200) return tries;
      if (response.status !== 503) throw new Error(`gateway answered ${response.status}`);
    } catch (error) {
      if ((error as Error).message.startsWith('gateway answered')) throw error;
    }
    await sleep(100);
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const target = new URL(database.url);
  proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port) });
  const viaProxy = new URL(database.url);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  redis = await PrivateRedis.start();
  const apiRoot = await fake.start();
  const port = await freePort();
  const env = {
    ...baseEnv({ apiRoot, databaseUrl: viaProxy.toString(), queuePrefix: prefix, port }),
    REDIS_URL: redis.url,
    LOG_LEVEL: 'info',
    RETRY_DELAYS_MS: '500,1000',
    PARTITION_BALANCE_INTERVAL_MS: '500',
    DATABASE_POOL_SIZE: '5',
  };
  workerEnv = env;
  gatewayUrl = `http://127.0.0.1:${port}`;
  gateway = started(
    startApp('gateway', {
      ...env,
      PORT: String(port),
      TELEGRAM_WEBHOOK_SECRET: TEST_SECRET,
      RATE_LIMIT_PER_MINUTE: '100000',
    }),
  );
  callbackWorker = started(startApp('callback-worker', env));
  commandWorkers.push(started(startApp('command-worker', env)), started(startApp('command-worker', env)));
  await Promise.all(
    [gateway, callbackWorker, ...commandWorkers].map((app) => app.waitForLog('started', 60_000)),
  );
}, 120_000);

afterAll(async () => {
  await proxy?.accept().catch(() => undefined);
  await Promise.all(
    [gateway, callbackWorker, ...commandWorkers].filter(Boolean).map((app) => app.stop('SIGTERM')),
  );
  const logDir = process.env.FAULTS_LOG_DIR;
  if (logDir) {
    // For a failure's post-mortem: every process's output, the dead ones' included.
    mkdirSync(logDir, { recursive: true });
    everyApp.forEach((app, index) => {
      writeFileSync(path.join(logDir, `${index}-${app.name}.log`), app.output());
    });
  }
  await fake.stop();
  await proxy?.stop();
  await redis?.stop();
  // Whatever happened above, the shared broker is left running.
  await run('rabbitmqctl', ['start_app'], { timeout: 60_000 }).catch(() => undefined);
  await deleteTopology(prefix, [500, 1000]);
  await database?.drop();
}, 120_000);

describe('delivery under faults', () => {
  it('gives every one of 2,000 updates exactly one task and one reply, in order per chat, through kills, a database outage and broker and Redis restarts', async () => {
    const people = Array.from({ length: CHATS }, (_, index) =>
      user(8_100_000 + index, { language_code: 'en' }),
    );
    const sent = new Map<number, number>();
    let redeliveries = 0;

    const sendAll = Promise.all(
      people.map(async (person, chat) => {
        await sleep((chat * SEND_SPREAD_MS) / CHATS / PER_CHAT);
        for (let seq = 1; seq <= PER_CHAT; seq += 1) {
          const update = textMessage({
            chat: privateChat(person),
            from: person,
            text: `/add ${titleOf(chat, seq)}`,
          });
          redeliveries += (await deliver(update)) - 1;
          sent.set(chat, seq);
          await sleep(SEND_SPREAD_MS / PER_CHAT);
        }
      }),
    );

    const readyzDuring: Record<string, string> = {};
    let gracefulStop: { code: number | null; ms: number } | undefined;
    const faults = (async () => {
      await sleep(1_500);
      await killCommandWorker(0);
      await sleep(1_500);
      const workerReadyz = `http://127.0.0.1:${await healthPortOf(commandWorkers[1] as RunningApp)}/readyz`;
      await proxy.refuse();
      const outageEnds = Date.now() + 10_000;
      await sleep(1_000);
      readyzDuring.databaseOutage = await readiness(workerReadyz);
      await killCommandWorker(1);
      await sleep(outageEnds - Date.now());
      await proxy.accept();
      await sleep(1_500);
      await restartRabbitMq(async () => {
        await sleep(500);
        readyzDuring.brokerOutage = await readiness(`${gatewayUrl}/readyz`);
      });
      await sleep(2_000);
      const restartedReadyz = `http://127.0.0.1:${await healthPortOf(commandWorkers[0] as RunningApp)}/readyz`;
      await redis.restart(1_500, async () => {
        await sleep(500);
        readyzDuring.redisOutage = await readiness(restartedReadyz);
      });
      await sleep(3_000);
      await killCommandWorker(0);
      await sleep(1_000);
      // A rolling deploy: SIGTERM finishes the work in hand and exits cleanly within 10 s.
      const stopping = Date.now();
      const leaving = commandWorkers[1] as RunningApp;
      const code = await leaving.stop('SIGTERM');
      gracefulStop = { code, ms: Date.now() - stopping };
      if (code !== 0) console.log(`the stopped worker's output:\n${leaving.output().slice(-4_000)}`);
      commandWorkers[1] = started(startApp('command-worker', workerEnv));
    })();

    await Promise.all([sendAll, faults]);
    const total = CHATS * PER_CHAT;
    await waitFor(
      'a reply to every update',
      () => new Set(okReplies().map((call) => String(call.payload.text).match(TITLE)?.[0])).size >= total,
      150_000,
      500,
    );
    // Anything still in flight would show up as a duplicate now.
    await sleep(2_000);
    expect(await kindDepth(prefix, 'commands')).toBe(0);

    const replies = new Map<string, Array<{ seq: number; at: number }>>();
    for (const call of okReplies()) {
      const title = String(call.payload.text).match(TITLE)?.[0];
      if (title)
        replies.set(title, [...(replies.get(title) ?? []), { seq: call.seq, at: call.at.getTime() }]);
    }
    const inCrashWindow = (at: number) =>
      kills.some((kill) => at <= kill + STAMP_LAG_MS && at >= kill - CRASH_WINDOW_MS);
    const tasks = await database.dataSource
      .getRepository(Task)
      .createQueryBuilder('task')
      .where('task.title LIKE :pattern', { pattern: 'fault c%' })
      .orderBy('task.id', 'ASC')
      .getMany();
    const effects = new Map<string, number>();
    for (const task of tasks) effects.set(task.title, (effects.get(task.title) ?? 0) + 1);

    let lost = 0;
    let duplicates = 0;
    let crashWindowDuplicates = 0;
    let outOfOrder = 0;
    const examples: string[] = [];
    for (let chat = 0; chat < CHATS; chat += 1) {
      let lastReply = 0;
      for (let seq = 1; seq <= PER_CHAT; seq += 1) {
        const title = titleOf(chat, seq);
        const seen = replies.get(title) ?? [];
        const made = effects.get(title) ?? 0;
        if (seen.length === 0 || made === 0) lost += 1;
        if (made > 1 || seen.length > 2 || (seen.length === 2 && !inCrashWindow(seen[0]?.at ?? 0)))
          duplicates += 1;
        else if (seen.length === 2) crashWindowDuplicates += 1;
        const first = seen[0]?.seq ?? 0;
        if (first < lastReply) {
          outOfOrder += 1;
          if (examples.length < 5) examples.push(`${title} reply #${first} after #${lastReply}`);
        }
        if (seen.length > 1 && examples.length < 10) {
          const times = seen.map((copy) => `#${copy.seq} at ${new Date(copy.at).toISOString()}`);
          examples.push(`${title} replies ${times.join(', ')}`);
        }
        lastReply = Math.max(lastReply, first);
      }
      const order = tasks
        .filter((task) => task.title.startsWith(`fault c${String(chat).padStart(3, '0')} `))
        .map((task) => Number(task.title.slice(-2)));
      order.forEach((seq, index) => {
        if (index > 0 && seq < (order[index - 1] ?? 0)) outOfOrder += 1;
      });
    }
    const counts = {
      sent: [...sent.values()].reduce((sum, count) => sum + count, 0),
      webhook_redeliveries: redeliveries,
      effects: tasks.length,
      replies: okReplies().length,
      duplicates,
      second_copies_of_replies_in_flight_at_a_kill: crashWindowDuplicates,
      lost,
      out_of_order: outOfOrder,
    };
    console.log(
      `fault-injection counts: ${JSON.stringify(counts)}\nreadiness during outages: ${JSON.stringify(readyzDuring)}\ngraceful stop: ${JSON.stringify(gracefulStop)}\nkills at: ${kills.map((kill) => new Date(kill).toISOString()).join(', ')}\n${examples.join('\n')}`,
    );

    expect(counts).toMatchObject({
      sent: total,
      effects: total,
      replies: total + crashWindowDuplicates,
      duplicates: 0,
      lost: 0,
      out_of_order: 0,
    });
    // Telegram had to redeliver while RabbitMQ was away: the gateway refused rather than lost.
    expect(redeliveries).toBeGreaterThan(0);
    expect(readyzDuring.databaseOutage).toMatch(/^503 .*database/);
    expect(readyzDuring.brokerOutage).toMatch(/^503 .*rabbitmq/);
    expect(readyzDuring.redisOutage).toMatch(/^503 .*redis/);
    expect(gracefulStop?.code).toBe(0);
  }, 300_000);

  it('rests a poison update in `pnpm queue:failed` after 3 attempts with the configured delays, and `pnpm queue:retry` brings it back', async () => {
    const dora = user(8_200_001, { language_code: 'en', username: 'dora' });
    // Every attempt meets a Telegram 500: 1 + the retries of RETRY_DELAYS_MS=500,1000.
    fake.failNext('sendMessage', { code: 500, description: 'Internal Server Error' }, 3);
    const update = textMessage({ chat: privateChat(dora), from: dora, text: '/add poison pill' });
    expect(await deliver(update)).toBe(1);
    await waitFor('the dead letter', async () => (await queueDepth(deadQueueOf(prefix))) === 1);

    const listing = await pnpm('queue:failed');
    const row = listing.split('\n').find((line) => line.includes('/add poison pill'));
    const id = row?.split(' ')[0] ?? '';
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    const shown = await pnpm('queue:failed', 'show', id);
    const job = JSON.parse(shown.slice(shown.indexOf('{')));
    expect(job.headers[HEADERS.attempt]).toBe(3);
    const waited =
      Date.parse(job.headers[HEADERS.lastFailedAt]) - Date.parse(job.headers[HEADERS.firstFailedAt]);
    expect(waited).toBeGreaterThanOrEqual(1_500);

    await pnpm('queue:retry', id);
    await waitFor('the reply after the retry', () =>
      fake
        .callsOf('sendMessage')
        .some((call) => call.response.ok && String(call.payload.text).includes('poison pill')),
    );
    await sleep(500);
    expect(
      fake
        .callsOf('sendMessage')
        .filter((call) => call.response.ok && String(call.payload.text).includes('poison pill')),
    ).toHaveLength(1);
    expect(await queueDepth(deadQueueOf(prefix))).toBe(0);
    expect(await database.dataSource.getRepository(Task).countBy({ title: 'poison pill' })).toBe(1);
  }, 120_000);
});

/** Runs a root script as an operator does (`pnpm queue:failed ...`) against this suite's broker. */
async function pnpm(...args: string[]): Promise<string> {
  const { stdout } = await run('pnpm', args, {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      RABBITMQ_URL: process.env.RABBITMQ_URL ?? '',
      QUEUE_PREFIX: prefix,
      QUEUE_PARTITIONS: String(STACK_PARTITIONS),
    },
    timeout: 60_000,
  });
  return stdout;
}

function okReplies() {
  return fake
    .callsOf('sendMessage')
    .filter((call) => call.response.ok && TITLE.test(String(call.payload.text)));
}
