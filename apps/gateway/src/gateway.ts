import http from 'node:http';
import { ALLOWED_UPDATES } from '@taskbot/domain/updates';
import type { Logger } from '@taskbot/logger/logger';
import type { RecentLines } from '@taskbot/logger/recent-lines';
import { Broker } from '@taskbot/messaging/broker';
import { Publisher } from '@taskbot/messaging/publisher';
import { topology } from '@taskbot/messaging/topology';
import { createGatewayMetrics } from '@taskbot/metrics/gateway-metrics';
import { createMetricsRegistry, metricsRoute } from '@taskbot/metrics/registry';
import { createTelegramMetrics } from '@taskbot/metrics/telegram-metrics';
import { type AdminServer, startAdminServer } from '@taskbot/runtime/admin-server';
import { BackgroundTasks } from '@taskbot/runtime/background-tasks';
import type { Service } from '@taskbot/runtime/service';
import { createTelegramClient } from '@taskbot/telegram/client';
import { TelegramReachability } from '@taskbot/telegram/telegram-reachability';
import { Redis } from 'ioredis';
import { createBadSecretLimiter } from './bad-secret-limiter';
import type { GatewayConfig } from './config';
import { countedIntake } from './counted-intake';
import { IgnoredUpdates } from './ignored-updates';
import { createIntake } from './intake';
import { Poller } from './poller';
import { createUserRateLimiter } from './rate-limit';
import { recentLinesRoute } from './recent-lines-route';
import { createServer } from './server';

/**
 * The gateway's composition root. Start order: Redis and the broker first, then the HTTP listener,
 * then webhook registration or polling, so no update arrives before it can be published. Nothing
 * there waits for Telegram: its calls are retried in the background. Stop runs in reverse: stop
 * taking updates (polling, listener), then close the broker and Redis.
 */
export function createGateway(
  config: GatewayConfig,
  logger: Logger,
  /** The latest warnings and errors of the logger, for the operations page (the ops app asks). */
  observability: { recentLines?: RecentLines } = {},
): Service & { address(): string; ignoredUpdates: IgnoredUpdates } {
  const registry = createMetricsRegistry('gateway');
  const metrics = createGatewayMetrics(registry);
  const ignoredUpdates = new IgnoredUpdates((kind) => metrics.ignored(kind));
  let admin: AdminServer | undefined;
  let redis: Redis | undefined;
  let broker: Broker | undefined;
  let server: http.Server | undefined;
  let poller: Poller | undefined;
  const telegramMetrics = createTelegramMetrics(registry);
  // Calls to Telegram made at start, retried in the background until they succeed.
  const startup = new BackgroundTasks({ logger, observer: telegramMetrics.startupCall });
  const reachability = new TelegramReachability(logger, telegramMetrics, telegramMetrics.reachable);

  return {
    /** Updates dropped because the bot does not use their kind, by kind (for metrics). */
    ignoredUpdates,

    address() {
      const address = server?.address();
      return typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
    },

    async start() {
      redis = new Redis(config.REDIS_URL, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        // The per-user limit checks of the requests read in one turn of the event loop go out in
        // one write to Redis instead of one system call each.
        enableAutoPipelining: true,
        retryStrategy: (times) => Math.min(times * 50, 500),
      });
      redis.on('error', (error: Error) => logger.warn('redis error', { error: error.message }));
      broker = await Broker.connect({
        url: config.RABBITMQ_URL,
        layout: topology(config.QUEUE_PREFIX, config.QUEUE_PARTITIONS),
        logger,
      });
      const publisher = await Publisher.create(broker, logger);
      const limiter = createUserRateLimiter(redis, config.RATE_LIMIT_PER_MINUTE, config.REDIS_PREFIX);
      const intake = countedIntake(
        createIntake({ publisher, limiter, logger, ignored: ignoredUpdates }),
        metrics,
      );
      const connectedBroker = broker;
      const connectedRedis = redis;
      const app = createServer({
        logger,
        intake,
        webhookSecret: config.TELEGRAM_MODE === 'webhook' ? config.TELEGRAM_WEBHOOK_SECRET : undefined,
        bodyLimitBytes: config.WEBHOOK_BODY_LIMIT_BYTES,
        badSecretLimiter: createBadSecretLimiter(
          connectedRedis,
          config.BAD_SECRET_LIMIT_PER_MINUTE,
          config.REDIS_PREFIX,
        ),
        trustProxy: config.TRUST_PROXY,
        onRejected: (reason) => metrics.rejected(reason),
        metrics: registry,
        async readiness() {
          const down: string[] = [];
          if (!connectedBroker.isConnected || !publisher.isReady) down.push('rabbitmq');
          if (connectedRedis.status !== 'ready') down.push('redis');
          return down;
        },
        // Updates are taken whatever Telegram does; whether it answers is only reported.
        details: () => ({
          telegram: {
            reachable: reachability.isReachable ?? null,
            waiting_for: startup.pending.map((task) => task.name),
          },
        }),
      });
      server = await new Promise<http.Server>((resolve, reject) => {
        const listening = http.createServer(app).listen(config.PORT, () => resolve(listening));
        listening.once('error', reject);
      });
      // Telegram keeps webhook connections open; close idle ones promptly on stop.
      server.keepAliveTimeout = 65_000;
      logger.info('listening', { port: config.PORT, mode: config.TELEGRAM_MODE });

      // The admin listener, apart from the public port: metrics, and the latest warnings and errors
      // for the operations page (served by the ops app, which asks for them here).
      admin = await startAdminServer({
        port: config.ADMIN_PORT ?? 9090,
        token: config.ADMIN_TOKEN,
        routes: [metricsRoute(registry), recentLinesRoute(observability.recentLines)],
        logger,
      });

      const telegram = createTelegramClient({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        redis: connectedRedis,
        prefix: config.REDIS_PREFIX,
        logger,
        observer: reachability,
        callTimeoutMs: config.TELEGRAM_CALL_TIMEOUT_MS,
      });
      // Neither way of taking updates waits for Telegram: the listener already takes webhook
      // calls, and the registration (or the poller's webhook removal) is retried in the background.
      if (config.TELEGRAM_MODE === 'polling') {
        poller = new Poller(telegram, intake, logger, startup);
        poller.start();
      } else if (config.TELEGRAM_WEBHOOK_URL) {
        const url = config.TELEGRAM_WEBHOOK_URL;
        void startup
          .run('setWebhook', () =>
            telegram.setWebhook(url, {
              secret_token: config.TELEGRAM_WEBHOOK_SECRET,
              allowed_updates: [...ALLOWED_UPDATES],
            }),
          )
          .then((done) => done && logger.info('webhook registered', { url }));
      }
    },

    async stop() {
      startup.stop();
      await poller?.stop();
      await admin?.close();
      if (server) {
        const closing = server;
        await new Promise<void>((resolve) => {
          closing.close(() => resolve());
          closing.closeIdleConnections();
        });
      }
      await broker?.close().catch((error: unknown) => logger.warn('broker close failed', { error }));
      redis?.disconnect();
    },
  };
}
