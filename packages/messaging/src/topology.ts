import type { UpdateRoute } from '@taskbot/domain/updates';
import type { Channel } from 'amqplib';

// The broker layout, in one place:
//
//   telegram.updates (direct) ── command.<p>  ──▶ telegram-commands.<p>  ──┐
//                              ── callback.<p> ──▶ telegram-callbacks.<p> ─┤ failed for good:
//                              ── other.<p>    ──▶ telegram.<p>            │ published to
//                              ── outgoing.<p> ──▶ telegram.<p>            │ telegram.dead
//   telegram.dead (direct)   ── <kind queue> ──▶ <kind queue>.dead ◀──────┘ (failed jobs rest here)
//
//   telegram.retry.<ms>ms (fanout) ──▶ telegram.retry.<ms>ms: a delay queue per retry step, shared
//   by every work queue. A failed message is published there with its own work queue's name as the
//   routing key; when it expires the broker dead-letters it through the default exchange under that
//   key, back to the end of the queue it came from. Only the stock broker is needed.
//
// Each kind of work is split into `partitions` queues; the partition is the chat id modulo that
// number, so all updates of one chat travel one queue in the order Telegram sent them. Every
// partition queue has `x-single-active-consumer`: however many workers subscribe, the broker feeds
// one at a time, and the next takes over when it goes away. With one partition the queue keeps the
// kind's plain name (`telegram-commands`); with more they are `telegram-commands.0` ... `.<n-1>`.
//
// What a failed message carries on its way (attempt, error, first and last failure, the queue it
// came from) is named in headers.ts.

export type WorkQueue = 'commands' | 'callbacks' | 'telegram';
export type RoutingKey = UpdateRoute | 'outgoing';

export const ROUTES: Record<RoutingKey, WorkQueue> = {
  command: 'commands',
  callback: 'callbacks',
  other: 'telegram',
  outgoing: 'telegram',
};

export const MAX_PARTITIONS = 256;

export interface Topology {
  updatesExchange: string;
  deadExchange: string;
  partitions: number;
  /** The kinds' names: a single partition's queue, the stem of several, and the dead-letter key. */
  queues: Record<WorkQueue, string>;
  /** The queues one kind of work is split into, partition 0 first. */
  partitionQueues(kind: WorkQueue): string[];
  /** The partition a chat (or, without a chat, a person or an update) belongs to. */
  partitionOf(key: number | undefined): number;
  routingKey(route: RoutingKey, partition: number): string;
  deadQueue(kindQueue: string): string;
  retryExchange(delayMs: number): string;
  retryQueue(delayMs: number): string;
}

export function topology(prefix = '', partitions = 1): Topology {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
    throw new RangeError(`partitions must be an integer from 1 to ${MAX_PARTITIONS}, got ${partitions}`);
  }
  const queues: Record<WorkQueue, string> = {
    commands: `${prefix}telegram-commands`,
    callbacks: `${prefix}telegram-callbacks`,
    telegram: `${prefix}telegram`,
  };
  return {
    updatesExchange: `${prefix}telegram.updates`,
    deadExchange: `${prefix}telegram.dead`,
    partitions,
    queues,
    partitionQueues: (kind) =>
      partitions === 1
        ? [queues[kind]]
        : Array.from({ length: partitions }, (_, partition) => partitionQueue(queues[kind], partition)),
    partitionOf: (key) => (key === undefined ? 0 : Math.abs(Math.trunc(key)) % partitions),
    routingKey: (route, partition) => `${route}.${partition}`,
    deadQueue: (kindQueue) => `${kindQueue}.dead`,
    retryExchange: (delayMs) => `${prefix}telegram.retry.${delayMs}ms`,
    retryQueue: (delayMs) => `${prefix}telegram.retry.${delayMs}ms`,
  };
}

/** The queue of one partition of a kind split into several: `telegram-commands.3`. */
export function partitionQueue(kindQueue: string, partition: number): string {
  return `${kindQueue}.${partition}`;
}

/** `telegram-commands.3` is a partition of `telegram-commands`. */
export function isPartitionOf(queue: string, kindQueue: string): boolean {
  return queue.startsWith(`${kindQueue}.`) && /^\d+$/.test(queue.slice(kindQueue.length + 1));
}

/** Declares exchanges, partition queues and dead-letter queues; idempotent, run on every (re)connect. */
export async function assertTopology(channel: Channel, layout: Topology): Promise<void> {
  await channel.assertExchange(layout.updatesExchange, 'direct', { durable: true });
  await channel.assertExchange(layout.deadExchange, 'direct', { durable: true });
  for (const kind of Object.keys(layout.queues) as WorkQueue[]) {
    const kindQueue = layout.queues[kind];
    const dead = layout.deadQueue(kindQueue);
    await channel.assertQueue(dead, { durable: true });
    await channel.bindQueue(dead, layout.deadExchange, kindQueue);
    const routes = (Object.keys(ROUTES) as RoutingKey[]).filter((route) => ROUTES[route] === kind);
    for (const [partition, queue] of layout.partitionQueues(kind).entries()) {
      await channel.assertQueue(queue, {
        durable: true,
        arguments: {
          'x-single-active-consumer': true,
          'x-dead-letter-exchange': layout.deadExchange,
          'x-dead-letter-routing-key': kindQueue,
        },
      });
      for (const route of routes) {
        await channel.bindQueue(queue, layout.updatesExchange, layout.routingKey(route, partition));
      }
    }
  }
}

/** Declares the delay queues a failed message waits in before it goes back to its work queue. */
export async function assertRetryQueues(channel: Channel, layout: Topology, delaysMs: number[]) {
  for (const delayMs of new Set(delaysMs)) {
    const exchange = layout.retryExchange(delayMs);
    const queue = layout.retryQueue(delayMs);
    await channel.assertExchange(exchange, 'fanout', { durable: true });
    // No dead-letter routing key: an expired message keeps its own, the name of its work queue.
    await channel.assertQueue(queue, {
      durable: true,
      arguments: { 'x-message-ttl': delayMs, 'x-dead-letter-exchange': '' },
    });
    await channel.bindQueue(queue, exchange, '');
  }
}
