import type { Logger } from '@taskbot/logger/logger';
import type { QueueInspector, QueueStats, WatchedQueue } from '../queues/queue-inspector';
import { RingBuffer } from './ring-buffer';

export type DepthGroup = 'commands' | 'callbacks' | 'telegram' | 'retry' | 'dead';

export interface QueueSample {
  at: number;
  /** Messages ready, summed over the partitions of each kind, the delay queues and the dead-letter queues. */
  depths: Record<DepthGroup, number>;
  /** Updates the gateway (all its replicas) published per second since the sample before. */
  inPerSecond: number;
  /** Messages taken off the work queues per second: published minus the growth of the work queues. */
  outPerSecond: number;
}

export interface QueueSamplerOptions {
  inspector: QueueInspector;
  queues: WatchedQueue[];
  /** Updates the gateway published since it started (its counter, read from its metrics). */
  publishedTotal(): Promise<number>;
  /** Told of every sample's stats (the queue gauges). */
  onStats(stats: QueueStats[]): void;
  logger: Logger;
  intervalMs: number;
  /** Samples kept: intervalMs × capacity is the span of the charts. */
  capacity: number;
}

function groupOf(queue: WatchedQueue): DepthGroup {
  if (queue.role === 'work' && queue.kind) return queue.kind;
  return queue.role === 'dead' ? 'dead' : 'retry';
}

/**
 * Samples the queues every few seconds into an in-memory ring buffer, for the operations page's
 * charts and the queue gauges, with the gateway's published count for the throughput. Each ops
 * replica samples on its own; nothing is stored.
 */
export class QueueSampler {
  private readonly samples: RingBuffer<QueueSample>;
  private timer: NodeJS.Timeout | undefined;
  private latest: QueueStats[] = [];
  private previous: { at: number; published: number | undefined; workDepth: number } | undefined;
  private gatewayUnread = false;
  private running: Promise<void> | undefined;

  constructor(private readonly options: QueueSamplerOptions) {
    this.samples = new RingBuffer(options.capacity);
  }

  start(): void {
    this.running = this.sample();
    this.timer = setInterval(() => {
      this.running = this.sample();
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** The stats of the last sample, queue by queue. */
  stats(): QueueStats[] {
    return this.latest;
  }

  history(): QueueSample[] {
    return this.samples.toArray();
  }

  get spanSeconds(): number {
    return (this.options.intervalMs * this.options.capacity) / 1000;
  }

  private async sample(): Promise<void> {
    try {
      const [stats, published] = await Promise.all([
        this.options.inspector.check(this.options.queues),
        this.options.publishedTotal().then(
          (total) => this.gatewayRead(total),
          (error: unknown) => this.gatewayRead(undefined, error),
        ),
      ]);
      const at = Date.now();
      const depths: Record<DepthGroup, number> = {
        commands: 0,
        callbacks: 0,
        telegram: 0,
        retry: 0,
        dead: 0,
      };
      for (const queue of stats) depths[groupOf(queue)] += queue.messages;
      const workDepth = depths.commands + depths.callbacks + depths.telegram + depths.retry;
      const before = this.previous;
      const seconds = before ? Math.max((at - before.at) / 1000, 0.001) : 0;
      // Unknown (0) while the gateway does not answer; a restarted gateway counts from 0 again.
      const known = before?.published !== undefined && published !== undefined;
      const inCount = known ? Math.max(0, (published ?? 0) - (before?.published ?? 0)) : 0;
      const outCount = known && before ? Math.max(0, inCount - (workDepth - before.workDepth)) : 0;
      this.previous = { at, published, workDepth };
      this.latest = stats;
      this.options.onStats(stats);
      this.samples.push({
        at,
        depths,
        inPerSecond: seconds ? inCount / seconds : 0,
        outPerSecond: seconds ? outCount / seconds : 0,
      });
    } catch (error) {
      this.options.logger.warn('could not sample the queues', { error: (error as Error).message });
    }
  }

  /** The gateway's count, or undefined when it could not be read (said once until it can again). */
  private gatewayRead(total: number | undefined, error?: unknown): number | undefined {
    if (total === undefined && !this.gatewayUnread) {
      this.options.logger.warn("could not read the gateway's metrics; throughput unknown meanwhile", {
        error: (error as Error | undefined)?.message ?? String(error),
      });
    } else if (total !== undefined && this.gatewayUnread) {
      this.options.logger.info("the gateway's metrics can be read again");
    }
    this.gatewayUnread = total === undefined;
    return total;
  }
}
