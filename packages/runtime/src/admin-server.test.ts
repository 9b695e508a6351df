import http from 'node:http';
import { PassThrough } from 'node:stream';
import { createLogger } from '@taskbot/logger/logger';
import { ADMIN_REQUEST_HEADER, type AdminServer, startAdminServer } from './admin-server';
import { bearerToken, tokenMatches } from './admin-token';

const TOKEN = 'admin-token-0123456789abcdef';

function capture() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().trim().split('\n')));
  return { logger: createLogger({ service: 'admin-test', stream }), lines };
}

const routes = [
  {
    method: 'GET' as const,
    path: '/metrics',
    handle: (_q: unknown, res: http.ServerResponse) => res.end('m 1'),
  },
  {
    method: 'GET' as const,
    path: '/',
    page: true,
    handle: (_q: unknown, res: http.ServerResponse) => res.end('page'),
  },
  {
    method: 'POST' as const,
    path: /^\/jobs\/([0-9a-f]+)\/retry$/,
    handle: (_q: unknown, res: http.ServerResponse, [id]: string[]) => res.end(`retried ${id}`),
  },
];

describe('the admin token', () => {
  it('matches only the same token', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN, `${TOKEN}x`)).toBe(false);
    expect(tokenMatches(TOKEN, '')).toBe(false);
    expect(tokenMatches(TOKEN, undefined)).toBe(false);
  });

  it('is read from a Bearer header only', () => {
    const req = (authorization?: string) => ({ headers: { authorization } }) as never;
    expect(bearerToken(req(`Bearer ${TOKEN}`))).toBe(TOKEN);
    expect(bearerToken(req(`bearer   ${TOKEN} `))).toBe(TOKEN);
    expect(bearerToken(req(`Basic ${TOKEN}`))).toBeUndefined();
    expect(bearerToken(req())).toBeUndefined();
  });
});

describe('the admin listener with ADMIN_TOKEN', () => {
  let server: AdminServer;
  let base: string;
  const { logger, lines } = capture();

  beforeAll(async () => {
    server = await startAdminServer({ port: 0, token: TOKEN, routes, logger });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.close());

  const bearer = { authorization: `Bearer ${TOKEN}` };

  it('listens on every interface and says so', () => {
    expect(server.host).toBe('0.0.0.0');
    expect(lines.some((line) => line.includes('"message":"admin listener"'))).toBe(true);
  });

  it('answers 401 without the token or with a wrong one, and serves with it', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-0000000000' } }))
        .status,
    ).toBe(401);
    const ok = await fetch(`${base}/metrics`, { headers: bearer });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('m 1');
  });

  it('takes ?token= for pages only', async () => {
    expect((await fetch(`${base}/?token=${TOKEN}`)).status).toBe(200);
    expect((await fetch(`${base}/metrics?token=${TOKEN}`)).status).toBe(401);
  });

  it('lets a POST through only with the Bearer header and the admin header', async () => {
    const url = `${base}/jobs/abc123/retry`;
    expect(
      (await fetch(`${url}?token=${TOKEN}`, { method: 'POST', headers: { [ADMIN_REQUEST_HEADER]: '1' } }))
        .status,
    ).toBe(401);
    expect((await fetch(url, { method: 'POST', headers: bearer })).status).toBe(403);
    const ok = await fetch(url, { method: 'POST', headers: { ...bearer, [ADMIN_REQUEST_HEADER]: '1' } });
    expect(await ok.text()).toBe('retried abc123');
  });

  it('answers 404 for unknown paths and 405 for a wrong method', async () => {
    expect((await fetch(`${base}/nothing`, { headers: bearer })).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST', headers: bearer })).status).toBe(405);
  });
});

describe('the admin listener without ADMIN_TOKEN', () => {
  it('binds 127.0.0.1 only, says so, and refuses a foreign Host', async () => {
    const { logger, lines } = capture();
    const server = await startAdminServer({ port: 0, token: undefined, routes, logger });
    try {
      expect(server.host).toBe('127.0.0.1');
      expect(lines.join('\n')).toContain('admin listener without ADMIN_TOKEN: listening on 127.0.0.1 only');
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(200);
      const status = await new Promise<number | undefined>((resolve, reject) => {
        http
          .get(
            { port: server.port, host: '127.0.0.1', path: '/metrics', headers: { host: 'evil.example' } },
            (res) => {
              res.resume();
              resolve(res.statusCode);
            },
          )
          .on('error', reject);
      });
      expect(status).toBe(403);
    } finally {
      await server.close();
    }
  });
});
