import { hash, timingSafeEqual } from 'node:crypto';

const digestOf = (text: string): Buffer => hash('sha256', text, 'buffer');

/**
 * A check of the secret header against the configured secret, in constant time: both sides are
 * hashed, so neither the content nor the length of the secret leaks through timing. The configured
 * secret is hashed once here, the header on every call.
 */
export function secretMatcher(expected: string): (received: string | undefined) => boolean {
  const expectedDigest = digestOf(expected);
  return (received) => received !== undefined && timingSafeEqual(expectedDigest, digestOf(received));
}

export const MIN_SECRET_LENGTH = 32;
const MIN_DISTINCT_CHARACTERS = 8;

/** The shortest unit the secret is a repetition of (its own length when it repeats nothing). */
function repeatingUnit(secret: string): number {
  for (let unit = 1; unit <= secret.length / 2; unit += 1) {
    if (secret.length % unit === 0 && secret.slice(unit) === secret.slice(0, -unit)) return unit;
  }
  return secret.length;
}

/**
 * Why a webhook secret is too weak to guard a public webhook, or undefined when it is strong
 * enough: at least 32 characters, at least 8 different ones, and not one short piece repeated
 * ("abcabcabc..."). A random secret (`openssl rand -hex 32`) always passes.
 */
export function weakSecretReason(secret: string): string | undefined {
  if (secret.length < MIN_SECRET_LENGTH) {
    return `must be at least ${MIN_SECRET_LENGTH} characters (it has ${secret.length})`;
  }
  if (new Set(secret).size < MIN_DISTINCT_CHARACTERS || repeatingUnit(secret) < secret.length) {
    return 'is too repetitive to be secret';
  }
  return undefined;
}
