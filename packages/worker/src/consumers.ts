import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '@taskbot/logger/logger';
import type { Broker } from '@taskbot/messaging/broker';
import { Consumer, type FailedForGoodListener, type MessageHandler } from '@taskbot/messaging/consumer';
import { messageKey } from '@taskbot/messaging/message-key';
import { PartitionBalancer } from '@taskbot/messaging/partition-balancer';
import type { Publisher } from '@taskbot/messaging/publisher';
import type { WorkQueue } from '@taskbot/messaging/topology';
import type { createWorkerMetrics } from '@taskbot/metrics/worker-metrics';
import type { Redis } from 'ioredis';
import type { WorkerConfig } from './config';

export interface ConsumerSetOptions {
  config: WorkerConfig;
  logger: Logger;
  broker: Broker;
  publisher: Publisher;
  redis: Redis;
  queues: WorkQueue[];
  handler: MessageHandler;
  dependenciesDown(): Promise<string[]>;
  metrics: ReturnType<typeof createWorkerMetrics>;
  onFailedForGood: FailedForGoodListener;
  /** Filled as each consumer starts, so the probes see them at once. */
  consumers: Consumer[];
}

/**
 * Every worker subscribes to every partition of its kinds; the broker feeds each partition to one
 * of them at a time (single active consumer) and fails over when one goes away. The balancer then
 * hands partitions over so the replicas share them. WORKER_PREFETCH is what a worker holds of one
 * kind of work at once, shared by its partitions.
 */
export async function startConsumers(options: ConsumerSetOptions): Promise<PartitionBalancer> {
  const { config, broker, consumers } = options;
  const perPartition = Math.max(1, Math.ceil(config.WORKER_PREFETCH / broker.layout.partitions));
  for (const kind of options.queues) {
    for (const queue of broker.layout.partitionQueues(kind)) {
      consumers.push(
        await Consumer.start(broker, options.publisher, {
          queue,
          deadLetterKey: broker.layout.queues[kind],
          prefetch: perPartition,
          retryDelaysMs: config.RETRY_DELAYS_MS,
          handler: options.handler,
          keyOf: messageKey,
          logger: options.logger,
          dependenciesDown: options.dependenciesDown,
          observer: options.metrics.observer(kind),
          onFailedForGood: options.onFailedForGood,
        }),
      );
    }
  }
  const balancer = new PartitionBalancer({
    redis: options.redis,
    groupKey: `${config.REDIS_PREFIX}workers:${options.queues.join('+')}`,
    memberId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    consumers,
    logger: options.logger,
    intervalMs: config.PARTITION_BALANCE_INTERVAL_MS,
  });
  balancer.start();
  return balancer;
}
