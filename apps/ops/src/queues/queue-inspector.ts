import type { Attachment, Broker } from '@taskbot/messaging/broker';
import type { Topology, WorkQueue } from '@taskbot/messaging/topology';
import type { Channel, ChannelModel } from 'amqplib';

export type QueueRole = 'work' | 'retry' | 'dead';

export interface WatchedQueue {
  name: string;
  role: QueueRole;
  /** The kind of work (commands, callbacks, telegram); undefined for the shared delay queues. */
  kind: WorkQueue | undefined;
}

export interface QueueStats extends WatchedQueue {
  /** Messages ready in the queue (not those delivered and not yet acknowledged). */
  messages: number;
  consumers: number;
}

/** Every queue of the layout: the partitions of each kind, the delay queues and the dead-letter queues. */
export function watchedQueues(layout: Topology, retryDelaysMs: number[]): WatchedQueue[] {
  const kinds = Object.keys(layout.queues) as WorkQueue[];
  return [
    ...kinds.flatMap((kind) =>
      layout.partitionQueues(kind).map((name) => ({ name, role: 'work' as const, kind })),
    ),
    ...[...new Set(retryDelaysMs)].map((ms) => ({
      name: layout.retryQueue(ms),
      role: 'retry' as const,
      kind: undefined,
    })),
    ...kinds.map((kind) => ({ name: layout.deadQueue(layout.queues[kind]), role: 'dead' as const, kind })),
  ];
}

/**
 * Reads queue depths and consumer counts with checkQueue, on a channel of its own: a queue that
 * does not exist (a delay queue no worker declared yet) closes that channel, so it is reported as
 * missing and the channel opened again, without touching the channels that publish or consume.
 */
export class QueueInspector implements Attachment {
  private connection: ChannelModel | undefined;
  private channel: Promise<Channel> | undefined;

  private constructor(private readonly broker: Broker) {}

  static async open(broker: Broker): Promise<QueueInspector> {
    const inspector = new QueueInspector(broker);
    await broker.register(inspector);
    return inspector;
  }

  async attach(connection: ChannelModel): Promise<void> {
    this.connection = connection;
    this.channel = undefined;
  }

  detach(): void {
    this.connection = undefined;
    this.channel = undefined;
  }

  private openChannel(): Promise<Channel> {
    const connection = this.connection;
    if (!connection) return Promise.reject(new Error('not connected to RabbitMQ'));
    if (!this.channel) {
      const opening = connection.createChannel().then((channel) => {
        // A missing queue closes the channel with a 404; that is an answer here, not a fault.
        channel.on('error', () => undefined);
        channel.on('close', () => {
          if (this.channel === opening) this.channel = undefined;
        });
        return channel;
      });
      opening.catch(() => {
        if (this.channel === opening) this.channel = undefined;
      });
      this.channel = opening;
    }
    return this.channel;
  }

  /** The stats of each queue that exists, in the order given; missing ones are left out. */
  async check(queues: WatchedQueue[]): Promise<QueueStats[]> {
    const stats: QueueStats[] = [];
    for (const queue of queues) {
      const channel = await this.openChannel();
      try {
        const { messageCount, consumerCount } = await channel.checkQueue(queue.name);
        stats.push({ ...queue, messages: messageCount, consumers: consumerCount });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    return stats;
  }

  async close(): Promise<void> {
    this.broker.unregister(this);
    const channel = this.channel;
    this.detach();
    await channel?.then((open) => open.close()).catch(() => undefined);
  }
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: number } | undefined)?.code === 404;
}
