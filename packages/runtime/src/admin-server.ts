import http from 'node:http';
import type { Logger } from '@taskbot/logger/logger';
import { checkAccess } from './admin-token';

export interface AdminRoute {
  method: 'GET' | 'POST';
  /** An exact path, or a pattern whose groups are handed to `handle`. */
  path: string | RegExp;
  /** A page opened in a browser: `?token=` is accepted as well as the Bearer header. */
  page?: boolean;
  handle(req: http.IncomingMessage, res: http.ServerResponse, params: string[]): unknown;
}

export interface AdminServerOptions {
  port: number;
  /** ADMIN_TOKEN; without it the listener binds 127.0.0.1 only and asks for nothing. */
  token: string | undefined;
  routes: AdminRoute[];
  logger: Logger;
}

export interface AdminServer {
  port: number;
  host: string;
  close(): Promise<void>;
}

/**
 * Header every POST must carry. A page of another site cannot send a custom header without a CORS
 * preflight, which this listener never grants, so no other site can make a browser press a button
 * here (the Bearer header, which POSTs need when ADMIN_TOKEN is set, cannot be sent either).
 */
export const ADMIN_REQUEST_HEADER = 'x-taskbot-admin';

const LOCAL_HOSTS = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}

/**
 * The admin listener of a service, apart from any public port: GET /metrics and, on the ops app,
 * the operations page. Every route needs ADMIN_TOKEN when one is set; without one the listener is
 * reachable from this machine only.
 */
export async function startAdminServer(options: AdminServerOptions): Promise<AdminServer> {
  const { token, routes, logger } = options;
  const host = token === undefined ? '127.0.0.1' : '0.0.0.0';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://admin.invalid');
    const matches = routes
      .map((route) => ({ route, params: matchPath(route.path, url.pathname) }))
      .filter((entry): entry is { route: AdminRoute; params: string[] } => entry.params !== undefined);
    const found = matches.find(({ route }) => route.method === req.method);
    if (!found) {
      send(res, matches.length > 0 ? 405 : 404, {
        error: matches.length > 0 ? 'method not allowed' : 'not found',
      });
      return;
    }
    // Without a token only this machine can reach us; a foreign Host means a rebinding attempt.
    if (token === undefined && !LOCAL_HOSTS.test(req.headers.host ?? '')) {
      send(res, 403, { error: 'forbidden' });
      return;
    }
    if (checkAccess(token, req, url, found.route.page === true) === 'denied') {
      res.setHeader('www-authenticate', 'Bearer realm="taskbot admin"');
      send(res, 401, { error: 'admin token required (Authorization: Bearer <ADMIN_TOKEN>)' });
      return;
    }
    if (req.method === 'POST' && req.headers[ADMIN_REQUEST_HEADER] !== '1') {
      send(res, 403, { error: `POST requests need the header ${ADMIN_REQUEST_HEADER}: 1` });
      return;
    }
    Promise.resolve()
      .then(() => found.route.handle(req, res, found.params))
      .catch((error: unknown) => {
        logger.error('admin request failed', { path: url.pathname, error });
        if (!res.headersSent) send(res, 500, { error: 'internal error' });
        else res.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  if (token === undefined) {
    logger.warn('admin listener without ADMIN_TOKEN: listening on 127.0.0.1 only', { admin_port: port });
  } else {
    logger.info('admin listener', { admin_port: port, host });
  }
  return {
    port,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function matchPath(path: string | RegExp, pathname: string): string[] | undefined {
  if (typeof path === 'string') return path === pathname ? [] : undefined;
  const match = path.exec(pathname);
  return match ? match.slice(1) : undefined;
}
