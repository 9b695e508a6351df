/**
 * Remembers, for a while, which rows this process wrote with which content, so a write that would
 * change nothing is skipped. The keys carry the content (a fingerprint), so a changed row never
 * matches. Bounded: the oldest entries go first once `max` is reached.
 *
 * What a skip can miss: another process changing the same row in between (a person renamed back
 * and forth within `ttlMs`, seen by two replicas). For the descriptive fields this is used for
 * (names, titles) that is harmless and heals within `ttlMs`.
 *
 * The keys hold what people typed (names, titles), so they are bounded three ways: by count
 * (`max`), by their total size (`maxBytes`: long names cannot grow the process past it), and by age
 * (entries older than `ttlMs` leave as later writes come, not only when read again).
 */
export class RecentWrites {
  private readonly writtenAt = new Map<string, number>();
  private bytes = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
    /** Total size of the keys kept, counted as UTF-16 (two bytes a code unit). */
    private readonly maxBytes = 16 * 1024 * 1024,
  ) {}

  /** How many keys are kept and their total size, for tests and metrics. */
  get size(): { keys: number; bytes: number } {
    return { keys: this.writtenAt.size, bytes: this.bytes };
  }

  /** Whether `key` was written within the last `ttlMs`. */
  has(key: string): boolean {
    const at = this.writtenAt.get(key);
    if (at === undefined) return false;
    if (this.now() - at < this.ttlMs) return true;
    this.forget(key);
    return false;
  }

  add(key: string): void {
    const now = this.now();
    this.forget(key);
    this.writtenAt.set(key, now);
    this.bytes += key.length * 2;
    // The map keeps write order, so the oldest entries are at its head.
    for (const [oldest, at] of this.writtenAt) {
      const tooMany = this.writtenAt.size > this.max || this.bytes > this.maxBytes;
      if (!tooMany && now - at < this.ttlMs) break;
      if (oldest === key) break;
      this.forget(oldest);
    }
  }

  forget(key: string): void {
    if (this.writtenAt.delete(key)) this.bytes -= key.length * 2;
  }

  clear(): void {
    this.writtenAt.clear();
    this.bytes = 0;
  }
}
