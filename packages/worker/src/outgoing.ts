import type { Logger } from '@taskbot/logger/logger';
import type { createTelegramMetrics } from '@taskbot/metrics/telegram-metrics';
import { createTelegramClient } from '@taskbot/telegram/client';
import { TelegramReachability } from '@taskbot/telegram/telegram-reachability';
import { Redis } from 'ioredis';
import type { Telegram } from 'telegraf';
import type { WorkerConfig } from './config';

/** A worker's way out: its Redis (send-once records, flood limits, caches) and the Bot API client. */
export interface Outgoing {
  redis: Redis;
  telegram: Telegram;
  /** Whether Telegram answers, as the client's calls found. */
  reachability: TelegramReachability;
}

export function createOutgoing(
  config: WorkerConfig,
  logger: Logger,
  telegramMetrics: ReturnType<typeof createTelegramMetrics>,
): Outgoing {
  // Send-once records and flood limits; without the offline queue a call fails at once while
  // Redis is down instead of hanging the job.
  const redis = new Redis(config.REDIS_URL, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Commands issued in the same tick (many jobs run at once) go out in one write.
    enableAutoPipelining: true,
    // Back within half a second of Redis: jobs held during its outage go on, records get written.
    retryStrategy: (times) => Math.min(times * 50, 500),
  });
  redis.on('error', (error: Error) => logger.warn('redis error', { error: error.message }));
  const reachability = new TelegramReachability(logger, telegramMetrics, telegramMetrics.reachable);
  const telegram = createTelegramClient({
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    redis,
    prefix: config.REDIS_PREFIX,
    logger,
    observer: reachability,
    callTimeoutMs: config.TELEGRAM_CALL_TIMEOUT_MS,
    limits: {
      chatPerSecond: config.TELEGRAM_CHAT_RATE_PER_SECOND,
      groupPerMinute: config.TELEGRAM_GROUP_RATE_PER_MINUTE,
      globalPerSecond: config.TELEGRAM_GLOBAL_RATE_PER_SECOND,
      maxWaitMs: config.TELEGRAM_MAX_WAIT_MS,
    },
  });
  return { redis, telegram, reachability };
}
