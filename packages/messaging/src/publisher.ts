import type { Logger } from '@taskbot/logger/logger';
import type { ChannelModel, ConfirmChannel, Message, Options } from 'amqplib';
import type { Attachment, Broker } from './broker';
import { type BusMessage, encodeMessage } from './bus-message';
import { BrokerUnavailableError } from './errors';
import { checkJob, type Sender } from './job-catalogue';
import { messageKey } from './message-key';
import { batchSocketWrites } from './publisher-writes';
import type { RoutingKey } from './topology';

export interface PublishOptions {
  messageId: string;
  headers?: Record<string, unknown>;
}

export interface PublishJobOptions extends PublishOptions {
  /** Who publishes: checked against the senders the job catalogue allows for the kind. */
  sender: Sender;
  /**
   * The message already encoded, exactly as encodeMessage(message) would read back (the gateway
   * publishes an update's bytes as received); encoded here when absent.
   */
  encoded?: Buffer;
}

/**
 * The one way to put a message on the broker. `publish` resolves only when RabbitMQ has confirmed
 * the persistent message, and rejects when it cannot (not connected, nacked, unroutable, or no
 * confirm in time): callers answer Telegram 200 only after it resolves.
 */
export class Publisher implements Attachment {
  private channel: ConfirmChannel | undefined;
  private sequence = 0;
  private readonly returned = new Set<string>();

  constructor(
    private readonly broker: Broker,
    private readonly logger: Logger,
    private readonly confirmTimeoutMs = 5_000,
  ) {}

  static async create(broker: Broker, logger: Logger, confirmTimeoutMs?: number): Promise<Publisher> {
    const publisher = new Publisher(broker, logger, confirmTimeoutMs);
    await broker.register(publisher);
    return publisher;
  }

  get isReady(): boolean {
    return this.channel !== undefined;
  }

  async attach(connection: ChannelModel): Promise<void> {
    // The publishes of one turn of the event loop leave in one system call (publisher-writes.ts).
    batchSocketWrites(connection);
    const channel = await connection.createConfirmChannel();
    channel.on('return', (message: Message) => {
      const id = message.properties.correlationId;
      if (typeof id === 'string') this.returned.add(id);
    });
    channel.on('error', (error: Error) =>
      this.logger.warn('publish channel error', { error: error.message }),
    );
    channel.on('close', () => {
      if (this.channel !== channel) return;
      this.channel = undefined;
      // A channel can close alone (e.g. a refused publish); reopen it while the connection lives.
      if (this.broker.isConnected) {
        setTimeout(() => this.attach(connection).catch(() => undefined), 100).unref();
      }
    });
    this.channel = channel;
  }

  detach(): void {
    this.channel = undefined;
  }

  /**
   * Publishes a job to the updates exchange, into the partition of its chat. A job the catalogue
   * (job-catalogue.ts) does not allow is refused with a JobRefusedError before anything is sent.
   */
  async publishMessage(route: RoutingKey, message: BusMessage, options: PublishJobOptions): Promise<void> {
    checkJob(message, options.sender, route);
    const layout = this.broker.layout;
    const routingKey = layout.routingKey(route, layout.partitionOf(messageKey(message)));
    const { messageId, headers } = options;
    await this.publishRaw(layout.updatesExchange, routingKey, options.encoded ?? encodeMessage(message), {
      messageId,
      ...(headers ? { headers } : {}),
    });
  }

  /** Publishes bytes as they are (retries and dead letters carry the original body). */
  publishRaw(exchange: string, routingKey: string, content: Buffer, options: PublishOptions): Promise<void> {
    const channel = this.channel;
    if (!channel) return Promise.reject(new BrokerUnavailableError('broker is not connected'));
    // Tells a returned (unroutable) message from the others. A plain property rather than a header:
    // a message without headers (every update) then costs amqplib no field-table encoding.
    const publishId = `${process.pid}-${++this.sequence}`;
    const properties: Options.Publish = {
      persistent: true,
      mandatory: true,
      contentType: 'application/json',
      messageId: options.messageId,
      correlationId: publishId,
      timestamp: Math.floor(Date.now() / 1000),
      ...(options.headers ? { headers: options.headers } : {}),
    };
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new BrokerUnavailableError(`no confirm from the broker within ${this.confirmTimeoutMs} ms`));
      }, this.confirmTimeoutMs);
      try {
        channel.publish(exchange, routingKey, content, properties, (error) => {
          clearTimeout(timer);
          // A returned message is confirmed too, but it reached no queue: that is a failure.
          const wasReturned = this.returned.delete(publishId);
          if (error) reject(new BrokerUnavailableError(`broker refused the message: ${String(error)}`));
          else if (wasReturned)
            reject(new BrokerUnavailableError(`no queue is bound for ${exchange}/${routingKey}`));
          else resolve();
        });
      } catch (error) {
        clearTimeout(timer);
        reject(new BrokerUnavailableError(`publish failed: ${(error as Error).message}`));
      }
    });
  }
}
