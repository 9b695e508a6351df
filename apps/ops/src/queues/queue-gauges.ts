import { Gauge, type Registry } from 'prom-client';
import type { QueueStats } from './queue-inspector';

/** Queue depths and consumers as gauges, set from each sample of the queues. */
export function createQueueGauges(registry: Registry) {
  const registers = [registry];
  const messages = new Gauge({
    name: 'taskbot_queue_messages',
    help: 'Messages ready in a queue, by queue and role (work, retry, dead)',
    labelNames: ['queue', 'role'],
    registers,
  });
  const consumers = new Gauge({
    name: 'taskbot_queue_consumers',
    help: 'Consumers subscribed to a queue',
    labelNames: ['queue', 'role'],
    registers,
  });
  return {
    set(stats: QueueStats[]) {
      for (const queue of stats) {
        const labels = { queue: queue.name, role: queue.role };
        messages.set(labels, queue.messages);
        consumers.set(labels, queue.consumers);
      }
    },
  };
}
