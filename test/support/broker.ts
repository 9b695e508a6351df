import { topology } from '@taskbot/messaging/topology';
import amqp from 'amqplib';
import { takeAll } from './amqp';

/** Removes every exchange and queue a test created under its prefix, retry queues included. */
export async function deleteTopology(prefix: string, retryDelaysMs: number[] = [200, 400]): Promise<void> {
  const connection = await amqp.connect(process.env.RABBITMQ_URL ?? 'amqp://127.0.0.1');
  try {
    const channel = await connection.createChannel();
    const layout = topology(prefix);
    for (const queue of Object.values(layout.queues)) {
      for (const delay of retryDelaysMs) await channel.deleteQueue(layout.retryQueue(queue, delay));
      await channel.deleteQueue(layout.deadQueue(queue));
      await channel.deleteQueue(queue);
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
