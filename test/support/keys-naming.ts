import type { Redis } from 'ioredis';

/**
 * Every key under `prefix` with the person's id as one of its `:`-separated parts: what /forget_me
 * must leave none of. Left out: the flood-control counts (`flood:...`), which forgetting leaves
 * alone on purpose (see packages/db/src/cache/PersonKeys.ts) and every reply to them makes again.
 */
export async function keysNaming(redis: Redis, prefix: string, id: number): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    const named = keys.filter((key) => key.slice(prefix.length).split(':').includes(String(id)));
    found.push(...named.filter((key) => !key.startsWith(`${prefix}flood:`)));
  } while (cursor !== '0');
  return found.sort();
}
