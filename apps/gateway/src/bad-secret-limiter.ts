import { isIP } from 'node:net';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export type BadSecretDecision = { blocked: false } | { blocked: true; retryAfterMs: number };

/** Counts requests with a wrong or missing secret per client address. */
export interface BadSecretLimiter {
  /** Records one more bad-secret request from `address`; says whether it is over the limit. */
  failed(address: string): Promise<BadSecretDecision>;
}

/**
 * The key an address is counted under. An IPv6 client usually holds a whole /64 and can pick a new
 * address in it for every request, so IPv6 addresses are counted by their /64; IPv4 (also when
 * written IPv4-mapped, ::ffff:1.2.3.4) by the address itself.
 */
export function clientKeyOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/** An address over the limit waits this long, however it keeps trying. */
export const BAD_SECRET_BLOCK_SECONDS = 300;

/**
 * Someone guessing the webhook secret (or flooding the webhook) from one address gets 429 after
 * `perMinute` bad requests, for five minutes. Counted in Redis so every replica shares the count;
 * while Redis is unreachable each replica counts in memory. Only failures are counted: the caller
 * asks after the secret did not match, so Telegram's own requests never touch this limiter.
 */
export function createBadSecretLimiter(redis: Redis, perMinute: number, keyPrefix: string): BadSecretLimiter {
  const options = { points: perMinute, duration: 60, blockDuration: BAD_SECRET_BLOCK_SECONDS };
  const limiter = new RateLimiterRedis({
    ...options,
    storeClient: redis,
    keyPrefix: `${keyPrefix}limit:bad-secret`,
    // A blocked address is refused from memory without asking Redis again, so a flood costs Redis nothing.
    inMemoryBlockOnConsumed: perMinute + 1,
    inMemoryBlockDuration: BAD_SECRET_BLOCK_SECONDS,
    insuranceLimiter: new RateLimiterMemory(options),
  });
  return {
    async failed(address) {
      try {
        await limiter.consume(clientKeyOf(address));
        return { blocked: false };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes)
          return { blocked: true, retryAfterMs: rejection.msBeforeNext };
        throw rejection;
      }
    },
  };
}
