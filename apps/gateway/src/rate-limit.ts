import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export type LimitDecision = { allowed: true } | { allowed: false; notify: boolean; retryAfterMs: number };

export interface UserRateLimiter {
  /** `key`: whose quota (see limitKeyOf: a person's id, or `chat:<id>` for a chat speaking). */
  check(key: string | number): Promise<LimitDecision>;
}

/**
 * rate-limiter-flexible's own script for RateLimiterRedis (lib/RateLimiterRedis.js, 11.4.0): the
 * window starts with the first point and lasts `ARGV[2]` seconds. Run here as it is, under the same
 * keys (`<prefix>limit:user:<key>`), so the counts are the ones RateLimiterRedis keeps: replicas of
 * the previous build count alongside, and forget-me deletes the same key.
 */
const INCR_TTL_SCRIPT = `redis.call('set', KEYS[1], 0, 'EX', ARGV[2], 'NX') \
local consumed = redis.call('incrby', KEYS[1], ARGV[1]) \
local ttl = redis.call('pttl', KEYS[1]) \
if ttl == -1 then \
  redis.call('expire', KEYS[1], ARGV[2]) \
  ttl = 1000 * ARGV[2] \
end \
return {consumed, ttl} \
`;
const COMMAND = 'taskbotUserLimit';
const WINDOW_SECONDS = 60;

/** The client with the script defined on it (ioredis adds a method per defineCommand). */
interface LimitCommand {
  [COMMAND]?(key: string, points: string, seconds: string): Promise<[number, number]>;
}

const ALLOWED: LimitDecision = Object.freeze({ allowed: true });

/**
 * N updates a minute per user, counted in Redis so every gateway replica shares the count. The
 * first update over the limit in a window says `notify` (exactly one "slow down" per window, also
 * across replicas, since Redis counts atomically). If Redis is unreachable an in-memory limiter
 * stands in, so a Redis outage never stops updates from being accepted.
 *
 * One script call per update, as RateLimiterRedis.consume makes, without its promise chain and
 * result objects around it (about a tenth of the gateway's own CPU per request went to them and
 * ioredis).
 */
export function createUserRateLimiter(redis: Redis, perMinute: number, keyPrefix: string): UserRateLimiter {
  const client = redis as unknown as LimitCommand;
  if (typeof client[COMMAND] !== 'function') {
    redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: INCR_TTL_SCRIPT });
  }
  const run = (client[COMMAND] as NonNullable<LimitCommand[typeof COMMAND]>).bind(redis);
  const keyOf = `${keyPrefix}limit:user:`;
  const seconds = String(WINDOW_SECONDS);
  const insurance = new RateLimiterMemory({ points: perMinute, duration: WINDOW_SECONDS });
  const decide = (consumed: number, msBeforeNext: number): LimitDecision =>
    consumed <= perMinute
      ? ALLOWED
      : { allowed: false, notify: consumed === perMinute + 1, retryAfterMs: Math.max(0, msBeforeNext) };
  return {
    async check(key) {
      let counted: [number, number];
      try {
        counted = await run(keyOf + String(key), '1', seconds);
      } catch {
        // Redis is away: this replica counts in memory until it is back.
        return insured(insurance, String(key), decide);
      }
      return decide(Number(counted[0]), Number(counted[1]));
    },
  };
}

async function insured(
  insurance: RateLimiterMemory,
  key: string,
  decide: (consumed: number, msBeforeNext: number) => LimitDecision,
): Promise<LimitDecision> {
  try {
    const result = await insurance.consume(key);
    return decide(result.consumedPoints, result.msBeforeNext);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return decide(rejection.consumedPoints, rejection.msBeforeNext);
    throw rejection;
  }
}
