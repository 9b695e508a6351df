import { BotContext, createWorkerDeps, type WorkerDeps } from '@taskbot/bot/bot-context';
import { registerCommandsMenu } from '@taskbot/bot/commands-menu';
import { botContextMiddleware } from '@taskbot/bot/context-middleware';
import { isWorthRetrying } from '@taskbot/db/connection-errors';
import type { createDataSource } from '@taskbot/db/data-source';
import { openDatabase } from '@taskbot/db/open-database';
import type { Logger } from '@taskbot/logger/logger';
import { Broker } from '@taskbot/messaging/broker';
import type { Consumer } from '@taskbot/messaging/consumer';
import { HandledJobs } from '@taskbot/messaging/handled-jobs';
import type { PartitionBalancer } from '@taskbot/messaging/partition-balancer';
import { Publisher } from '@taskbot/messaging/publisher';
import { topology, type WorkQueue } from '@taskbot/messaging/topology';
import { createMetricsRegistry, metricsRoute } from '@taskbot/metrics/registry';
import { createTelegramMetrics } from '@taskbot/metrics/telegram-metrics';
import { createWorkerMetrics } from '@taskbot/metrics/worker-metrics';
import type { OwnMessages } from '@taskbot/reminders/own-messages';
import { type AdminServer, startAdminServer } from '@taskbot/runtime/admin-server';
import { BackgroundTasks } from '@taskbot/runtime/background-tasks';
import { type HealthServer, startHealthServer } from '@taskbot/runtime/health-server';
import { retryWithBackoff } from '@taskbot/runtime/retry';
import type { Service } from '@taskbot/runtime/service';
import { configuredBotInfo, createBot } from '@taskbot/telegram/bot';
import type { Redis } from 'ioredis';
import type { Telegraf, Telegram } from 'telegraf';
import type { WorkerConfig } from './config';
import { startConsumers } from './consumers';
import { FailureNotices } from './failure-notices';
import { createOutgoing } from './outgoing';
import { createUpdateHandler } from './update-handler';

/** What a worker has built by the time its consumers start: what an app's own parts are made of. */
export interface WorkerParts {
  config: WorkerConfig;
  logger: Logger;
  deps: WorkerDeps;
  telegram: Telegram;
  publisher: Publisher;
}

/** Something an app runs beside its consumers: started once they run, stopped before they stop. */
export interface BackgroundPart {
  start(): void;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  config: WorkerConfig;
  logger: Logger;
  /** The queues this worker takes messages from. */
  queues: WorkQueue[];
  /** Port of the health listener when HEALTH_PORT is not set. */
  defaultHealthPort: number;
  /** Port of the admin listener (GET /metrics) when ADMIN_PORT is not set. */
  defaultAdminPort: number;
  /** Mounts the worker's features on the bot, in one place. */
  install(bot: Telegraf<BotContext>): void;
  /**
   * Sends what the bot says on its own (reminders, digests) as they come off the `telegram` queue,
   * which this worker must then take. Without it such a message is refused as not this worker's.
   */
  ownMessages?(parts: WorkerParts): OwnMessages;
  /** The app's parts that run beside the consumers (the command worker's scheduler). */
  background?(parts: WorkerParts): BackgroundPart[];
}

/**
 * The worker composition both workers share. Start order: database, Redis, the broker, then the
 * probes (so an operator sees the worker and why it waits), then the bot's identity (configured, or
 * from getMe, waited for without exiting however long Telegram fails), consumers, and the app's
 * background parts last, so no message is taken before everything it needs is there. No call to
 * Telegram can end the start: the menu is set in the background. Stop runs in reverse: background
 * parts first (what they publish now would only wait for the next start), consumers (finish the
 * messages in hand), then the probes, the broker and the database.
 */
export function createWorker(options: WorkerOptions): Service {
  if (options.ownMessages && !options.queues.includes('telegram')) {
    throw new Error('a worker that sends reminders must take the telegram queue they travel on');
  }
  const { config, logger } = options;
  let dataSource: ReturnType<typeof createDataSource> | undefined;
  let broker: Broker | undefined;
  const consumers: Consumer[] = [];
  let health: HealthServer | undefined;
  let balancer: PartitionBalancer | undefined;
  let redis: Redis | undefined;
  let background: BackgroundPart[] = [];
  let admin: AdminServer | undefined;
  const registry = createMetricsRegistry(String(logger.defaultMeta?.service ?? 'worker'));
  const workerMetrics = createWorkerMetrics(registry);
  const telegramMetrics = createTelegramMetrics(registry);
  // Calls to Telegram made at start, retried in the background until they succeed.
  const startup = new BackgroundTasks({ logger, observer: telegramMetrics.startupCall });
  let failureNotices: FailureNotices | undefined;

  return {
    async start() {
      // The database may be coming up (or briefly away) while the worker starts: wait for it. A wrong
      // password, an unknown host or a missing database will not come right by waiting: fail at once.
      dataSource = await retryWithBackoff(
        () => openDatabase(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE }),
        {
          attempts: 30,
          firstDelayMs: 250,
          maxDelayMs: 5_000,
          shouldRetry: isWorthRetrying,
          onRetry: (attempt, error) =>
            logger.warn('database not reachable yet, retrying', { attempt, error: (error as Error).message }),
        },
      );
      const outgoing = createOutgoing(config, logger, telegramMetrics);
      const { telegram, reachability } = outgoing;
      const outgoingRedis = outgoing.redis;
      redis = outgoingRedis;
      const deps = createWorkerDeps(dataSource, outgoingRedis, {
        redisPrefix: config.REDIS_PREFIX,
        defaultTimeZone: config.DEFAULT_TIME_ZONE,
        defaultLeadMinutes: config.DEFAULT_REMINDER_LEAD_MINUTES,
        adminCacheSeconds: config.ADMIN_STATUS_CACHE_SECONDS,
        exportMaxFileBytes: config.EXPORT_MAX_FILE_BYTES,
      });

      broker = await Broker.connect({
        url: config.RABBITMQ_URL,
        layout: topology(config.QUEUE_PREFIX, config.QUEUE_PARTITIONS),
        logger,
      });
      const connectedBroker = broker;
      const publisher = await Publisher.create(broker, logger);
      // Tells people, once and not too often, that an update of theirs failed for good.
      const notices = new FailureNotices(
        outgoingRedis,
        config.REDIS_PREFIX,
        telegram,
        logger,
        config.FAILURE_NOTICE_INTERVAL_SECONDS,
        workerMetrics.failureNotice,
      );
      failureNotices = notices;
      const database = dataSource;
      // What the worker cannot work without; Telegram is not among them (see dependenciesDown).
      const serversDown = async () => {
        const down: string[] = [];
        await database.query('SELECT 1').catch(() => down.push('database'));
        if (outgoingRedis.status !== 'ready') down.push('redis');
        return down;
      };
      // The probes answer from here on, also while the worker waits for Telegram below: readiness
      // is the broker, the database and Redis; whether Telegram answers is reported beside it.
      health = await startHealthServer(
        config.HEALTH_PORT ?? options.defaultHealthPort,
        async () => {
          const down = await serversDown();
          if (!connectedBroker.isConnected || consumers.some((consumer) => !consumer.isConsuming))
            down.push('rabbitmq');
          return down;
        },
        () => ({
          telegram: {
            reachable: reachability.isReachable ?? null,
            waiting_for: startup.pending.map((task) => task.name),
          },
        }),
      );
      admin = await startAdminServer({
        port: config.ADMIN_PORT ?? options.defaultAdminPort,
        token: config.ADMIN_TOKEN,
        routes: [metricsRoute(registry)],
        logger,
      });

      // Cosmetic: the "/" menu. Tried until Telegram takes it, never in the way of the work.
      void startup.run('setMyCommands', () => registerCommandsMenu(telegram));
      // The bot's username tells /tasks@thisbot from /tasks@otherbot: without it no update can be
      // handled, so no message is taken until it is known (configured, or once getMe answers).
      if (!config.TELEGRAM_BOT_USERNAME) logger.info('asking Telegram who the bot is before taking updates');
      const botInfo = config.TELEGRAM_BOT_USERNAME
        ? configuredBotInfo(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_BOT_USERNAME)
        : await startup.run('getMe', () => telegram.getMe());
      // Stopped while waiting for Telegram: nothing more to start.
      if (!botInfo) return;

      const bot = createBot(telegram, botInfo, BotContext);
      // Once for every bot the workers run, before any feature: the stores, the language, the
      // logger and ctx.sender(), which registers the sender only when a feature asks.
      bot.use(botContextMiddleware(deps, logger));
      options.install(bot);

      const parts: WorkerParts = { config, logger, deps, telegram, publisher };
      const handler = createUpdateHandler(
        bot,
        deps,
        new HandledJobs(outgoingRedis, config.REDIS_PREFIX),
        options.ownMessages?.(parts),
      );
      balancer = await startConsumers({
        config,
        logger,
        broker,
        publisher,
        redis: outgoingRedis,
        queues: options.queues,
        handler,
        // A message that failed while something it needs is down is held, its attempts unspent,
        // until that is back: the servers, and Telegram (asked with getMe while it looks
        // unreachable), so an outage of the Bot API delays replies instead of dead-lettering them.
        dependenciesDown: async () => {
          const down = await serversDown();
          if (await reachability.isDown(() => telegram.getMe())) down.push('telegram');
          return down;
        },
        metrics: workerMetrics,
        onFailedForGood: notices.onFailedForGood,
        consumers,
      });
      background = options.background?.(parts) ?? [];
      for (const part of background) part.start();
      logger.info('worker ready', {
        bot: botInfo.username,
        queues: options.queues,
        health_port: health.port,
        admin_port: admin.port,
      });
    },

    async stop() {
      // A start still waiting for Telegram gives up first, so it starts nothing more.
      startup.stop();
      await Promise.all(background.map((part) => part.stop()));
      await balancer?.stop();
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      // No failure comes any more; notices on their way get a moment, before Redis goes.
      await failureNotices?.stop();
      await health?.close();
      await admin?.close();
      await broker?.close().catch((error: unknown) => logger.warn('broker close failed', { error }));
      redis?.disconnect();
      if (dataSource?.isInitialized) await dataSource.destroy();
    },
  };
}
