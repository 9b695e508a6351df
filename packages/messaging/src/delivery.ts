import { setTimeout as sleep } from 'node:timers/promises';
import { describeError, failureOf } from '@taskbot/errors/failure';
import { type Logger, withLogFields } from '@taskbot/logger/logger';
import type { Channel, ConsumeMessage } from 'amqplib';
import { type BusMessage, type Decoded, logFieldsOf } from './bus-message';
import type { ConsumerOptions, FailedForGoodContext } from './consumer-options';
import { attemptOf, type FailureRouting } from './failure-routing';
import { JOBS, retryDelaysOf } from './job-catalogue';
import { type OutageOutcome, waitOutOutage } from './outage-hold';
import { mayBeOutage, nextStep } from './retry-decision';

// One delivery, from the handler's first try to its ack: the attempt (with its kind's timeout),
// what a failure means (retry-decision.ts), holding it through an outage (outage-hold.ts), and
// moving it on (failure-routing.ts) before the ack. The channel it came on is the consumer's.

/** The channel a delivery came on, as the consumer sees it now. */
export interface Lease {
  channel: Channel;
  /** Aborted when the channel goes: its unacknowledged messages are no longer ours. */
  signal: AbortSignal;
  /** False once the channel closed: the broker gives the message out again. */
  isCurrent(): boolean;
  /** False once the channel is no longer ours to use (closed, or being handed over). */
  holds(): boolean;
}

export class Delivery {
  constructor(
    private readonly options: ConsumerOptions,
    private readonly failures: FailureRouting,
  ) {}

  async process(lease: Lease, raw: ConsumeMessage, decoded: Decoded): Promise<void> {
    // Delivered but not started while draining: closing the channel returns it to the queue.
    if (!lease.holds()) return;
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
        lease.channel,
        raw,
        () => this.failures.deadLetter(raw, decoded.error, attempt),
        () => observer?.deadLettered(),
      );
      return;
    }
    const message = decoded.message;
    let blips = 0;
    for (;;) {
      const started = performance.now();
      try {
        // Every line logged while handling, however deep, carries the update's fields.
        await withLogFields(fields, () => this.run(message, attempt, messageId, logger, lease.signal));
        this.ack(lease.channel, raw);
        const durationMs = performance.now() - started;
        observer?.handled('ok', durationMs);
        logger.info('message handled', { duration_ms: Math.round(durationMs) });
        return;
      } catch (error) {
        // The channel went while the handler ran: the broker gives the message out again.
        if (!lease.isCurrent()) return;
        const failure = failureOf(error);
        if (mayBeOutage(failure)) {
          const outage = await this.waitOutOutage(lease, logger, failure, blips);
          if (outage === 'over') {
            blips += 1;
            continue;
          }
          if (outage === 'abandon') return;
        }
        const step = nextStep(failure, attempt, retryDelaysOf(message.kind, this.options.retryDelaysMs));
        const durationMs = performance.now() - started;
        if (step.action === 'ack') {
          this.ack(lease.channel, raw);
          observer?.handled('ok', durationMs);
          logger.info('message done already', {
            reason: failure.reason,
            duration_ms: Math.round(durationMs),
          });
          return;
        }
        const final = step.action === 'dead-letter';
        observer?.handled('failed', durationMs);
        logger.warn(final ? 'message failed for good' : 'message failed, will retry', {
          error: describeError(error),
          duration_ms: Math.round(durationMs),
          ...(final ? {} : { retry_in_ms: step.delayMs }),
        });
        await this.settle(
          lease.channel,
          raw,
          () =>
            step.action === 'retry'
              ? this.failures.retry(raw, describeError(error), attempt, step.delayMs)
              : this.failures.deadLetter(raw, describeError(error), attempt),
          () => {
            if (!final) {
              observer?.retried();
              return;
            }
            observer?.deadLettered();
            this.failedForGood(message, error, {
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

  /**
   * One run of the handler. Past its kind's timeout the run is told to stop (its signal aborts, so
   * it sends nothing more) and ends as it ends; it is not left running beside a later attempt.
   */
  private async run(
    message: BusMessage,
    attempt: number,
    messageId: string | undefined,
    logger: Logger,
    life: AbortSignal,
  ): Promise<void> {
    const { timeoutMs } = JOBS[message.kind];
    // One signal for the run: aborted when the channel goes or the timeout passes. Listeners are
    // removed after the run, so a channel's long life does not collect one per message.
    const run = new AbortController();
    const giveUp = () => run.abort(life.reason);
    if (life.aborted) giveUp();
    else life.addEventListener('abort', giveUp, { once: true });
    const timer = setTimeout(() => {
      logger.warn('the run passed its timeout; telling it to stop', { timeout_ms: timeoutMs });
      run.abort(new Error(`${message.kind} job ran past its ${timeoutMs} ms timeout`));
    }, timeoutMs);
    try {
      await this.options.handler(message, {
        queue: this.options.queue,
        attempt,
        messageId,
        logger,
        signal: run.signal,
      });
    } finally {
      clearTimeout(timer);
      life.removeEventListener('abort', giveUp);
    }
  }

  /** Holds the message while a dependency is down (outage-hold.ts); 'none' without a probe. */
  private waitOutOutage(
    lease: Lease,
    logger: Logger,
    failure: ReturnType<typeof failureOf>,
    blips: number,
  ): Promise<OutageOutcome> {
    const dependenciesDown = this.options.dependenciesDown;
    if (!dependenciesDown) return Promise.resolve('none');
    const observer = this.options.observer;
    return waitOutOutage(
      { dependenciesDown, logger, onHold: () => observer?.outageHold(), stillHeld: () => lease.holds() },
      failure,
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
}
