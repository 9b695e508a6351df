import type { Redis } from 'ioredis';

// The Redis keys that name a person, for /forget_me: every key builder that puts a user id (or the
// id of their private chat, which is the same number) into a key, with where it is built. A new
// key naming a person belongs here too; test/integration/forget-me.test.ts scans for any left.
//
// Left alone on purpose: `flood:chat:<id>`, the flood-control count of their private chat
// (packages/telegram/src/flood-control.ts), lives a second, or as long as Telegram asked the bot
// to wait (a 429); deleting it would break Telegram's limits, and the bot's answer makes it again.
const PATTERNS: ReadonlyArray<(id: string) => string> = [
  // ConversationStore: `<kind>:<chatId>:<userId>`: shown lists, undo history, open questions and
  // admin statuses in every chat; and everything of their private chat (`<kind>:<id>:...`),
  // including `undone:<id>:<updateId>`, the undo entries their /undo took there.
  (id) => `shown:*:${id}`,
  (id) => `undo:*:${id}`,
  (id) => `question:*:${id}`,
  (id) => `admin:*:${id}`,
  (id) => `shown:${id}:*`,
  (id) => `undo:${id}:*`,
  (id) => `question:${id}:*`,
  (id) => `undone:${id}:*`,
  // ReferenceCache: the projects of their private chat.
  (id) => `cache:projects:${id}`,
  // packages/worker/src/failure-notices.ts: their slot for "something failed" notices.
  (id) => `failure-notice:user:${id}`,
  // apps/gateway/src/rate-limit.ts (rate-limiter-flexible, `<keyPrefix>:<key>`): their update count.
  (id) => `limit:user:${id}`,
  // Their digests and rate-limit notices as jobs: handled marks (packages/messaging/src/
  // handled-jobs.ts) and reply-ledger records (packages/telegram/src/reply-ledger.ts), named by the
  // job keys of packages/reminders/src/own-messages.ts (digestJobKey) and apps/gateway/src/intake.ts.
  (id) => `handled:digest:${id}:*`,
  (id) => `sent:digest:${id}:*`,
  (id) => `handled:notice:*:${id}:*`,
  (id) => `sent:notice:*:${id}:*`,
];

/** Glob characters in the prefix match themselves only (SCAN's MATCH). */
function literalGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}

/** A pattern of PATTERNS (`*` the only wildcard) as a regular expression over whole keys. */
function patternRegExp(pattern: string): RegExp {
  const parts = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

export class PersonKeys {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Whether the key (with the prefix) is one of the person's. */
  names(userId: number, key: string): boolean {
    if (!key.startsWith(this.prefix)) return false;
    const rest = key.slice(this.prefix.length);
    return PATTERNS.some((pattern) => patternRegExp(pattern(String(userId))).test(rest));
  }

  /**
   * Deletes every key naming the person; returns how many there were. Safe to repeat. One SCAN
   * over the keys holding the id at all, each then checked against the patterns: a pass over the
   * keyspace per pattern would cost as many passes as there are patterns.
   */
  async erase(userId: number): Promise<number> {
    const match = `${literalGlob(this.prefix)}*${userId}*`;
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
      cursor = next;
      const theirs = keys.filter((key) => this.names(userId, key));
      if (theirs.length > 0) deleted += await this.redis.del(...theirs);
    } while (cursor !== '0');
    return deleted;
  }
}
