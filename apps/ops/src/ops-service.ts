import { describeError } from '@taskbot/errors/failure';
import type { Logger } from '@taskbot/logger/logger';
import type { RecentLine, RecentLines } from '@taskbot/logger/recent-lines';
import { Broker } from '@taskbot/messaging/broker';
import { FailedJobs } from '@taskbot/messaging/failed-jobs';
import { Publisher } from '@taskbot/messaging/publisher';
import { topology } from '@taskbot/messaging/topology';
import { createMetricsRegistry, metricsRoute } from '@taskbot/metrics/registry';
import { type AdminServer, startAdminServer } from '@taskbot/runtime/admin-server';
import { type HealthServer, startHealthServer } from '@taskbot/runtime/health-server';
import type { Service } from '@taskbot/runtime/service';
import type { OpsConfig } from './config';
import { GatewayWatch } from './gateway-watch';
import { opsRoutes } from './page/ops-routes';
import { QueueSampler } from './page/queue-sampler';
import { createQueueGauges } from './queues/queue-gauges';
import { QueueInspector, watchedQueues } from './queues/queue-inspector';

const KEPT_LINES = 50;

/**
 * The ops app's composition root: the operations page as a service of its own, apart from the
 * gateway that takes Telegram's traffic. Start order: the broker, then the probes (ready once the
 * broker is), then the sampler, then the admin listener that serves what the sampler gathers.
 * Stop runs in reverse: the listener first, so no job action starts on a closing broker.
 */
export function createOpsService(
  config: OpsConfig,
  logger: Logger,
  /** This app's own latest warnings and errors, shown beside the gateway's. */
  observability: { recentLines?: RecentLines } = {},
): Service & { adminPort(): number | undefined; healthPort(): number | undefined } {
  const registry = createMetricsRegistry('ops');
  const gauges = createQueueGauges(registry);
  const gateway = new GatewayWatch({ url: config.OPS_GATEWAY_ADMIN_URL, token: config.ADMIN_TOKEN });
  let broker: Broker | undefined;
  let inspector: QueueInspector | undefined;
  let sampler: QueueSampler | undefined;
  let health: HealthServer | undefined;
  let admin: AdminServer | undefined;

  const recentLines = async (): Promise<RecentLine[]> => {
    const own = observability.recentLines?.list() ?? [];
    const theirs = await gateway.recentLines().catch((error: unknown): RecentLine[] => [
      {
        level: 'warn',
        message: "could not read the gateway's warnings and errors",
        timestamp: new Date().toISOString(),
        fields: { service: 'ops', error: describeError(error) },
      },
    ]);
    return [...own, ...theirs].sort((a, b) => a.timestamp.localeCompare(b.timestamp)).slice(-KEPT_LINES);
  };

  return {
    adminPort: () => admin?.port,
    healthPort: () => health?.port,

    async start() {
      broker = await Broker.connect({
        url: config.RABBITMQ_URL,
        layout: topology(config.QUEUE_PREFIX, config.QUEUE_PARTITIONS),
        logger,
      });
      const connectedBroker = broker;
      const publisher = await Publisher.create(connectedBroker, logger);
      health = await startHealthServer(config.HEALTH_PORT, async () =>
        connectedBroker.isConnected && publisher.isReady ? [] : ['rabbitmq'],
      );
      inspector = await QueueInspector.open(connectedBroker);
      sampler = new QueueSampler({
        inspector,
        queues: watchedQueues(connectedBroker.layout, config.RETRY_DELAYS_MS),
        publishedTotal: () => gateway.publishedTotal(),
        onStats: (stats) => gauges.set(stats),
        logger,
        intervalMs: config.OPS_SAMPLE_INTERVAL_MS,
        capacity: 120,
      });
      sampler.start();
      admin = await startAdminServer({
        port: config.ADMIN_PORT ?? 9093,
        token: config.ADMIN_TOKEN,
        routes: [
          metricsRoute(registry),
          ...opsRoutes({
            sampler,
            failedJobs: await FailedJobs.open(connectedBroker, publisher),
            recentLines,
            logger,
          }),
        ],
        logger,
      });
      logger.info('operations page', { admin_port: admin.port, health_port: health.port });
    },

    async stop() {
      await admin?.close();
      await sampler?.stop();
      await inspector?.close();
      await health?.close();
      await broker?.close().catch((error: unknown) => logger.warn('broker close failed', { error }));
    },
  };
}
