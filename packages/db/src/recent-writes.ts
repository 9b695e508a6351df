/**
 * Remembers, for a while, which rows this process wrote with which content, so a write that would
 * change nothing is skipped. The keys carry the content (a fingerprint), so a changed row never
 * matches. Bounded: the oldest entries go first once `max` is reached.
 *
 * What a skip can miss: another process changing the same row in between (a person renamed back
 * and forth within `ttlMs`, seen by two replicas). For the descriptive fields this is used for
 * (names, titles) that is harmless and heals within `ttlMs`.
 */
export class RecentWrites {
  private readonly writtenAt = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `key` was written within the last `ttlMs`. */
  has(key: string): boolean {
    const at = this.writtenAt.get(key);
    if (at === undefined) return false;
    if (this.now() - at < this.ttlMs) return true;
    this.writtenAt.delete(key);
    return false;
  }

  add(key: string): void {
    this.writtenAt.delete(key);
    this.writtenAt.set(key, this.now());
    if (this.writtenAt.size > this.max) {
      const oldest = this.writtenAt.keys().next().value;
      if (oldest !== undefined) this.writtenAt.delete(oldest);
    }
  }

  forget(key: string): void {
    this.writtenAt.delete(key);
  }

  clear(): void {
    this.writtenAt.clear();
  }
}
