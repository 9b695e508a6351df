import { describeError } from '@taskbot/errors/failure';
import type { Channel, ChannelModel } from 'amqplib';
import type { Attachment, Broker } from './broker';
import { withDeadLetters } from './dead-letter-snapshot';
import { BrokerUnavailableError } from './errors';
import type { FailedJob } from './failed-job';
import {
  deadQueuesOf,
  groupById,
  type Held,
  selectById,
  selectByQueue,
  UnknownJobError,
} from './failed-job-selection';
import { FAILURE_HEADERS, RETRY_HEADERS } from './headers';
import type { Publisher } from './publisher';
import type { Topology } from './topology';

// The failed jobs: messages resting in the dead-letter queues after their last attempt, and what an
// operator does with them. Every operation works on a snapshot (dead-letter-snapshot.ts) and
// returns whatever it did not remove; which jobs an operator means is failed-job-selection.ts. A
// message leaves a dead queue only by an ack, after its copy was confirmed on the work queue
// (retry), or on request (forget, flush).

export interface RetryResult {
  retried: FailedJob[];
  failed: Array<{ job: FailedJob; error: string }>;
}

export interface FlushResult {
  queues: Array<{ queue: string; count: number }>;
  total: number;
}

export { UnknownJobError, UnknownQueueError } from './failed-job-selection';

export interface RetryOptions {
  /** Only jobs of this queue: a work queue's name, its kind's name or key (`commands`), or a partition. */
  queue?: string;
}

export class FailedJobs implements Attachment {
  private connection: ChannelModel | undefined;

  private constructor(
    private readonly layout: Topology,
    private readonly publisher: Publisher,
  ) {}

  /** Registers with the broker for its connection; retries publish through `publisher`. */
  static async open(broker: Broker, publisher: Publisher): Promise<FailedJobs> {
    const jobs = new FailedJobs(broker.layout, publisher);
    await broker.register(jobs);
    return jobs;
  }

  async attach(connection: ChannelModel): Promise<void> {
    this.connection = connection;
  }

  detach(): void {
    this.connection = undefined;
  }

  /** Every failed job, queue by queue, each in its queue's order. Changes nothing. */
  list(): Promise<FailedJob[]> {
    return this.withSnapshot(async (held) => held.map((entry) => entry.job));
  }

  /**
   * The first `limit` failed jobs, queue by queue, and how many there are in all: what a page can
   * show without holding every dead message in memory (a dead-letter queue can hold millions).
   * Changes nothing.
   */
  async firstPage(limit: number): Promise<{ jobs: FailedJob[]; total: number }> {
    return withDeadLetters(
      await this.openChannel(),
      this.layout,
      { limit, count: true },
      async (snapshot) => ({
        jobs: snapshot.held.map((entry) => entry.job),
        total: snapshot.total,
      }),
    );
  }

  /** The job with this id; throws UnknownJobError. Changes nothing. */
  show(id: string): Promise<FailedJob> {
    return this.withSnapshot(async (held) => {
      const [first] = selectById(held, [id]);
      if (!first) throw new UnknownJobError([id]);
      return first.job;
    });
  }

  /**
   * Puts jobs back on the queues they failed in, attempts reset. Unknown ids (or queue) throw
   * before anything changes. Each dead copy is removed only after the broker confirmed its
   * republished copy; a job the broker refuses stays where it is and is reported in `failed`.
   */
  retry(selection: string[] | 'all', options: RetryOptions = {}): Promise<RetryResult> {
    return this.withSnapshot(async (held, channel) => {
      const candidates = options.queue === undefined ? held : selectByQueue(held, options.queue, this.layout);
      const chosen = selection === 'all' ? candidates : selectById(candidates, selection);
      const result: RetryResult = { retried: [], failed: [] };
      for (const copies of groupById(chosen)) {
        const [first] = copies;
        if (!first) continue;
        try {
          await this.republish(first);
        } catch (error) {
          result.failed.push({ job: first.job, error: describeError(error) });
          continue;
        }
        for (const copy of copies) channel.ack(copy.raw);
        result.retried.push(first.job);
      }
      return result;
    });
  }

  /** Removes one job for good; throws UnknownJobError. */
  forget(id: string): Promise<FailedJob> {
    return this.withSnapshot(async (held, channel) => {
      const copies = selectById(held, [id]);
      const [first] = copies;
      if (!first) throw new UnknownJobError([id]);
      for (const copy of copies) channel.ack(copy.raw);
      return first.job;
    });
  }

  /** Removes every failed job; says how many left each dead-letter queue. */
  async flush(): Promise<FlushResult> {
    const channel = await this.openChannel();
    try {
      const queues: FlushResult['queues'] = [];
      for (const queue of this.deadQueues().keys()) {
        const { messageCount } = await channel.purgeQueue(queue);
        queues.push({ queue, count: messageCount });
      }
      return { queues, total: queues.reduce((sum, entry) => sum + entry.count, 0) };
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  private deadQueues() {
    return deadQueuesOf(this.layout);
  }

  private async openChannel(): Promise<Channel> {
    if (!this.connection) throw new BrokerUnavailableError('broker is not connected');
    const channel = await this.connection.createChannel();
    // A channel error also rejects the operation that caused it; that is where it is reported.
    channel.on('error', () => undefined);
    return channel;
  }

  /** Every dead message held while `work` runs; whatever it does not ack goes back. */
  private async withSnapshot<T>(work: (held: Held[], channel: Channel) => Promise<T>): Promise<T> {
    const channel = await this.openChannel();
    return withDeadLetters(channel, this.layout, {}, ({ held }) => work(held, channel));
  }

  private republish({ job, raw }: Held): Promise<void> {
    const headers = { ...raw.properties.headers };
    for (const name of FAILURE_HEADERS) delete headers[name];
    headers[RETRY_HEADERS.retriedAt] = new Date().toISOString();
    headers[RETRY_HEADERS.retryCount] = job.retryCount + 1;
    // Through the default exchange, straight to the queue it failed in (its partition included).
    return this.publisher.publishRaw('', job.queue, raw.content, {
      messageId: raw.properties.messageId as string,
      headers,
    });
  }
}
