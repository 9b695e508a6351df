import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerProbe, type Probes } from './probes';

/** A listener that answers the probes and 418 to everything else, as a service's own routes would. */
async function serve(probes: Probes) {
  const server = http.createServer((req, res) => {
    if (!answerProbe(probes, req, res)) res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe('the probes every service answers', () => {
  it('says not ready, naming the cause, when the readiness check itself fails', async () => {
    const server = await serve({
      readiness: async () => {
        throw new Error('checking failed');
      },
    });
    try {
      const ready = await fetch(`${server.base}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not ready', down: ['Error: checking failed'] });
      expect(ready.headers.get('cache-control')).toBe('no-store');
      expect((await fetch(`${server.base}/healthz?verbose=1`)).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('leaves every other path to the service', async () => {
    const server = await serve({ readiness: async () => [] });
    try {
      expect((await fetch(`${server.base}/metrics`)).status).toBe(418);
      expect((await fetch(`${server.base}/readyz/x`)).status).toBe(418);
    } finally {
      server.close();
    }
  });
});
