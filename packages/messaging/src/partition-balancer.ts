import { createHash } from 'node:crypto';
import type { Logger } from '@taskbot/logger/logger';
import type { Redis } from 'ioredis';
import type { Consumer } from './consumer';

export interface PartitionBalancerOptions {
  redis: Redis;
  /** The Redis key of this kind of worker's member list (a sorted set scored by heartbeat time). */
  groupKey: string;
  /** This replica's name, unique among the live ones. */
  memberId: string;
  /** One consumer per partition queue, all subscribed. */
  consumers: Consumer[];
  logger: Logger;
  intervalMs?: number;
  /** A member that has not beaten for this long is gone. */
  memberTtlMs?: number;
}

/** Highest-random-weight (rendezvous) hashing: every replica computes the same owner alone. */
export function ownerOf(queue: string, members: string[]): string | undefined {
  let best: string | undefined;
  let bestScore = -1;
  for (const member of members) {
    const score = createHash('sha1').update(`${member}\n${queue}`).digest().readUInt32BE(0);
    if (score > bestScore || (score === bestScore && best !== undefined && member < best)) {
      best = member;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Spreads the partitions over the live replicas. Correctness never depends on it: every replica
 * subscribes to every partition and the broker's single active consumer keeps one chat with one
 * worker at a time. What the broker does not do is balance (the first subscriber stays active), so
 * each replica beats into a Redis member list, every replica computes the same owner per partition
 * with rendezvous hashing, and a replica that finds itself active on a partition someone else
 * owns hands it over (drain, close, subscribe again at the back of the line). A replica that dies
 * is replaced by the broker at once (its standby becomes active); the member list catches up when
 * its heartbeat expires. While Redis is down nothing moves.
 */
export class PartitionBalancer {
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private readonly intervalMs: number;
  private readonly memberTtlMs: number;

  constructor(private readonly options: PartitionBalancerOptions) {
    this.intervalMs = options.intervalMs ?? 2_000;
    this.memberTtlMs = options.memberTtlMs ?? 3 * this.intervalMs;
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  /** One round: beat, read the members, hand over what belongs to someone else. */
  async tick(now = Date.now()): Promise<string[]> {
    if (this.ticking) return [];
    this.ticking = true;
    try {
      const { redis, groupKey, memberId } = this.options;
      const members = (await redis
        .multi()
        .zadd(groupKey, now, memberId)
        .zremrangebyscore(groupKey, 0, now - this.memberTtlMs)
        .pexpire(groupKey, this.memberTtlMs * 2)
        .zrange(groupKey, '0', '-1')
        .exec()) as Array<[Error | null, unknown]> | null;
      const live = (members?.[3]?.[1] as string[] | undefined) ?? [];
      const handed: string[] = [];
      for (const consumer of this.options.consumers) {
        if (!consumer.isActive) continue;
        const owner = ownerOf(consumer.queue, live);
        if (owner === undefined || owner === memberId) continue;
        if ((await consumer.subscribers()) < 2) continue;
        this.options.logger.info('handing a partition to its owner', { queue: consumer.queue, owner });
        handed.push(consumer.queue);
        void consumer
          .handOver()
          .catch((error: unknown) =>
            this.options.logger.warn('hand-over failed', { queue: consumer.queue, error }),
          );
      }
      return handed;
    } catch (error) {
      this.options.logger.debug('partition balancing skipped', { error: (error as Error).message });
      return [];
    } finally {
      this.ticking = false;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.options.redis.zrem(this.options.groupKey, this.options.memberId).catch(() => undefined);
  }
}
