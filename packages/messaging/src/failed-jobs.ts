import type { Channel, ChannelModel, GetMessage } from 'amqplib';
import type { Attachment, Broker } from './broker';
import { BrokerUnavailableError, describeError } from './errors';
import { describeJob, type FailedJob } from './failed-job';
import { FAILURE_HEADERS, RETRY_HEADERS } from './headers';
import type { Publisher } from './publisher';
import { isPartitionOf, type Topology, type WorkQueue } from './topology';

// The failed jobs: messages resting in the dead-letter queues after their last attempt. Every
// operation first takes a snapshot (basic.get of every dead message, none acknowledged), works on
// it, and returns whatever it did not remove to its queue (nack with requeue, then channel close;
// RabbitMQ puts requeued messages back at their places). A crash at any point therefore loses
// nothing: unacknowledged messages go back by themselves. A message leaves a dead queue only by an
// ack, after its copy was confirmed on the work queue (retry), or on request (forget, flush).

export interface RetryResult {
  retried: FailedJob[];
  failed: Array<{ job: FailedJob; error: string }>;
}

export interface FlushResult {
  queues: Array<{ queue: string; count: number }>;
  total: number;
}

export class UnknownJobError extends Error {
  override name = 'UnknownJobError';
  constructor(readonly ids: string[]) {
    super(`no failed job with id ${ids.join(', ')}`);
  }
}

export class UnknownQueueError extends Error {
  override name = 'UnknownQueueError';
  constructor(
    readonly queue: string,
    known: string[],
  ) {
    super(`unknown queue "${queue}"; the work queues are ${known.join(', ')}`);
  }
}

interface Held {
  job: FailedJob;
  raw: GetMessage;
}

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
    const channel = await this.openChannel();
    try {
      const jobs: FailedJob[] = [];
      let total = 0;
      for (const [deadQueue, { kindQueue }] of this.deadQueues()) {
        total += (await channel.checkQueue(deadQueue)).messageCount;
        while (jobs.length < limit) {
          const raw = await channel.get(deadQueue, { noAck: false });
          if (!raw) break;
          jobs.push(describeJob(raw, deadQueue, kindQueue));
        }
      }
      return { jobs, total: Math.max(total, jobs.length) };
    } finally {
      try {
        channel.nackAll(true);
      } catch {
        // The channel is gone: the broker has returned every unacknowledged message already.
      }
      await channel.close().catch(() => undefined);
    }
  }

  /** The job with this id; throws UnknownJobError. Changes nothing. */
  show(id: string): Promise<FailedJob> {
    return this.withSnapshot(async (held) => {
      const [first] = this.select(held, [id]);
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
      const candidates = options.queue === undefined ? held : this.inQueue(held, options.queue);
      const chosen = selection === 'all' ? candidates : this.select(candidates, selection);
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
      const copies = this.select(held, [id]);
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

  /** Dead-letter queue name → the work-queue kind it belongs to. */
  private deadQueues(): Map<string, { kind: WorkQueue; kindQueue: string }> {
    const queues = new Map<string, { kind: WorkQueue; kindQueue: string }>();
    for (const [kind, kindQueue] of Object.entries(this.layout.queues) as Array<[WorkQueue, string]>) {
      queues.set(this.layout.deadQueue(kindQueue), { kind, kindQueue });
    }
    return queues;
  }

  private async openChannel(): Promise<Channel> {
    if (!this.connection) throw new BrokerUnavailableError('broker is not connected');
    const channel = await this.connection.createChannel();
    // A channel error also rejects the operation that caused it; that is where it is reported.
    channel.on('error', () => undefined);
    return channel;
  }

  private async withSnapshot<T>(work: (held: Held[], channel: Channel) => Promise<T>): Promise<T> {
    const channel = await this.openChannel();
    try {
      const held: Held[] = [];
      for (const [deadQueue, { kindQueue }] of this.deadQueues()) {
        for (;;) {
          const raw = await channel.get(deadQueue, { noAck: false });
          if (!raw) break;
          held.push({ raw, job: describeJob(raw, deadQueue, kindQueue) });
        }
      }
      return await work(held, channel);
    } finally {
      try {
        channel.nackAll(true);
      } catch {
        // The channel is gone: the broker has returned every unacknowledged message already.
      }
      await channel.close().catch(() => undefined);
    }
  }

  /** Every held copy of these ids, in queue order; throws UnknownJobError naming all unknown ids. */
  private select(held: Held[], ids: string[]): Held[] {
    const wanted = new Set(ids.map((id) => id.trim().toLowerCase()));
    const unknown = [...wanted].filter((id) => !held.some((entry) => entry.job.id === id));
    if (unknown.length > 0) throw new UnknownJobError(unknown);
    return held.filter((entry) => wanted.has(entry.job.id));
  }

  private inQueue(held: Held[], queue: string): Held[] {
    const kinds = [...this.deadQueues().values()];
    const isKnown =
      kinds.some(
        ({ kind, kindQueue }) => queue === kind || queue === kindQueue || isPartitionOf(queue, kindQueue),
      ) || held.some((entry) => entry.job.queue === queue);
    if (!isKnown) throw new UnknownQueueError(queue, Object.values(this.layout.queues));
    return held.filter(({ job }) => {
      const kind = kinds.find((entry) => entry.kindQueue === job.kindQueue)?.kind;
      return queue === job.queue || queue === job.kindQueue || queue === kind;
    });
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

function groupById(held: Held[]): Held[][] {
  const groups = new Map<string, Held[]>();
  for (const entry of held) groups.set(entry.job.id, [...(groups.get(entry.job.id) ?? []), entry]);
  return [...groups.values()];
}
