// What a lost or refused connection looks like, for every client the services use (PostgreSQL,
// MySQL/MariaDB, ioredis, Node's sockets): the one list. The database reads it to tell a server on
// its way up from a setting that waiting will not fix; the consumer reads it (through failureOf)
// to try a message again in place once the server is back.

/** Error codes of a server that is down, starting, stopping or busy, or of the network on the way. */
export const CONNECTION_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  // MySQL and MariaDB: the connection dropped, too many connections, the server is shutting down.
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  // PostgreSQL: too_many_connections, admin_shutdown, crash_shutdown, cannot_connect_now (starting).
  '53300',
  '57P01',
  '57P02',
  '57P03',
]);

/**
 * The same failures said in words only, by clients that set no code: pg's "Connection terminated",
 * ioredis's "Connection is closed" and "Stream isn't writeable" (no offline queue), a TLS socket.
 */
const CONNECTION_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|Connection is closed|connection lost|Stream isn't writeable|Client network socket disconnected/i;

export const isConnectionErrorCode = (code: string): boolean => CONNECTION_ERROR_CODES.has(code);

/**
 * True when a failure comes from losing a connection to a server (the database, Redis, the Bot
 * API) rather than from the work itself; looks through `cause` a few levels down.
 */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
  if (CONNECTION_MESSAGE.test(error.message)) return true;
  return isConnectionError((error as { cause?: unknown }).cause, depth + 1);
}
