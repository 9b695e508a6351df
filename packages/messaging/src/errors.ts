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
