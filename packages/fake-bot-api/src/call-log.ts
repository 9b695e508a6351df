import type { Call } from './types';

export type CallPredicate = (call: Call) => boolean;

const sameMethod = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function describe(call: Call): string {
  const payload = JSON.stringify(call.payload);
  const shortPayload = payload.length > 200 ? `${payload.slice(0, 200)}…` : payload;
  const answer = call.response.ok ? 'ok' : `${call.response.error_code} ${call.response.description}`;
  const outcome = call.injected ? `${answer} (injected ${call.injected.kind})` : answer;
  return `  #${call.seq} ${call.method} ${shortPayload} → ${outcome}`;
}

/** Every answered Bot API call, in order, with a way to wait for the ones a test expects. */
export class CallLog {
  private entries: Call[] = [];
  private lastSeq = 0;
  private readonly listeners = new Set<() => void>();

  record(call: Omit<Call, 'seq'>): Call {
    this.lastSeq += 1;
    const recorded = { ...call, seq: this.lastSeq };
    this.entries.push(recorded);
    for (const listener of [...this.listeners]) listener();
    return recorded;
  }

  get all(): Call[] {
    return [...this.entries];
  }

  /** The sequence number of the latest call, 0 before any. */
  get last(): number {
    return this.lastSeq;
  }

  of(method: string): Call[] {
    return this.entries.filter((call) => sameMethod(call.method, method));
  }

  /** Calls after sequence number `seq`, of one method if given. */
  since(seq: number, method?: string): Call[] {
    return this.entries.filter((call) => call.seq > seq && (!method || sameMethod(call.method, method)));
  }

  /** Resolves with the first `count` matching calls, counting those already recorded. */
  waitFor(
    method: string,
    count: number,
    predicate: CallPredicate | undefined,
    timeoutMs: number,
  ): Promise<Call[]> {
    const matching = (): Call[] => this.of(method).filter((call) => !predicate || predicate(call));
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = matching();
        if (found.length < count) return;
        finish();
        resolve(found.slice(0, count));
      };
      const timer = setTimeout(() => {
        finish();
        const seen = this.entries.length === 0 ? '  (none)' : this.entries.map(describe).join('\n');
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for ${count} ${method} call(s)` +
              `${predicate ? ' matching the predicate' : ''}; found ${matching().length}.\n` +
              `Calls seen so far:\n${seen}`,
          ),
        );
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  clear(): void {
    this.entries = [];
  }
}
