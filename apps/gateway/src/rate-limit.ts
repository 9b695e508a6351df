import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export type LimitDecision = { allowed: true } | { allowed: false; notify: boolean; retryAfterMs: number };

export interface UserRateLimiter {
  /** `key`: whose quota (see limitKeyOf: a person's id, or `chat:<id>` for a chat speaking). */
  check(key: string | number): Promise<LimitDecision>;
}

/**
 * N updates a minute per user, counted in Redis so every gateway replica shares the count. The
 * first update over the limit in a window says `notify` (exactly one "slow down" per window, also
 * across replicas, since Redis counts atomically). If Redis is unreachable an in-memory limiter
 * stands in, so a Redis outage never stops updates from being accepted.
 */
export function createUserRateLimiter(redis: Redis, perMinute: number, keyPrefix: string): UserRateLimiter {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${keyPrefix}limit:user`,
    points: perMinute,
    duration: 60,
    insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
  });
  return {
    async check(key) {
      try {
        await limiter.consume(String(key));
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return {
            allowed: false,
            notify: rejection.consumedPoints === perMinute + 1,
            retryAfterMs: rejection.msBeforeNext,
          };
        }
        throw rejection;
      }
    },
  };
}
