import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger, withLogFields } from '@taskbot/logger/logger';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Attachment, Broker } from './broker';
import { type BusMessage, type Decoded, decodeMessage, logFieldsOf } from './bus-message';
import { describeError, isPermanent } from './errors';
import { attemptOf, FailureRouting } from './failure-routing';
import { InFlight } from './in-flight';
import { KeyedSerializer } from './keyed-serializer';
import { type OutageOutcome, waitOutOutage } from './outage-hold';
import type { Publisher } from './publisher';
import { assertRetryQueues } from './topology';

// The one consumer loop and its channel's life. Where a failed message goes next is
// failure-routing.ts; holding a message while a dependency is down is outage-hold.ts; one chat at
// a time is keyed-serializer.ts.

export interface HandlerContext {
  queue: string;
  /** 1 for the first attempt. */
  attempt: number;
  messageId: string | undefined;
  logger: Logger;
  /**
   * Aborted when the message was given up while the handler ran (the channel closed, or a drain
   * ran out of time): the broker gives it out again, so the handler must not send anything more.
   */
  signal: AbortSignal;
}

export type MessageHandler = (message: BusMessage, context: HandlerContext) => Promise<void>;

/** Told what became of each message, for metrics; it must not throw. */
export interface ConsumerObserver {
  /** One attempt ended: `ok` (acknowledged), `failed` (retried or dead-lettered) or `refused` (unreadable). */
  handled(outcome: 'ok' | 'failed' | 'refused', durationMs: number): void;
  /** A failed message went to a delay queue for another attempt. */
  retried(): void;
  /** A message went to the dead-letter queue. */
  deadLettered(): void;
  /** A message is held, no attempt spent, while a dependency is down. */
  outageHold(): void;
}

/** What the consumer knows of a message that failed for good, for whoever tells people about it. */
export interface FailedForGoodContext {
  queue: string;
  /** Attempts made, the last one included. */
  attempts: number;
  messageId: string | undefined;
  /** Carries the message's log fields (update_id, chat_id, user_id, queue, attempt). */
  logger: Logger;
}

/**
 * Told of a message that failed for good, once it rests in the dead-letter queue and is acked. It
 * runs in the consumer's settle path, so it must return at once (start any I/O and leave it) and
 * never throw; a throw is caught and logged.
 */
export type FailedForGoodListener = (
  message: BusMessage,
  error: unknown,
  context: FailedForGoodContext,
) => void;

export interface ConsumerOptions {
  /** The queue to take messages from (one partition of a kind of work). */
  queue: string;
  /** The kind's queue name: the routing key of its dead-letter queue. Defaults to `queue`. */
  deadLetterKey?: string;
  prefetch: number;
  /** Delay before each retry; attempts in total = retries + 1 (default 5 s then 30 s: 3 attempts). */
  retryDelaysMs: number[];
  handler: MessageHandler;
  /** Messages with the same key are handled one at a time, in the order they arrived. */
  keyOf: (message: BusMessage) => string | number | undefined;
  logger: Logger;
  /**
   * Names what the handlers depend on that is down right now (the database, Redis); empty when all
   * is up. Asked after a transient failure: during an outage the message stays in hand and is tried
   * again when the dependency is back, spending no attempt, so an outage neither dead-letters work
   * nor reorders a chat. Failures of one message (a Telegram 5xx, a bug) still take the retry path.
   */
  dependenciesDown?: () => Promise<string[]>;
  observer?: ConsumerObserver;
  /**
   * Called for each message that failed for good (its attempts spent, or a permanent failure) after
   * the dead-letter queue confirmed it and the message was acked; not for unreadable messages.
   */
  onFailedForGood?: FailedForGoodListener;
}

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
  private readonly failures: FailureRouting;

  private constructor(
    private readonly broker: Broker,
    publisher: Publisher,
    private readonly options: ConsumerOptions,
  ) {
    this.failures = new FailureRouting(publisher, broker.layout, {
      queue: options.queue,
      deadLetterKey: options.deadLetterKey ?? options.queue,
      retryDelaysMs: options.retryDelaysMs,
    });
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
    await assertRetryQueues(channel, this.broker.layout, this.options.retryDelaysMs);
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
    this.serializer
      .run(key, () => this.process(channel, raw, decoded))
      .catch((error) => this.options.logger.error('message processing crashed', { error }))
      .finally(() => this.inFlight.finish());
  }

  /** False once this delivery's channel is no longer ours to use (closed, or being handed over). */
  private holds(channel: Channel): boolean {
    return this.channel === channel && !this.draining;
  }

  private async process(channel: Channel, raw: ConsumeMessage, decoded: Decoded): Promise<void> {
    // Delivered but not started while draining: closing the channel returns it to the queue.
    if (!this.holds(channel)) return;
    const life = this.channelLife.signal;
    const attempt = attemptOf(raw);
    const messageId = raw.properties.messageId as string | undefined;
    const fields = {
      queue: this.options.queue,
      message_id: messageId,
      attempt,
      ...(decoded.ok ? logFieldsOf(decoded.message) : {}),
    };
    const logger = this.options.logger.child(fields);
    const observer = this.options.observer;
    if (!decoded.ok) {
      logger.warn('message refused', { reason: decoded.error });
      observer?.handled('refused', 0);
      await this.settle(
        channel,
        raw,
        () => this.failures.deadLetter(raw, decoded.error, attempt),
        () => observer?.deadLettered(),
      );
      return;
    }
    let blips = 0;
    for (;;) {
      const started = performance.now();
      try {
        // Every line logged while handling, however deep, carries the update's fields.
        await withLogFields(fields, () =>
          this.options.handler(decoded.message, {
            queue: this.options.queue,
            attempt,
            messageId,
            logger,
            signal: life,
          }),
        );
        this.ack(channel, raw);
        const durationMs = performance.now() - started;
        observer?.handled('ok', durationMs);
        logger.info('message handled', { duration_ms: Math.round(durationMs) });
        return;
      } catch (error) {
        // The channel went while the handler ran: the broker gives the message out again.
        if (this.channel !== channel) return;
        if (!isPermanent(error)) {
          const outage = await this.waitOutOutage(channel, logger, error, blips);
          if (outage === 'over') {
            blips += 1;
            continue;
          }
          if (outage === 'abandon') return;
        }
        const final = this.failures.isFinal(error, attempt);
        const durationMs = performance.now() - started;
        observer?.handled('failed', durationMs);
        logger.warn(final ? 'message failed for good' : 'message failed, will retry', {
          error: describeError(error),
          duration_ms: Math.round(durationMs),
        });
        await this.settle(
          channel,
          raw,
          () =>
            final
              ? this.failures.deadLetter(raw, describeError(error), attempt)
              : this.failures.retry(raw, describeError(error), attempt),
          () => {
            if (!final) {
              observer?.retried();
              return;
            }
            observer?.deadLettered();
            this.failedForGood(decoded.message, error, {
              queue: this.options.queue,
              attempts: attempt,
              messageId,
              logger,
            });
          },
        );
        return;
      }
    }
  }

  /** Holds the message while a dependency is down (outage-hold.ts); 'none' without a probe. */
  private waitOutOutage(
    channel: Channel,
    logger: Logger,
    error: unknown,
    blips: number,
  ): Promise<OutageOutcome> {
    const dependenciesDown = this.options.dependenciesDown;
    if (!dependenciesDown) return Promise.resolve('none');
    const observer = this.options.observer;
    return waitOutOutage(
      {
        dependenciesDown,
        logger,
        onHold: () => observer?.outageHold(),
        stillHeld: () => this.holds(channel),
      },
      error,
      blips,
    );
  }

  /** Moves the message on (retry or dead letter) and acks it; if the broker refuses, returns it to the queue. */
  private async settle(
    channel: Channel,
    raw: ConsumeMessage,
    moveOn: () => Promise<void>,
    movedOn: () => void,
  ): Promise<void> {
    try {
      await moveOn();
      this.ack(channel, raw);
      movedOn();
    } catch (error) {
      this.options.logger.warn('could not move a failed message on; returning it to the queue', {
        error: describeError(error),
      });
      await sleep(1_000);
      try {
        channel.nack(raw, false, true);
      } catch {
        // The channel is gone; the broker redelivers the unacknowledged message anyway.
      }
    }
  }

  /**
   * Tells the listener; it runs after the ack, inside settle's try, where a throw would nack an
   * acked message and close the channel, so nothing it does may escape.
   */
  private failedForGood(message: BusMessage, error: unknown, context: FailedForGoodContext): void {
    const listener = this.options.onFailedForGood;
    if (!listener) return;
    try {
      listener(message, error, context);
    } catch (failure) {
      context.logger.error('the failed-for-good listener threw', { error: describeError(failure) });
    }
  }

  private ack(channel: Channel, raw: ConsumeMessage): void {
    try {
      channel.ack(raw);
    } catch {
      // The channel closed under us: the broker redelivers the message; handlers are idempotent.
    }
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
