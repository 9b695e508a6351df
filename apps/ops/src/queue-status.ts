// `pnpm queue:status`: each queue's depth, consumers and rates, and the dead-letter count, as a
// table. Rates come from RabbitMQ's management API when RABBITMQ_MANAGEMENT_URL is set (messages
// published and delivered per second); without it, from two samples a second apart (net change).
import { rabbitEnv, retryEnv } from '@taskbot/config/env';
import { loadConfig } from '@taskbot/config/load-config';
import type { Logger } from '@taskbot/logger/logger';
import { Broker } from '@taskbot/messaging/broker';
import { topology } from '@taskbot/messaging/topology';
import { z } from 'zod';
import { QueueInspector, type QueueStats, watchedQueues } from './queues/queue-inspector';

export const queueStatusConfigSchema = z.object({
  ...rabbitEnv,
  ...retryEnv,
  /** RabbitMQ's management API (http://guest:guest@127.0.0.1:15672), for publish and deliver rates. */
  RABBITMQ_MANAGEMENT_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL like http://guest:guest@127.0.0.1:15672' })
    .optional(),
});
export type QueueStatusConfig = z.output<typeof queueStatusConfigSchema>;

export interface StatusRow extends QueueStats {
  /** Messages a second into the queue and out of it (management API), or undefined. */
  publishRate?: number;
  deliverRate?: number;
  /** Change of depth per second between two samples. */
  netRate?: number;
}

const COLUMNS = ['QUEUE', 'ROLE', 'MESSAGES', 'CONSUMERS', 'IN/S', 'OUT/S', 'NET/S'];

const rate = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(1));

/** The table, numbers aligned right, with a closing line that counts the dead-lettered jobs. */
export function renderStatusTable(rows: StatusRow[]): string {
  const cells = rows.map((row) => [
    row.name,
    row.role,
    String(row.messages),
    String(row.consumers),
    rate(row.publishRate),
    rate(row.deliverRate),
    rate(row.netRate),
  ]);
  const all = [COLUMNS, ...cells];
  const widths = COLUMNS.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const lines = all.map((row, index) =>
    row
      .map((cell, column) => {
        const pad = ' '.repeat((widths[column] ?? 0) - cell.length);
        return column < 2 || index === 0 ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd(),
  );
  const dead = rows.filter((row) => row.role === 'dead').reduce((sum, row) => sum + row.messages, 0);
  const closing =
    dead === 0
      ? 'No dead-lettered jobs.'
      : `${dead} dead-lettered job${dead === 1 ? '' : 's'} (list them with pnpm queue:failed).`;
  return [...lines, '', closing].join('\n');
}

interface ManagementQueue {
  message_stats?: { publish_details?: { rate?: number }; deliver_get_details?: { rate?: number } };
}

/** Publish and deliver rates of one queue from the management API. */
async function managementRates(baseUrl: string, vhost: string, queue: string) {
  const url = new URL(baseUrl);
  const auth = Buffer.from(
    `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`,
  ).toString('base64');
  url.username = '';
  url.password = '';
  const path = `api/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(queue)}`;
  const response = await fetch(new URL(path, url.toString().endsWith('/') ? url : `${url}/`), {
    headers: { authorization: `Basic ${auth}` },
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`management API answered ${response.status} for ${queue}`);
  const body = (await response.json()) as ManagementQueue;
  return {
    publishRate: body.message_stats?.publish_details?.rate ?? 0,
    deliverRate: body.message_stats?.deliver_get_details?.rate ?? 0,
  };
}

/** The vhost of an amqp URL: its path, `/` when there is none. */
function vhostOf(amqpUrl: string): string {
  const path = new URL(amqpUrl).pathname.slice(1);
  return path ? decodeURIComponent(path) : '/';
}

export interface StatusOptions {
  /** Between the two samples of the net rate. */
  sampleGapMs?: number;
}

/** Reads every queue of the deployment's layout; rows in layout order. */
export async function readQueueStatus(
  config: QueueStatusConfig,
  logger: Logger,
  options: StatusOptions = {},
): Promise<StatusRow[]> {
  const broker = await Broker.connect({
    url: config.RABBITMQ_URL,
    layout: topology(config.QUEUE_PREFIX, config.QUEUE_PARTITIONS),
    logger,
    initialRetries: 2,
  });
  try {
    const inspector = await QueueInspector.open(broker);
    const queues = watchedQueues(broker.layout, config.RETRY_DELAYS_MS);
    const first = await inspector.check(queues);
    const managementUrl = config.RABBITMQ_MANAGEMENT_URL;
    if (managementUrl) {
      const vhost = vhostOf(config.RABBITMQ_URL);
      return Promise.all(
        first.map(async (row) => ({ ...row, ...(await managementRates(managementUrl, vhost, row.name)) })),
      );
    }
    const gapMs = options.sampleGapMs ?? 1_000;
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, gapMs));
    const second = await inspector.check(queues);
    const seconds = (Date.now() - started) / 1000;
    return second.map((row) => {
      const before = first.find((entry) => entry.name === row.name);
      return before ? { ...row, netRate: (row.messages - before.messages) / seconds } : row;
    });
  } finally {
    await broker.close().catch(() => undefined);
  }
}

/** `status`: prints the table; resolves the exit code (1 when RabbitMQ cannot be read). */
export async function runQueueStatus(
  argv: string[],
  logger: Logger,
  output: { out(text: string): void; err(text: string): void },
): Promise<number> {
  if (argv.length > 0) {
    output.err(`status takes no arguments, got: ${argv.join(' ')}`);
    return 1;
  }
  const config = loadConfig(queueStatusConfigSchema);
  try {
    output.out(renderStatusTable(await readQueueStatus(config, logger)));
    return 0;
  } catch (error) {
    output.err(`status failed: ${(error as Error).message}`);
    return 1;
  }
}
