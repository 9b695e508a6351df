import type { Failure } from './failures';
import type { InjectedFailure } from './types';

/** The method pattern that matches every method, the ones the fake does not know included. */
export const EVERY_METHOD = '*';

interface Outage {
  failure: Failure;
  /** Date.now() at which it ends by itself; Infinity until recover(). */
  until: number;
}

// Telegram matches method names case-insensitively, and so do failures.
const keyOf = (method: string): string => method.toLowerCase();

/**
 * The failures waiting for calls, and which one a call meets. Two kinds:
 * - queued (failNext): each answers one call, then is used up;
 * - outages (failFor): answer every matching call while they stand, for `forMs` or until recover().
 *
 * A call meets the first of: a failure queued for its method, one queued for '*', its method's
 * outage, the '*' outage. Queued failures go first so a test can script the next few answers
 * (a 429, say) on top of a standing outage; an outage never uses them up. One outage stands per
 * pattern: a new failFor on the same pattern replaces it.
 */
export class FailurePlan {
  private readonly queues = new Map<string, Failure[]>();
  private readonly outages = new Map<string, Outage>();

  queue(method: string, failure: Failure, times: number): void {
    const key = keyOf(method);
    const queue = this.queues.get(key) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(failure);
    this.queues.set(key, queue);
  }

  stand(method: string, failure: Failure, forMs?: number): void {
    if (forMs !== undefined && !(Number.isFinite(forMs) && forMs > 0)) {
      throw new Error(`forMs must be a number of milliseconds > 0, got ${forMs}`);
    }
    const until = forMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + forMs;
    this.outages.set(keyOf(method), { failure, until });
  }

  /** Lifts the outage of `method` (the '*' one stays unless `method` is '*'), or every outage. */
  recover(method?: string): void {
    if (method === undefined) this.outages.clear();
    else this.outages.delete(keyOf(method));
  }

  /** The failure this call of `method` meets, if any; a queued one is used up. */
  take(method: string): { failure: Failure; source: InjectedFailure['source'] } | undefined {
    const queued = this.shift(keyOf(method)) ?? this.shift(EVERY_METHOD);
    if (queued) return { failure: queued, source: 'queued' };
    const outage = this.standing(keyOf(method)) ?? this.standing(EVERY_METHOD);
    return outage && { failure: outage.failure, source: 'outage' };
  }

  reset(): void {
    this.queues.clear();
    this.outages.clear();
  }

  private shift(key: string): Failure | undefined {
    const queue = this.queues.get(key);
    const failure = queue?.shift();
    if (queue?.length === 0) this.queues.delete(key);
    return failure;
  }

  /** The outage for `key` if it still stands; an ended one is forgotten here, so no timer is needed. */
  private standing(key: string): Outage | undefined {
    const outage = this.outages.get(key);
    if (outage && outage.until <= Date.now()) {
      this.outages.delete(key);
      return undefined;
    }
    return outage;
  }
}
