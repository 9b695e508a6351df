import type { Channel } from 'amqplib';
import { describeJob } from './failed-job';
import { deadQueuesOf, type Held } from './failed-job-selection';
import type { Topology } from './topology';

// Reading the dead-letter queues without taking anything away: basic.get of the dead messages, none
// acknowledged, and at the end every one not acknowledged goes back (nack with requeue, then the
// channel closes; RabbitMQ puts requeued messages back at their places). A crash at any point
// therefore loses nothing: unacknowledged messages go back by themselves.

export interface SnapshotOptions {
  /** Take at most this many messages in all, queue by queue (default: every one). */
  limit?: number;
  /** Also count the messages of every dead-letter queue (what a page of `limit` leaves out). */
  count?: boolean;
}

export interface Snapshot {
  held: Held[];
  /** The messages in all dead-letter queues when counted, else the number held. */
  total: number;
}

/**
 * Holds the dead messages on `channel` while `work` runs; `work` acks what it removes. Returns the
 * rest and closes the channel, whatever happens.
 */
export async function withDeadLetters<T>(
  channel: Channel,
  layout: Topology,
  options: SnapshotOptions,
  work: (snapshot: Snapshot) => Promise<T>,
): Promise<T> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  try {
    const held: Held[] = [];
    let counted = 0;
    for (const [deadQueue, { kindQueue }] of deadQueuesOf(layout)) {
      if (options.count) counted += (await channel.checkQueue(deadQueue)).messageCount;
      while (held.length < limit) {
        const raw = await channel.get(deadQueue, { noAck: false });
        if (!raw) break;
        held.push({ raw, job: describeJob(raw, deadQueue, kindQueue) });
      }
    }
    return await work({ held, total: Math.max(counted, held.length) });
  } finally {
    try {
      channel.nackAll(true);
    } catch {
      // The channel is gone: the broker has returned every unacknowledged message already.
    }
    await channel.close().catch(() => undefined);
  }
}
