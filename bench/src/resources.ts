import { randomBytes } from 'node:crypto';
import { createDataSource, parseDatabaseUrl } from '@taskbot/db/data-source';
import { topology, type WorkQueue } from '@taskbot/messaging/topology';
import amqp from 'amqplib';
import { Redis } from 'ioredis';

// What one bench run makes on the shared servers, each under a name of its own, and removes at
// the end: a fresh database, queues and exchanges under QUEUE_PREFIX, Redis keys under REDIS_PREFIX.

export const RUN_ID = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

type DataSource = ReturnType<typeof createDataSource>;

async function onServer<T>(serverUrl: string, work: (admin: DataSource) => Promise<T>): Promise<T> {
  const admin = await createDataSource(serverUrl, { poolSize: 1 }).initialize();
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, migrated database on the server of `serverUrl`. */
export async function createBenchDatabase(serverUrl: string, label: string): Promise<BenchDatabase> {
  const { family } = parseDatabaseUrl(serverUrl);
  const name = `taskbot_bench_${label}_${RUN_ID}`;
  const quoted = family === 'postgres' ? `"${name}"` : `\`${name}\``;
  await onServer(serverUrl, (admin) =>
    admin.query(
      family === 'postgres'
        ? `CREATE DATABASE ${quoted}`
        : `CREATE DATABASE ${quoted} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    ),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = () =>
    onServer(serverUrl, (admin) =>
      admin.query(
        family === 'postgres'
          ? `DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`
          : `DROP DATABASE IF EXISTS ${quoted}`,
      ),
    );
  try {
    const dataSource = await createDataSource(url.toString()).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: url.toString(), drop };
}

/** Removes every queue and exchange of the topology under `prefix`. */
export async function deleteTopology(
  rabbitUrl: string,
  prefix: string,
  partitions: number,
  retryDelaysMs: number[],
): Promise<void> {
  const connection = await amqp.connect(rabbitUrl);
  try {
    const channel = await connection.createChannel();
    const layout = topology(prefix, partitions);
    for (const kind of Object.keys(layout.queues) as WorkQueue[]) {
      for (const queue of layout.partitionQueues(kind)) await channel.deleteQueue(queue);
      await channel.deleteQueue(layout.queues[kind]);
      await channel.deleteQueue(layout.deadQueue(layout.queues[kind]));
    }
    for (const delay of retryDelaysMs) {
      await channel.deleteQueue(layout.retryQueue(delay));
      await channel.deleteExchange(layout.retryExchange(delay));
    }
    await channel.deleteExchange(layout.updatesExchange);
    await channel.deleteExchange(layout.deadExchange);
  } finally {
    await connection.close();
  }
}

/** Messages waiting in all partitions of one kind of work. */
export async function queueDepth(rabbitUrl: string, prefix: string, partitions: number, kind: WorkQueue) {
  const connection = await amqp.connect(rabbitUrl);
  try {
    const channel = await connection.createChannel();
    let total = 0;
    for (const queue of topology(prefix, partitions).partitionQueues(kind)) {
      total += (await channel.checkQueue(queue)).messageCount;
    }
    return total;
  } finally {
    await connection.close();
  }
}

/** Deletes every Redis key under `prefix`; resolves how many. */
export async function deleteRedisKeys(redisUrl: string, prefix: string, pattern = '*'): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}${pattern}`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
