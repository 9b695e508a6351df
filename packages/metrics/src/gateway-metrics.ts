import { Counter, Histogram, type Registry } from 'prom-client';

/** Why the gateway refused an update (the `reason` label). */
export type RejectReason = 'secret' | 'body_too_large' | 'invalid_json' | 'invalid_update' | 'unavailable';

const WEBHOOK_ANSWER_SECONDS = 'taskbot_gateway_webhook_answer_seconds';

/** From a publish confirmed by an idle broker on the same host (under a millisecond) to one in trouble. */
const WEBHOOK_ANSWER_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Told how long the webhook took to answer a request, and with which HTTP status. */
export type WebhookAnswered = (status: number, seconds: number) => void;

/**
 * The webhook's answer time, from the request reaching the route to the answer written (the
 * broker's publish confirm included), by status: the figure behind "the webhook answers at once".
 * One histogram per registry, made by whichever asks first (the gateway's metrics or its HTTP
 * server), so the server needs only the registry it already serves /metrics from.
 */
export function webhookAnswerTimer(registry: Registry): WebhookAnswered {
  const histogram =
    (registry.getSingleMetric(WEBHOOK_ANSWER_SECONDS) as Histogram<'status'> | undefined) ??
    new Histogram({
      name: WEBHOOK_ANSWER_SECONDS,
      help: 'Time from a webhook request reaching the route to its answer written, by HTTP status',
      labelNames: ['status'],
      buckets: WEBHOOK_ANSWER_BUCKETS,
      registers: [registry],
    });
  // The route answers a handful of statuses; each one's child is made once, not per request.
  const byStatus = new Map<number, Histogram.Internal<'status'>>();
  return (status, seconds) => {
    let child = byStatus.get(status);
    if (!child) {
      child = histogram.labels(String(status));
      byStatus.set(status, child);
    }
    child.observe(seconds);
  };
}

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
  // Made here too, so /metrics shows the histogram (empty) before the first request.
  webhookAnswerTimer(registry);
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
