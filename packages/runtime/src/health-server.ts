import http from 'node:http';
import { answerProbe, PROBE_PATHS } from './probes';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The probes of a service without an HTTP API of its own (the workers, the ops app) on a port of
 * their own: `/healthz` and `/readyz` as `answerProbe` answers them, without a token, so the
 * orchestrator can ask.
 */
export async function startHealthServer(
  port: number,
  readiness: () => Promise<string[]>,
  /** Facts reported in both probes that do not decide readiness (whether Telegram answers). */
  details: () => Record<string, unknown> = () => ({}),
): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    const probe = (PROBE_PATHS as readonly string[]).includes((req.url ?? '').split('?')[0] ?? '');
    if (probe && req.method !== 'GET') {
      res.writeHead(405, { 'content-type': 'application/json' }).end('{"error":"method not allowed"}');
      return;
    }
    if (!answerProbe({ readiness, details }, req, res)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
