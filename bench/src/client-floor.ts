import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createDataSource } from '@taskbot/db/data-source';
import { PreparedSql } from '@taskbot/db/prepared-select';
import { createLogger } from '@taskbot/logger/logger';
import { createTelegramClient } from '@taskbot/telegram/client';
import { connect } from 'amqplib';
import { Redis } from 'ioredis';
import { REPO_ROOT } from './processes';

// `node bench/dist/client-floor.js`: what one round trip of each kind costs the calling process in
// CPU, through the clients the workers use (ioredis, pg under TypeORM's pool, amqplib, the Bot API
// client), 16 in flight as in a busy worker. An update needs a known number of each, so their sum
// is the floor of a worker's CPU per update with these clients, before any of the bot's own work.
// Uses REDIS_URL, DATABASE_URL and RABBITMQ_URL (local services by default) and starts the fake
// Bot API as a process of its own, so only the client's side is measured.

const CONCURRENCY = 16;
const ROUNDS = Number(process.env.FLOOR_ROUNDS ?? 20_000);

/** CPU (user + system) of this process per operation, in µs, after a warm-up of a tenth. */
async function cpuPerOperation(operation: (index: number) => Promise<unknown>): Promise<number> {
  const run = async (count: number, offset: number) => {
    let next = 0;
    const lane = async () => {
      for (let index = next++; index < count; index = next++) await operation(offset + index);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  };
  await run(ROUNDS / 10, 0);
  const before = process.cpuUsage();
  await run(ROUNDS, ROUNDS);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / ROUNDS;
}

function startFakeBotApi(port: number): Promise<ChildProcess> {
  const script = path.join(REPO_ROOT, 'packages', 'fake-bot-api', 'dist', 'main.js');
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.once('data', () => resolve(child));
  });
}

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const rabbitUrl = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
  const prefix = `floor_${process.pid}:`;
  const figures: Array<[string, number]> = [];
  const measure = async (label: string, operation: (index: number) => Promise<unknown>) => {
    figures.push([label, await cpuPerOperation(operation)]);
  };

  const redis = new Redis(redisUrl, { enableAutoPipelining: true, enableOfflineQueue: false });
  await new Promise((resolve) => redis.once('ready', resolve));
  redis.defineCommand('floorCount', {
    numberOfKeys: 1,
    lua: "local n = redis.call('INCR', KEYS[1]) redis.call('PEXPIRE', KEYS[1], 60000) return n",
  });
  const script = (redis as unknown as { floorCount(key: string): Promise<number> }).floorCount.bind(redis);
  await measure('Redis GET', (index) => redis.get(`${prefix}key:${index % 1000}`));
  await measure('Redis SET with EX', (index) =>
    redis.set(`${prefix}key:${index % 1000}`, 'x'.repeat(80), 'EX', 60),
  );
  await measure('Redis script (EVALSHA)', (index) => script(`${prefix}count:${index % 1000}`));

  const dataSource = await createDataSource(databaseUrl, { poolSize: 10 }).initialize();
  if (dataSource.options.type === 'postgres') {
    // A row of about the width of the sender's (user and chat: 30 columns), by a named statement.
    const wide = new PreparedSql(dataSource, 'SELECT * FROM pg_catalog.pg_class WHERE oid = $1');
    await measure('PostgreSQL named SELECT, one row of 33 columns', () => wide.run([1259]));
  }
  await dataSource.destroy();

  const connection = await connect(rabbitUrl);
  const channel = await connection.createConfirmChannel();
  const queue = `${prefix}queue`;
  await channel.assertQueue(queue, { durable: true, autoDelete: false });
  const body = Buffer.from(
    JSON.stringify({ kind: 'update', update: { update_id: 1, text: 'x'.repeat(300) } }),
  );
  await measure(
    'RabbitMQ confirmed persistent publish',
    () =>
      new Promise<void>((resolve, reject) =>
        channel.sendToQueue(queue, body, { persistent: true }, (error) =>
          error ? reject(error) : resolve(),
        ),
      ),
  );
  const consumer = await connection.createChannel();
  await consumer.prefetch(128);
  // Each operation takes the next delivery (waiting for it if none is there yet) and acks it.
  const delivered: Array<() => void> = [];
  const waiters: Array<(ack: () => void) => void> = [];
  await consumer.consume(queue, (message) => {
    if (!message) return;
    const ack = () => consumer.ack(message);
    const waiter = waiters.shift();
    if (waiter) waiter(ack);
    else delivered.push(ack);
  });
  await measure('RabbitMQ delivery and ack', async () => {
    const ack = delivered.shift() ?? (await new Promise<() => void>((resolve) => waiters.push(resolve)));
    ack();
  });
  await channel.deleteQueue(queue);
  await connection.close();

  const port = 20_000 + (process.pid % 20_000);
  const fake = await startFakeBotApi(port);
  const logger = createLogger({ service: 'bench-floor', level: 'warn' });
  const telegram = createTelegramClient({
    token: '123456:FLOOR',
    apiRoot: `http://127.0.0.1:${port}`,
    redis,
    prefix,
    logger,
    limits: { chatPerSecond: 1_000_000, globalPerSecond: 1_000_000 },
  });
  await measure('Bot API call (getMe): HTTP only', () => telegram.getMe());
  await measure('Bot API sendMessage: flood limit script and HTTP', (index) =>
    telegram.sendMessage(700_000_000 + (index % 5000), 'Added: Bench task'),
  );
  fake.kill('SIGTERM');
  await redis.quit();

  console.log(`CPU of the calling process per operation, ${CONCURRENCY} in flight, ${ROUNDS} each:`);
  for (const [label, us] of figures) console.log(`${us.toFixed(1).padStart(7)} µs  ${label}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
