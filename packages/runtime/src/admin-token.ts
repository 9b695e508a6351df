import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

/**
 * Compares a presented token with ADMIN_TOKEN in constant time: both are hashed first, so neither
 * the content nor the length of the token leaks through timing.
 */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

/** The token of `Authorization: Bearer <token>`, if the request has one. */
export function bearerToken(req: http.IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export type Access = 'granted' | 'denied';

/**
 * Whether a request may use the admin listener. The Bearer header always works; `?token=` only where
 * `queryToken` allows it (pages opened in a browser, never a POST). Without ADMIN_TOKEN the listener
 * is bound to 127.0.0.1 and every local caller is let in.
 */
export function checkAccess(
  expected: string | undefined,
  req: http.IncomingMessage,
  url: URL,
  queryToken: boolean,
): Access {
  if (expected === undefined) return 'granted';
  if (tokenMatches(expected, bearerToken(req))) return 'granted';
  if (queryToken && req.method === 'GET') {
    const fromQuery = url.searchParams.get('token') ?? undefined;
    if (tokenMatches(expected, fromQuery)) return 'granted';
  }
  return 'denied';
}
