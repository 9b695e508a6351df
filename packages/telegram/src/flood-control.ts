import type { Logger } from '@taskbot/logger/logger';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Initiative } from './call-scope';
import { type ChatRef, isGroupChat } from './outgoing-methods';
import { sleep } from './sleep';
import { OutgoingDeferredError } from './telegram-errors';

/** Telegram's flood limits as we keep them; each is configurable (see outgoingEnv). */
export interface FloodLimits {
  /** Messages a second into one chat. */
  chatPerSecond: number;
  /** Messages a minute into one group, supergroup or channel (on top of the per-chat rate). */
  groupPerMinute: number;
  /** Messages a second overall that leave room for the bot's own initiative. */
  globalPerSecond: number;
  /** Longest a call waits for its turn; past it the call fails as transient, to be retried later. */
  maxWaitMs: number;
}

export const DEFAULT_FLOOD_LIMITS: FloodLimits = {
  chatPerSecond: 1,
  groupPerMinute: 20,
  globalPerSecond: 30,
  maxWaitMs: 30_000,
};

/** Throws an Error naming the first limit that is not usable. */
export function checkFloodLimits(limits: FloodLimits): FloodLimits {
  const rates = ['chatPerSecond', 'groupPerMinute', 'globalPerSecond'] as const;
  for (const name of rates) {
    const value = limits[name];
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`flood limit ${name} must be a whole number of messages >= 1, got ${value}`);
    }
  }
  if (!Number.isFinite(limits.maxWaitMs) || limits.maxWaitMs < 0) {
    throw new Error(`flood limit maxWaitMs must be a number of milliseconds >= 0, got ${limits.maxWaitMs}`);
  }
  return limits;
}

export interface FloodControlOptions {
  redis: Redis;
  /** REDIS_PREFIX: prepended to every key. */
  prefix: string;
  limits: FloodLimits;
  logger: Logger;
}

// A waiter wakes just after the window it waited for ended, not a hair before it.
const WAKE_SLACK_MS = 5;
const GLOBAL_KEY = 'all';
/** How long replies are gathered before they are counted towards the overall limit. */
const REPLY_BATCH_MS = 50;

function limiter(redis: Redis, keyPrefix: string, points: number, duration: number): RateLimiterRedis {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration,
    rejectIfRedisNotReady: true,
    // While Redis is down each replica keeps the limits on its own: sends slow down, never stop.
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
  });
}

/**
 * Telegram's flood limits, counted in Redis so every replica of every service shares them: about
 * one message a second per chat, 20 a minute per group, and for messages the bot sends on its own
 * (reminders, digests, notices) 30 a second overall, counting replies, so that its own messages
 * yield to answers people wait for. A call over a limit waits for its turn rather than failing.
 */
export class FloodControl {
  private readonly chat: RateLimiterRedis;
  private readonly group: RateLimiterRedis;
  private readonly global: RateLimiterRedis;
  /** Replies sent and not yet counted towards the overall limit (countReply). */
  private uncountedReplies = 0;

  constructor(private readonly options: FloodControlOptions) {
    const { redis, prefix } = options;
    const limits = checkFloodLimits(options.limits);
    this.chat = limiter(redis, `${prefix}flood:chat`, limits.chatPerSecond, 1);
    this.group = limiter(redis, `${prefix}flood:group`, limits.groupPerMinute, 60);
    this.global = limiter(redis, `${prefix}flood:global`, limits.globalPerSecond, 1);
  }

  /**
   * Waits until one more message may go into `chat`; resolves with the milliseconds waited. Throws
   * OutgoingDeferredError, having sent nothing, when the wait would pass maxWaitMs.
   */
  async acquire(chat: ChatRef, initiative: Initiative): Promise<number> {
    let waitedMs = 0;
    // A reply only counts towards the overall limit (it never waits for it): counted in a batch.
    if (initiative === 'own') {
      // What this process replied is counted before its own message asks for room.
      await this.countReplies();
      // The longest windows first, so the per-chat slot is taken right before the call goes out.
      waitedMs = await this.take(this.global, GLOBAL_KEY, waitedMs, 'overall');
    } else this.countReply();
    if (isGroupChat(chat)) waitedMs = await this.take(this.group, String(chat), waitedMs, 'group');
    waitedMs = await this.take(this.chat, String(chat), waitedMs, 'chat');
    if (waitedMs > 0) {
      this.options.logger.debug('waited for the flood limit', { chat_id: chat, waited_ms: waitedMs });
    }
    return waitedMs;
  }

  /**
   * Counts a reply towards the overall limit with the others of the next REPLY_BATCH_MS: one Redis
   * command for all of them instead of one script run per reply. Another replica's own messages
   * see them that much later, a small part of the limit's one-second window.
   */
  private countReply(): void {
    this.uncountedReplies += 1;
    if (this.uncountedReplies === 1) setTimeout(() => void this.countReplies(), REPLY_BATCH_MS).unref();
  }

  private async countReplies(): Promise<void> {
    const replies = this.uncountedReplies;
    if (replies === 0) return;
    this.uncountedReplies = 0;
    await this.global.penalty(GLOBAL_KEY, replies).catch(() => undefined);
  }

  /** Telegram asked to wait (429) for this chat: every replica holds its messages that long. */
  async hold(chat: ChatRef, seconds: number): Promise<void> {
    // A block of 0 s would be stored without an expiry, holding the chat for good.
    if (!(seconds >= 1)) return;
    const holds = [this.chat.block(String(chat), seconds)];
    if (isGroupChat(chat)) holds.push(this.group.block(String(chat), seconds));
    await Promise.all(holds).catch((error: unknown) =>
      this.options.logger.warn('could not hold the chat after a 429', {
        chat_id: chat,
        error: (error as Error).message,
      }),
    );
  }

  private async take(limit: RateLimiterRedis, key: string, waitedMs: number, what: string): Promise<number> {
    const { maxWaitMs } = this.options.limits;
    for (;;) {
      try {
        await limit.consume(key);
        return waitedMs;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const waitMs = rejection.msBeforeNext + WAKE_SLACK_MS;
        if (waitedMs + waitMs > maxWaitMs) {
          throw new OutgoingDeferredError(
            `the ${what} flood limit would hold this call ${waitedMs + waitMs} ms, over the ${maxWaitMs} ms allowed`,
            waitMs,
          );
        }
        await sleep(waitMs);
        waitedMs += waitMs;
      }
    }
  }
}
