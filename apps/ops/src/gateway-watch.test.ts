import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayWatch, sumOfMetric } from './gateway-watch';

const TOKEN = 'ops-admin-token-0123456789';

/** A gateway's admin listener that answers with its own count and lines, for the token only. */
async function fakeGateway(published: number, warning: string) {
  const server = http.createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401).end();
    if (req.url === '/metrics') {
      return res.end(
        [
          '# TYPE taskbot_gateway_updates_published_total counter',
          `taskbot_gateway_updates_published_total{route="command",service="gateway"} ${published - 1}`,
          'taskbot_gateway_updates_published_total{route="callback",service="gateway"} 1',
          'taskbot_gateway_updates_received_total{service="gateway"} 999',
        ].join('\n'),
      );
    }
    if (req.url === '/recent-lines') {
      const line = {
        level: 'warn',
        message: warning,
        timestamp: `2026-01-0${published}T00:00:00Z`,
        fields: {},
      };
      return res.end(JSON.stringify({ lines: [line] }));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

describe("the gateway's figures for the operations page", () => {
  it('adds up the samples of one metric and nothing else', () => {
    const text = 'a_total{x="1"} 2\na_total{x="2"} 3.5\na_total_other 100\n# a_total 7\na_total 1';
    expect(sumOfMetric(text, 'a_total')).toBe(6.5);
    expect(sumOfMetric(text, 'missing')).toBe(0);
  });

  it('asks every replica behind the host name and adds their counts; their lines come merged', async () => {
    const first = await fakeGateway(3, 'first replica');
    const second = await fakeGateway(5, 'second replica');
    try {
      // Both replicas listen on loopback; the resolver names two addresses of one port each.
      const ports = new Map([
        ['127.0.0.1', first.port],
        ['127.0.0.2', second.port],
      ]);
      const watch = new GatewayWatch({
        url: 'http://gateway-admin:1',
        token: TOKEN,
        resolve: async () => [...ports.keys()],
      });
      const original = globalThis.fetch;
      // Each address of the host gets its replica's port (one fake host per replica here).
      globalThis.fetch = ((input: URL, init?: RequestInit) => {
        const url = new URL(input);
        url.port = String(ports.get(url.hostname));
        url.hostname = '127.0.0.1';
        return original(url, init);
      }) as typeof fetch;
      try {
        expect(await watch.publishedTotal()).toBe(8);
        expect((await watch.recentLines()).map((line) => line.message)).toEqual([
          'first replica',
          'second replica',
        ]);
      } finally {
        globalThis.fetch = original;
      }
    } finally {
      first.close();
      second.close();
    }
  });

  it('fails with the reason when no replica answers, and never sends a token it was not given', async () => {
    const gateway = await fakeGateway(2, 'x');
    try {
      const noToken = new GatewayWatch({ url: `http://127.0.0.1:${gateway.port}`, token: undefined });
      await expect(noToken.publishedTotal()).rejects.toThrow(/no gateway answered at .*answered 401/);
      const withToken = new GatewayWatch({ url: `http://127.0.0.1:${gateway.port}`, token: TOKEN });
      expect(await withToken.publishedTotal()).toBe(2);
    } finally {
      gateway.close();
    }
  });
});
