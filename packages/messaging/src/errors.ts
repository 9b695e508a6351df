/**
 * A failure that another attempt cannot fix (invalid data, a refused request, a bug): the message
 * skips the retries and goes straight to its dead-letter queue.
 */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

/** The broker could not take a message (not connected, refused, or no confirm in time). */
export class BrokerUnavailableError extends Error {
  override name = 'BrokerUnavailableError';
}

export function isPermanent(error: unknown): boolean {
  return (
    error instanceof PermanentError ||
    (error instanceof Error && (error as { permanent?: boolean }).permanent === true)
  );
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  // PostgreSQL: the server is shutting down or restarting.
  '57P01',
  '57P02',
  '57P03',
]);
const CONNECTION_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|Connection is closed|connection lost|Stream isn't writeable|Client network socket disconnected|ledger unreachable/i;

/**
 * True when a failure comes from losing a connection to something the handler needs (the database,
 * Redis, the Bot API) rather than from the message itself: such a failure is worth trying again in
 * place, since the next attempt is likely to meet the server back.
 */
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  if (CONNECTION_MESSAGE.test(error.message)) return true;
  return isConnectionFailure((error as { cause?: unknown }).cause, depth + 1);
}
