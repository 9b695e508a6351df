import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { isWorthRetrying } from '@taskbot/db/connection-errors';
import type { createDataSource } from '@taskbot/db/data-source';
import { openDatabase } from '@taskbot/db/open-database';
import { languageOf } from '@taskbot/domain/language';
import type { Logger } from '@taskbot/logger/logger';
import { Broker } from '@taskbot/messaging/broker';
import { Consumer } from '@taskbot/messaging/consumer';
import { HandledJobs } from '@taskbot/messaging/handled-jobs';
import { messageKey } from '@taskbot/messaging/message-key';
import { PartitionBalancer } from '@taskbot/messaging/partition-balancer';
import { Publisher } from '@taskbot/messaging/publisher';
import { topology, type WorkQueue } from '@taskbot/messaging/topology';
import { createMetricsRegistry, metricsRoute } from '@taskbot/metrics/registry';
import { createTelegramMetrics } from '@taskbot/metrics/telegram-metrics';
import { createWorkerMetrics } from '@taskbot/metrics/worker-metrics';
import { type AdminServer, startAdminServer } from '@taskbot/runtime/admin-server';
import { BackgroundTasks } from '@taskbot/runtime/background-tasks';
import { type HealthServer, startHealthServer } from '@taskbot/runtime/health-server';
import { retryWithBackoff } from '@taskbot/runtime/retry';
import type { Service } from '@taskbot/runtime/service';
import { configuredBotInfo, createBot } from '@taskbot/telegram/bot';
import { createTelegramClient } from '@taskbot/telegram/client';
import { TelegramReachability } from '@taskbot/telegram/telegram-reachability';
import { Redis } from 'ioredis';
import type { Telegraf } from 'telegraf';
import { BotContext, createWorkerDeps } from './bot-context';
import { registerCommandsMenu } from './commands-menu';
import type { WorkerConfig } from './config';
import { FailureNotices } from './failure-notices';
import { OwnMessages } from './own-messages';
import { Scheduler } from './scheduler';
import { senderMiddleware } from './sender';
import { createUpdateHandler } from './update-handler';

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
   * This worker finds due reminders and digests (the scheduler) and sends them (its queues must
   * include `telegram`, where they travel). One kind of worker does it: the command worker.
   */
  sendsReminders?: boolean;
}

/**
 * A worker's composition root. Start order: database, Redis, the broker, then the probes (so an
 * operator sees the worker and why it waits), then the bot's identity (configured, or from getMe,
 * waited for without exiting however long Telegram fails), and consumers last, so no message is
 * taken before everything it needs is there. No call to Telegram can end the start: the menu is
 * set in the background. Stop runs in reverse: consumers first (finish the messages in hand), then
 * the probes, the broker and the database.
 */
export function createWorker(options: WorkerOptions): Service {
  if (options.sendsReminders && !options.queues.includes('telegram')) {
    throw new Error('a worker that sends reminders must take the telegram queue they travel on');
  }
  const { config, logger } = options;
  let dataSource: ReturnType<typeof createDataSource> | undefined;
  let broker: Broker | undefined;
  const consumers: Consumer[] = [];
  let health: HealthServer | undefined;
  let balancer: PartitionBalancer | undefined;
  let redis: Redis | undefined;
  let scheduler: Scheduler | undefined;
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
      // Send-once records and flood limits; without the offline queue a call fails at once while
      // Redis is down instead of hanging the job.
      const outgoingRedis = new Redis(config.REDIS_URL, {
        lazyConnect: false,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        // Commands issued in the same tick (many jobs run at once) go out in one write.
        enableAutoPipelining: true,
        // Back within half a second of Redis: jobs held during its outage go on, records get written.
        retryStrategy: (times) => Math.min(times * 50, 500),
      });
      outgoingRedis.on('error', (error: Error) => logger.warn('redis error', { error: error.message }));
      redis = outgoingRedis;
      const deps = createWorkerDeps(dataSource, outgoingRedis, {
        redisPrefix: config.REDIS_PREFIX,
        defaultTimeZone: config.DEFAULT_TIME_ZONE,
        defaultLeadMinutes: config.DEFAULT_REMINDER_LEAD_MINUTES,
        adminCacheSeconds: config.ADMIN_STATUS_CACHE_SECONDS,
      });
      const reachability = new TelegramReachability(logger, telegramMetrics, telegramMetrics.reachable);
      const telegram = createTelegramClient({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        redis: outgoingRedis,
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
      bot.use((ctx, next) => {
        ctx.deps = deps;
        ctx.lang = languageOf(ctx.from?.language_code);
        ctx.log = logger.child({
          update_id: ctx.update.update_id,
          chat_id: ctx.chat?.id,
          user_id: ctx.from?.id,
        });
        return next();
      });
      // Here rather than in each app's install: mounted once for every bot the workers run, after
      // ctx.deps is set and before any feature, which registers the sender only when it asks.
      bot.use(senderMiddleware);
      options.install(bot);

      const { reminders } = deps;
      const ownMessages = options.sendsReminders
        ? new OwnMessages({
            reminders,
            users: deps.users,
            chats: deps.chats,
            telegram,
            logger,
            defaultTimeZone: config.DEFAULT_TIME_ZONE,
          })
        : undefined;
      const handler = createUpdateHandler(
        bot,
        deps,
        new HandledJobs(outgoingRedis, config.REDIS_PREFIX),
        ownMessages,
      );
      // A message that failed while something it needs is down is held, its attempts unspent, until
      // that is back: the servers, and Telegram (asked with getMe while it looks unreachable), so an
      // outage of the Bot API delays replies instead of dead-lettering them.
      const dependenciesDown = async () => {
        const down = await serversDown();
        if (await reachability.isDown(() => telegram.getMe())) down.push('telegram');
        return down;
      };
      // Every worker subscribes to every partition of its kinds; the broker feeds each partition to
      // one of them at a time (single active consumer) and fails over when one goes away.
      // WORKER_PREFETCH is what a worker holds of one kind of work at once, shared by its partitions.
      const perPartition = Math.max(1, Math.ceil(config.WORKER_PREFETCH / broker.layout.partitions));
      for (const kind of options.queues) {
        for (const queue of broker.layout.partitionQueues(kind)) {
          consumers.push(
            await Consumer.start(broker, publisher, {
              queue,
              deadLetterKey: broker.layout.queues[kind],
              prefetch: perPartition,
              retryDelaysMs: config.RETRY_DELAYS_MS,
              handler,
              keyOf: messageKey,
              logger,
              dependenciesDown,
              observer: workerMetrics.observer(kind),
              onFailedForGood: notices.onFailedForGood,
            }),
          );
        }
      }
      balancer = new PartitionBalancer({
        redis: outgoingRedis,
        groupKey: `${config.REDIS_PREFIX}workers:${options.queues.join('+')}`,
        memberId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
        consumers,
        logger,
        intervalMs: config.PARTITION_BALANCE_INTERVAL_MS,
      });
      balancer.start();
      // The worker that sends reminders and digests also looks for them: once its consumers run,
      // and it stops looking before they stop.
      if (options.sendsReminders) {
        scheduler = new Scheduler({
          reminders,
          publisher,
          logger,
          intervalMs: config.SCHEDULER_INTERVAL_MS,
          defaultTimeZone: config.DEFAULT_TIME_ZONE,
        });
        scheduler.start();
      }
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
      // Stop finding reminders first: what it publishes now would only wait for the next start.
      await scheduler?.stop();
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
