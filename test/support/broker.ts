import { topology, type WorkQueue } from '@taskbot/messaging/topology';
import amqp from 'amqplib';
import { takeAll } from './amqp';

/** Partitions per kind of work in the stacks tests start (QUEUE_PARTITIONS). */
export const STACK_PARTITIONS = 4;

/** Removes every exchange and queue a test created under its prefix, retry queues included. */
export async function deleteTopology(
  prefix: string,
  retryDelaysMs: number[] = [200, 400],
  partitions = STACK_PARTITIONS,
): Promise<void> {
  const connection = await amqp.connect(process.env.RABBITMQ_URL ?? 'amqp://127.0.0.1');
  try {
    const channel = await connection.createChannel();
    for (const layout of new Set([topology(prefix), topology(prefix, partitions)])) {
      for (const kind of Object.keys(layout.queues) as WorkQueue[]) {
        for (const queue of layout.partitionQueues(kind)) await channel.deleteQueue(queue);
        await channel.deleteQueue(layout.deadQueue(layout.queues[kind]));
      }
    }
    const layout = topology(prefix);
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

/** Messages waiting in a queue right now. */
export async function queueDepth(queue: string): Promise<number> {
  const connection = await amqp.connect(process.env.RABBITMQ_URL ?? 'amqp://127.0.0.1');
  try {
    const channel = await connection.createChannel();
    const { messageCount } = await channel.checkQueue(queue);
    return messageCount;
  } finally {
    await connection.close();
  }
}

export interface TakenMessage {
  body: unknown;
  properties: { deliveryMode?: number; messageId?: string; headers?: Record<string, unknown> };
}

/** Takes (and acks) every message waiting in a queue, parsed as JSON. */
export async function drainQueue(queue: string): Promise<TakenMessage[]> {
  const taken = await takeAll(queue);
  return taken.map((message) => ({ body: JSON.parse(message.text), properties: message.properties }));
}

/** Messages waiting in all partitions of one kind of work. */
export async function kindDepth(
  prefix: string,
  kind: WorkQueue,
  partitions = STACK_PARTITIONS,
): Promise<number> {
  let total = 0;
  for (const queue of topology(prefix, partitions).partitionQueues(kind)) total += await queueDepth(queue);
  return total;
}

/** The dead-letter queue of one kind of work under a prefix, named by the topology's rules. */
export function deadQueueOf(prefix: string, kind: WorkQueue = 'commands'): string {
  const layout = topology(prefix);
  return layout.deadQueue(layout.queues[kind]);
}
