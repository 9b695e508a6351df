import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares the secret header with the configured secret in constant time: both sides are hashed
 * first, so neither the content nor the length of the secret leaks through timing.
 */
export function secretMatches(expected: string, received: string | undefined): boolean {
  if (received === undefined) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(received).digest();
  return timingSafeEqual(a, b);
}
