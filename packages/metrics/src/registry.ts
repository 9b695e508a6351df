import type http from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';

export type { Registry } from 'prom-client';

/**
 * One registry per service: every metric carries `service`, and the process metrics of Node.js
 * (CPU, memory, event loop lag, handles) come with it. Metrics are registered on it, never on
 * prom-client's global registry, so tests and several services in one process stay apart.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Sends the registry in Prometheus' text format. */
export async function sendMetrics(registry: Registry, res: http.ServerResponse): Promise<void> {
  const body = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(body);
}

/** The admin listener's `GET /metrics`. */
export function metricsRoute(registry: Registry) {
  return {
    method: 'GET' as const,
    path: '/metrics',
    handle: (_req: http.IncomingMessage, res: http.ServerResponse) => sendMetrics(registry, res),
  };
}
