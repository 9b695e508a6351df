import { conflict } from '../bot-api-error';
import { StoppedError } from '../stopped-error';
import type { NewUpdate, Pushed, Update } from '../types';

// Telegram leaves these out unless allowed_updates names them.
const OPT_IN_UPDATE_TYPES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

export function updateTypeOf(update: Update): string | undefined {
  return Object.keys(update).find((key) => key !== 'update_id');
}

/** One waiting getUpdates request: woken by a new update, its timeout, or a newer request. */
class WaitingPoll {
  private timer?: NodeJS.Timeout;
  private settle?: (error?: Error) => void;

  wait(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.settle = (error) => {
        clearTimeout(this.timer);
        this.settle = undefined;
        if (error) reject(error);
        else resolve();
      };
      this.timer = setTimeout(() => this.settle?.(), ms);
    });
  }

  wake(): void {
    this.settle?.();
  }

  terminate(error: Error): void {
    this.settle?.(error);
  }
}

export interface PollRequest {
  offset?: number;
  limit: number;
  timeoutSeconds: number;
}

/**
 * Updates waiting for the bot, as getUpdates sees them: kept until a later offset confirms them,
 * filtered by allowed_updates, and handed to one long poll at a time.
 */
export class UpdateQueue {
  private pending: Update[] = [];
  private lastUpdateId: number;
  private readonly firstUpdateId: number;
  private allowed: string[] | undefined;
  private poll?: WaitingPoll;

  constructor(firstUpdateId = 1) {
    if (!Number.isSafeInteger(firstUpdateId) || firstUpdateId < 1) {
      throw new Error(`the first update id must be a positive integer, got ${firstUpdateId}`);
    }
    this.firstUpdateId = firstUpdateId;
    this.lastUpdateId = firstUpdateId - 1;
  }

  /** Queues an update; one without `update_id` gets the next one. */
  push<U extends NewUpdate>(update: U): Pushed<U> {
    const { update_id: given, ...content } = structuredClone(update);
    const updateId = given ?? this.lastUpdateId + 1;
    const queued = { ...content, update_id: updateId } as Pushed<U>;
    this.lastUpdateId = Math.max(this.lastUpdateId, updateId);
    this.pending.push(queued as unknown as Update);
    this.poll?.wake();
    return structuredClone(queued);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** The allowed_updates last set, or undefined for Telegram's default (all but the opt-in types). */
  get allowedUpdates(): string[] | undefined {
    return this.allowed && [...this.allowed];
  }

  setAllowedUpdates(types: string[] | undefined): void {
    this.allowed = types && types.length > 0 ? [...types] : undefined;
  }

  dropPending(): void {
    this.pending = [];
  }

  /**
   * Answers one getUpdates request. A request that arrives while another is still waiting ends the
   * older one with 409, as Telegram does when two bot instances poll.
   */
  async take({ offset, limit, timeoutSeconds }: PollRequest): Promise<Update[]> {
    this.poll?.terminate(
      conflict('terminated by other getUpdates request; make sure that only one bot instance is running'),
    );
    if (offset !== undefined) this.confirm(offset);
    const deadline = Date.now() + timeoutSeconds * 1000;
    const poll = new WaitingPoll();
    this.poll = poll;
    try {
      for (;;) {
        const ready = this.deliverable(limit);
        const remaining = deadline - Date.now();
        if (ready.length > 0 || remaining <= 0) return ready;
        await poll.wait(remaining);
      }
    } finally {
      if (this.poll === poll) this.poll = undefined;
    }
  }

  /** Ends a waiting long poll; used when the fake stops. */
  stop(): void {
    this.poll?.terminate(new StoppedError());
  }

  reset(): void {
    this.stop();
    this.pending = [];
    this.lastUpdateId = this.firstUpdateId - 1;
    this.allowed = undefined;
  }

  private confirm(offset: number): void {
    if (offset < 0) {
      this.pending = this.pending.slice(offset);
    } else {
      this.pending = this.pending.filter((update) => update.update_id >= offset);
    }
  }

  private deliverable(limit: number): Update[] {
    this.pending = this.pending.filter((update) => this.isAllowed(update));
    return this.pending.slice(0, limit).map((update) => structuredClone(update));
  }

  private isAllowed(update: Update): boolean {
    const type = updateTypeOf(update);
    if (type === undefined) return false;
    return this.allowed ? this.allowed.includes(type) : !OPT_IN_UPDATE_TYPES.has(type);
  }
}
