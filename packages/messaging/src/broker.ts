import type { Logger } from '@taskbot/logger/logger';
import amqp, { type ChannelModel, type RecoveringChannelModel } from 'amqplib';
import { assertTopology, type Topology } from './topology';

/** A part that owns channels on the connection (the publisher, each consumer). */
export interface Attachment {
  /** Opens its channels on a fresh connection; called after every (re)connect. */
  attach(connection: ChannelModel): Promise<void>;
  /** The connection is gone; drop channel references. */
  detach(): void;
}

export interface BrokerOptions {
  url: string;
  layout: Topology;
  logger: Logger;
  /** Connection attempts before giving up at start; after the first success it retries forever. */
  initialRetries?: number;
}

/**
 * The one connection of a service to RabbitMQ. It reconnects by itself (amqplib's recovery), and
 * after every (re)connect declares the topology and re-opens the channels of every attachment
 * before it reports itself connected, so nothing publishes into a layout that does not exist.
 */
export class Broker {
  private connection: ChannelModel | undefined;
  private readonly attachments: Attachment[] = [];

  private constructor(
    private readonly model: RecoveringChannelModel,
    private readonly options: BrokerOptions,
  ) {}

  static async connect(options: BrokerOptions): Promise<Broker> {
    let broker: Broker | undefined;
    const model = await amqp.connect(options.url, {
      clientProperties: { connection_name: options.logger.defaultMeta?.service ?? 'taskbot' },
      recovery: {
        initialDelay: 200,
        maxDelay: 5_000,
        initialMaxRetries: options.initialRetries ?? 20,
        maxRetries: Number.POSITIVE_INFINITY,
        waitForConnect: false,
        setup: async (connection: ChannelModel) => {
          if (broker) await broker.prepare(connection);
        },
      },
    });
    broker = new Broker(model, options);
    model.on('disconnect', (error: Error) => {
      broker.connection = undefined;
      for (const attachment of broker.attachments) attachment.detach();
      options.logger.warn('broker connection lost', { error: error.message });
    });
    model.on('connect', (connection: ChannelModel) => {
      broker.connection = connection;
      options.logger.info('broker connected');
    });
    model.on('reconnect-scheduled', ({ attempt, delay }: { attempt: number; delay: number }) => {
      options.logger.info('broker reconnect scheduled', { attempt, delay_ms: delay });
    });
    model.on('error', (error: Error) => options.logger.warn('broker error', { error: error.message }));
    model.on('handler-error', (error: Error, event: string) =>
      options.logger.error('broker event handler failed', { event, error }),
    );
    await model.waitForConnect();
    return broker;
  }

  get layout(): Topology {
    return this.options.layout;
  }

  get isConnected(): boolean {
    return this.connection !== undefined;
  }

  /** Adds a part; it is attached now if connected, and after every reconnect. */
  async register(attachment: Attachment): Promise<void> {
    this.attachments.push(attachment);
    const connection = this.connection;
    if (!connection) return;
    try {
      await attachment.attach(connection);
    } catch (error) {
      // The connection went while the part opened its channels: the reconnect attaches it again.
      const lost = this.connection !== connection || /closed|ended/i.test((error as Error).message);
      if (!lost) throw error;
      this.options.logger.warn('connection lost while attaching; attaching again on reconnect', {
        error: (error as Error).message,
      });
    }
  }

  /** Opens a registered part's channels again (after it let them go on purpose). */
  async reattach(attachment: Attachment): Promise<void> {
    if (this.connection && this.attachments.includes(attachment)) await attachment.attach(this.connection);
  }

  unregister(attachment: Attachment): void {
    const index = this.attachments.indexOf(attachment);
    if (index >= 0) this.attachments.splice(index, 1);
  }

  private async prepare(connection: ChannelModel): Promise<void> {
    const channel = await connection.createChannel();
    try {
      await assertTopology(channel, this.options.layout);
    } finally {
      await channel.close().catch(() => undefined);
    }
    for (const attachment of this.attachments) await attachment.attach(connection);
  }

  async close(): Promise<void> {
    await this.model.close();
    this.connection = undefined;
  }
}
