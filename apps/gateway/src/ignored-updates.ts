/**
 * Updates the gateway answered 200 and dropped because the bot does not use their kind, by kind.
 * Kinds are Telegram's names (or `unknown` for a payload field nobody knows), so the set of labels
 * stays small whatever callers send.
 */
export class IgnoredUpdates {
  private readonly counts = new Map<string, number>();

  /** `onIgnored` is told of each one too (a metrics counter, for one). */
  constructor(private readonly onIgnored?: (kind: string) => void) {}

  count(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.onIgnored?.(kind);
  }

  /** The counts so far, by kind; a copy, for metrics and tests. */
  byKind(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  total(): number {
    let sum = 0;
    for (const value of this.counts.values()) sum += value;
    return sum;
  }
}
