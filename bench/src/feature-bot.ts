import { BotContext, createWorkerDeps } from '@taskbot/bot/bot-context';
import { botContextMiddleware } from '@taskbot/bot/context-middleware';
import { createDataSource } from '@taskbot/db/data-source';
import type { Logger } from '@taskbot/logger/logger';
import { createBot } from '@taskbot/telegram/bot';
import { inCallScope } from '@taskbot/telegram/call-scope';
import { createTelegramClient } from '@taskbot/telegram/client';
import type { FloodLimits } from '@taskbot/telegram/flood-control';
import { installCallbackFeatures } from 'callback-worker/bot';
import { installCommandFeatures } from 'command-worker/bot';
import { Redis } from 'ioredis';
import type { Telegraf } from 'telegraf';
import type { Logger as TypeOrmLogger } from 'typeorm';

// The bot the workers run, with the same features (each worker app exports its installer for
// this), stores and Bot API client, built in one process without the broker: for the synchronous
// baseline and for looking at one command closely.

export interface FeatureBotOptions {
  databaseUrl: string;
  poolSize?: number;
  redisUrl: string;
  redisPrefix: string;
  apiRoot: string;
  token: string;
  limits: Partial<FloodLimits>;
  logger: Logger;
  /** Sees every SQL statement the bot runs. */
  queryLogger?: TypeOrmLogger;
}

export interface FeatureBot {
  bot: Telegraf<BotContext>;
  redis: Redis;
  close(): Promise<void>;
}

export async function createFeatureBot(options: FeatureBotOptions): Promise<FeatureBot> {
  const { logger } = options;
  const dataSource = await createDataSource(options.databaseUrl, {
    poolSize: options.poolSize ?? 10,
  }).initialize();
  if (options.queryLogger) dataSource.setOptions({ logger: options.queryLogger, logging: ['query'] });
  const redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  await new Promise<void>((resolve, reject) => {
    redis.once('ready', resolve);
    redis.once('error', reject);
  });
  redis.on('error', (error: Error) => logger.warn('redis error', { error: error.message }));
  const deps = createWorkerDeps(dataSource, redis, {
    redisPrefix: options.redisPrefix,
    defaultTimeZone: 'UTC',
    defaultLeadMinutes: 15,
  });
  const telegram = createTelegramClient({
    token: options.token,
    apiRoot: options.apiRoot,
    redis,
    prefix: options.redisPrefix,
    logger,
    limits: options.limits,
  });
  const bot = createBot(telegram, await telegram.getMe(), BotContext);
  // As in a worker: each update is one job, so its replies count as answers to a person.
  bot.use((ctx, next) => inCallScope(`update:${ctx.update.update_id}`, 'reply', next));
  // Once, before both workers' features, as the workers mount it (see createWorker).
  bot.use(botContextMiddleware(deps, logger));
  installCommandFeatures(bot);
  installCallbackFeatures(bot);
  return {
    bot,
    redis,
    async close() {
      redis.disconnect();
      await dataSource.destroy();
    },
  };
}
