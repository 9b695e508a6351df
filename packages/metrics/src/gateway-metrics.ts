import { Counter, type Registry } from 'prom-client';

/** Why the gateway refused an update (the `reason` label). */
export type RejectReason = 'secret' | 'body_too_large' | 'invalid_json' | 'invalid_update' | 'unavailable';

/** What the gateway counts of the updates coming in, by webhook or polling. */
export function createGatewayMetrics(registry: Registry) {
  const registers = [registry];
  const received = new Counter({
    name: 'taskbot_gateway_updates_received_total',
    help: 'Webhook requests and polled updates that reached the gateway',
    registers,
  });
  const published = new Counter({
    name: 'taskbot_gateway_updates_published_total',
    help: 'Updates RabbitMQ confirmed, by route (command, callback, other)',
    labelNames: ['route'],
    registers,
  });
  const rejected = new Counter({
    name: 'taskbot_gateway_updates_rejected_total',
    help: 'Requests refused, by reason (secret, body_too_large, invalid_json, invalid_update, unavailable)',
    labelNames: ['reason'],
    registers,
  });
  const rateLimited = new Counter({
    name: 'taskbot_gateway_updates_rate_limited_total',
    help: 'Updates dropped by the per-user limit',
    registers,
  });
  const ignored = new Counter({
    name: 'taskbot_gateway_updates_ignored_total',
    help: 'Updates of kinds the bot does not use, answered 200 and dropped, by kind',
    labelNames: ['kind'],
    registers,
  });
  return {
    received: () => received.inc(),
    published: (route: string) => published.inc({ route }),
    rejected: (reason: RejectReason) => rejected.inc({ reason }),
    rateLimited: () => rateLimited.inc(),
    ignored: (kind: string) => ignored.inc({ kind }),
    /** Updates published since start, all routes: the page's throughput in. */
    async publishedTotal(): Promise<number> {
      const { values } = await published.get();
      return values.reduce((sum, value) => sum + value.value, 0);
    },
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
