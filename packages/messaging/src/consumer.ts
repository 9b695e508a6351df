import { setTimeout as sleep } from 'node:timers/promises';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Attachment, Broker } from './broker';
import { decodeMessage } from './bus-message';
import type { ConsumerOptions } from './consumer-options';
import { Delivery, type Lease } from './delivery';
import { FailureRouting } from './failure-routing';
import { InFlight } from './in-flight';
import { allRetryDelays } from './job-catalogue';
import { KeyedSerializer } from './keyed-serializer';
import type { Publisher } from './publisher';
import { assertRetryQueues } from './topology';

export type {
  ConsumerObserver,
  ConsumerOptions,
  FailedForGoodContext,
  FailedForGoodListener,
  HandlerContext,
  MessageHandler,
} from './consumer-options';

// The one consumer loop: its channel's life, one chat at a time (keyed-serializer.ts) and handing
// the queue over. One delivery's attempts are delivery.ts; what a failure means, retry-decision.ts;
// holding a message while a dependency is down, outage-hold.ts; where it goes next,
// failure-routing.ts.

/**
 * The one consumer loop. Manual acks, a bounded prefetch, one chat at a time per key, and an ack only
 * after the handler finished. A failed message is republished (with confirm) to a delay queue for
 * another attempt, or to the dead-letter queue with the error, attempts and failure times, and only
 * then acknowledged, so a crash at any point leaves the message in RabbitMQ.
 *
 * Handing a queue over (stop, or giving a partition to another worker) drains instead of cancelling:
 * messages already delivered but not started are left alone, those being handled finish and are
 * acked, and only then the channel closes, which returns the rest to the queue in order. The
 * broker's single active consumer moves on to the next worker only then, so two workers never
 * handle one chat at the same time.
 */
export class Consumer implements Attachment {
  private channel: Channel | undefined;
  private consumerTag: string | undefined;
  private stopping = false;
  private draining = false;
  private handingOver = false;
  private deliveriesSinceSubscribe = 0;
  /** Aborted when the current channel goes: its unacknowledged messages are no longer ours. */
  private channelLife = new AbortController();
  private readonly inFlight = new InFlight();
  private readonly serializer = new KeyedSerializer();
  private readonly delivery: Delivery;

  private constructor(
    private readonly broker: Broker,
    publisher: Publisher,
    private readonly options: ConsumerOptions,
  ) {
    const failures = new FailureRouting(publisher, broker.layout, {
      queue: options.queue,
      deadLetterKey: options.deadLetterKey ?? options.queue,
    });
    this.delivery = new Delivery(options, failures);
  }

  static async start(broker: Broker, publisher: Publisher, options: ConsumerOptions): Promise<Consumer> {
    const consumer = new Consumer(broker, publisher, options);
    await broker.register(consumer);
    return consumer;
  }

  get queue(): string {
    return this.options.queue;
  }

  /**
   * True once the broker delivered to this subscription: with a single active consumer per queue,
   * only the active one gets deliveries.
   */
  get isActive(): boolean {
    return this.consumerTag !== undefined && this.deliveriesSinceSubscribe > 0;
  }

  /** Workers subscribed to the queue right now (this one included). */
  async subscribers(): Promise<number> {
    const channel = this.channel;
    if (!channel) return 0;
    return (await channel.checkQueue(this.options.queue)).consumerCount;
  }

  /** Subscribed, or letting the queue go to another worker on purpose for a moment. */
  get isConsuming(): boolean {
    return this.consumerTag !== undefined || this.handingOver;
  }

  async attach(connection: ChannelModel): Promise<void> {
    if (this.stopping) return;
    const channel = await connection.createChannel();
    channel.on('error', (error: Error) =>
      this.options.logger.warn('consumer channel error', { error: error.message }),
    );
    const life = new AbortController();
    channel.on('close', () => {
      life.abort();
      if (this.channel !== channel) return;
      this.detach();
      if (!this.stopping && this.broker.isConnected) {
        setTimeout(() => this.attach(connection).catch(() => undefined), 500).unref();
      }
    });
    await assertRetryQueues(channel, this.broker.layout, allRetryDelays(this.options.retryDelaysMs));
    await channel.prefetch(this.options.prefetch);
    this.channel = channel;
    this.channelLife = life;
    this.draining = false;
    this.deliveriesSinceSubscribe = 0;
    const { consumerTag } = await channel.consume(
      this.options.queue,
      (message) => this.onDelivery(channel, message),
      { noAck: false },
    );
    this.consumerTag = consumerTag;
    this.options.logger.debug('consuming', { queue: this.options.queue, prefetch: this.options.prefetch });
  }

  detach(): void {
    this.channel = undefined;
    this.consumerTag = undefined;
  }

  private onDelivery(channel: Channel, raw: ConsumeMessage | null): void {
    if (raw === null) {
      // The broker cancelled us (queue deleted); the channel is reopened on the next reconnect.
      this.options.logger.warn('consumer cancelled by the broker', { queue: this.options.queue });
      this.detach();
      return;
    }
    this.inFlight.start();
    this.deliveriesSinceSubscribe += 1;
    const decoded = decodeMessage(raw.content);
    const key = decoded.ok ? this.options.keyOf(decoded.message) : undefined;
    const lease = this.leaseOf(channel);
    this.serializer
      .run(key, () => this.delivery.process(lease, raw, decoded))
      .catch((error) => this.options.logger.error('message processing crashed', { error }))
      .finally(() => this.inFlight.finish());
  }

  /** The delivery's view of its channel: still the current one, still ours to use. */
  private leaseOf(channel: Channel): Lease {
    return {
      channel,
      signal: this.channelLife.signal,
      isCurrent: () => this.channel === channel,
      holds: () => this.channel === channel && !this.draining,
    };
  }

  /**
   * Lets the queue go: stops starting messages, waits for those being handled (at most
   * `timeoutMs`), then closes the channel, which returns everything not acked to the queue.
   */
  private async drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    const channel = this.channel;
    await this.inFlight.idle(timeoutMs);
    if (this.channel === channel) this.detach();
    await channel?.close().catch(() => undefined);
  }

  /**
   * Gives the queue to the next subscribed worker (the broker's single active consumer moves on)
   * and subscribes again after `resubscribeAfterMs`, now behind the others.
   */
  async handOver(resubscribeAfterMs = 1_000, timeoutMs = 8_000): Promise<void> {
    if (this.stopping || !this.channel || this.handingOver) return;
    this.handingOver = true;
    try {
      await this.drain(timeoutMs);
      await sleep(resubscribeAfterMs);
      if (!this.stopping && !this.channel) await this.broker.reattach(this);
    } finally {
      this.handingOver = false;
    }
  }

  /** Stops taking messages, finishes those in hand (at most `timeoutMs`), then closes the channel. */
  async stop(timeoutMs = 8_000): Promise<void> {
    this.stopping = true;
    this.broker.unregister(this);
    await this.drain(timeoutMs);
  }
}
