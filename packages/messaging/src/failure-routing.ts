import type { ConsumeMessage } from 'amqplib';
import { BROKER_HEADERS, HEADERS, MAX_ERROR_LENGTH } from './headers';
import type { Publisher } from './publisher';
import type { Topology } from './topology';

export interface FailureRoutingOptions {
  /** The work queue the messages come from (one partition of a kind). */
  queue: string;
  /** The routing key of the kind's dead-letter queue. */
  deadLetterKey: string;
}

/**
 * Moves a failed message on, as retry-decision.ts decided: round a delay queue for another
 * attempt, or to the dead-letter queue. Both are a confirmed publish of a
 * copy that carries the failure in its headers; the caller acks the original only after it, so a
 * crash in between leaves the message in RabbitMQ (and at worst a duplicate, which handlers absorb).
 */
export class FailureRouting {
  constructor(
    private readonly publisher: Publisher,
    private readonly layout: Topology,
    private readonly options: FailureRoutingOptions,
  ) {}

  retry(raw: ConsumeMessage, error: string, attempt: number, delayMs: number): Promise<void> {
    // The routing key is this queue's name: the delay queue dead-letters it back here.
    return this.publisher.publishRaw(this.layout.retryExchange(delayMs), this.options.queue, raw.content, {
      messageId: raw.properties.messageId,
      headers: { ...this.failureHeaders(raw, error), [HEADERS.attempt]: attempt + 1 },
    });
  }

  deadLetter(raw: ConsumeMessage, error: string, attempt: number): Promise<void> {
    return this.publisher.publishRaw(this.layout.deadExchange, this.options.deadLetterKey, raw.content, {
      messageId: raw.properties.messageId,
      headers: { ...this.failureHeaders(raw, error), [HEADERS.attempt]: attempt },
    });
  }

  /** The message's own headers plus this failure; the first failure's time survives every retry. */
  private failureHeaders(raw: ConsumeMessage, error: string) {
    const now = new Date().toISOString();
    const headers = { ...raw.properties.headers };
    delete headers[BROKER_HEADERS.death];
    delete headers[BROKER_HEADERS.publishId];
    return {
      ...headers,
      [HEADERS.firstFailedAt]: headers[HEADERS.firstFailedAt] ?? now,
      [HEADERS.lastFailedAt]: now,
      [HEADERS.error]: error.slice(0, MAX_ERROR_LENGTH),
      [HEADERS.originalQueue]: this.options.queue,
    };
  }
}

/** The attempt a delivery is, from its headers: 1 for a message that never failed. */
export function attemptOf(raw: ConsumeMessage): number {
  return Number(raw.properties.headers?.[HEADERS.attempt] ?? 1) || 1;
}
