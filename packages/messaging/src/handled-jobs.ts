import type { Redis } from 'ioredis';

/** Telegram keeps an undelivered update for 24 h; a mark outlives every redelivery of its job. */
export const HANDLED_TTL_SECONDS = 48 * 60 * 60;

/**
 * Marks of jobs that ran to the end, so a job that comes again (Telegram redelivering a webhook,
 * RabbitMQ redelivering a message whose ack was lost) is recognised and skipped before it changes
 * anything a second time. Writes are idempotent on their own (a task per update_id) and replies
 * are sent once through the reply ledger; the mark also covers changes that are not idempotent by
 * nature, such as toggling a task. A failure to read or write the mark propagates: the worker
 * treats Redis being down as an outage and holds the job.
 */
export class HandledJobs {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds = HANDLED_TTL_SECONDS,
  ) {}

  private keyOf(job: string): string {
    return `${this.prefix}handled:${job}`;
  }

  async wasHandled(job: string): Promise<boolean> {
    return (await this.redis.exists(this.keyOf(job))) === 1;
  }

  async markHandled(job: string): Promise<void> {
    await this.redis.set(this.keyOf(job), new Date().toISOString(), 'EX', this.ttlSeconds);
  }
}
