import type { UpdateRoute } from '@taskbot/domain/updates';
import type { Channel } from 'amqplib';

// The broker layout, in one place:
//
//   telegram.updates (direct) ── command  ──▶ telegram-commands ──┐
//                              ── callback ──▶ telegram-callbacks ─┤ x-dead-letter-exchange
//                              ── other    ──▶ telegram            │  = telegram.dead
//                              ── outgoing ──▶ telegram            │
//   telegram.dead (direct)   ── <queue>  ──▶ <queue>.dead ◀───────┘  (failed jobs rest here)
//
//   <queue>.retry.<ms>ms: a delay queue per retry step; its messages expire after <ms> and are
//   dead-lettered through the default exchange back to <queue>. Only the stock broker is needed.

export type WorkQueue = 'commands' | 'callbacks' | 'telegram';
export type RoutingKey = UpdateRoute | 'outgoing';

export interface Topology {
  updatesExchange: string;
  deadExchange: string;
  queues: Record<WorkQueue, string>;
  deadQueue(queue: string): string;
  retryQueue(queue: string, delayMs: number): string;
}

export const ROUTES: Record<RoutingKey, WorkQueue> = {
  command: 'commands',
  callback: 'callbacks',
  other: 'telegram',
  outgoing: 'telegram',
};

export function topology(prefix = ''): Topology {
  return {
    updatesExchange: `${prefix}telegram.updates`,
    deadExchange: `${prefix}telegram.dead`,
    queues: {
      commands: `${prefix}telegram-commands`,
      callbacks: `${prefix}telegram-callbacks`,
      telegram: `${prefix}telegram`,
    },
    deadQueue: (queue) => `${queue}.dead`,
    retryQueue: (queue, delayMs) => `${queue}.retry.${delayMs}ms`,
  };
}

/** Declares exchanges, work queues and dead-letter queues; idempotent, run on every (re)connect. */
export async function assertTopology(channel: Channel, layout: Topology): Promise<void> {
  await channel.assertExchange(layout.updatesExchange, 'direct', { durable: true });
  await channel.assertExchange(layout.deadExchange, 'direct', { durable: true });
  for (const [routingKey, queueKey] of Object.entries(ROUTES)) {
    const queue = layout.queues[queueKey];
    await channel.assertQueue(queue, {
      durable: true,
      arguments: { 'x-dead-letter-exchange': layout.deadExchange, 'x-dead-letter-routing-key': queue },
    });
    await channel.bindQueue(queue, layout.updatesExchange, routingKey);
    const dead = layout.deadQueue(queue);
    await channel.assertQueue(dead, { durable: true });
    await channel.bindQueue(dead, layout.deadExchange, queue);
  }
}

/** Declares the delay queues that hold a failed message before it goes back to `queue`. */
export async function assertRetryQueues(
  channel: Channel,
  layout: Topology,
  queue: string,
  delaysMs: number[],
) {
  for (const delayMs of delaysMs) {
    await channel.assertQueue(layout.retryQueue(queue, delayMs), {
      durable: true,
      arguments: {
        'x-message-ttl': delayMs,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': queue,
      },
    });
  }
}
