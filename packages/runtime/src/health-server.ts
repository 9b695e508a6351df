import http from 'node:http';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The probes of a service without an HTTP API of its own (the workers): `GET /healthz` answers
 * while the process runs, `GET /readyz` answers 200 only when `readiness()` names nothing down.
 * Both report `details()` too: facts an operator wants that do not decide readiness.
 */
export async function startHealthServer(
  port: number,
  readiness: () => Promise<string[]>,
  /** Facts reported in both probes that do not decide readiness (whether Telegram answers). */
  details: () => Record<string, unknown> = () => ({}),
): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return send(405, { error: 'method not allowed' });
    if (req.url === '/healthz') return send(200, { status: 'ok', ...details() });
    if (req.url === '/readyz') {
      readiness().then(
        (down) =>
          send(down.length === 0 ? 200 : 503, {
            status: down.length === 0 ? 'ready' : 'not ready',
            down,
            ...details(),
          }),
        (error: unknown) => send(503, { status: 'not ready', down: [String(error)], ...details() }),
      );
      return;
    }
    send(404, { error: 'not found' });
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
