import { delayFor, mayBeOutage, nextStep } from './retry-decision';

const DELAYS = [5_000, 30_000];

describe('what a failed attempt leads to', () => {
  it('retries a transient failure after each configured delay, then dead-letters it', () => {
    const failure = { kind: 'transient', reason: '502 Bad Gateway' } as const;
    expect(nextStep(failure, 1, DELAYS)).toEqual({ action: 'retry', delayMs: 5_000 });
    expect(nextStep(failure, 2, DELAYS)).toEqual({ action: 'retry', delayMs: 30_000 });
    expect(nextStep(failure, 3, DELAYS)).toEqual({ action: 'dead-letter' });
  });

  it('retries a dependency that was down like any transient failure once it is back', () => {
    const failure = { kind: 'dependency-down', reason: 'ECONNREFUSED', dependency: 'database' } as const;
    expect(nextStep(failure, 1, DELAYS)).toEqual({ action: 'retry', delayMs: 5_000 });
    expect(mayBeOutage(failure)).toBe(true);
  });

  it.each([
    { kind: 'permanent', reason: 'no such task' },
    { kind: 'blocked', reason: '403 Forbidden: bot was blocked by the user', chatId: 5 },
  ] as const)('skips the retries of a $kind failure', (failure) => {
    expect(nextStep(failure, 1, DELAYS)).toEqual({ action: 'dead-letter' });
    expect(mayBeOutage(failure)).toBe(false);
  });

  it('acknowledges what Telegram says is done already', () => {
    expect(nextStep({ kind: 'done', reason: 'message is not modified' }, 1, DELAYS)).toEqual({
      action: 'ack',
    });
  });

  it('does not come back sooner than a 429 asked', () => {
    const flood = { kind: 'transient', reason: '429', retryAfterSeconds: 12 } as const;
    expect(nextStep(flood, 1, DELAYS)).toEqual({ action: 'retry', delayMs: 30_000 });
  });
});

describe('the delay before the next attempt', () => {
  it('is the attempt’s own step when nobody asked for longer', () => {
    expect(delayFor(1, DELAYS)).toBe(5_000);
    expect(delayFor(2, DELAYS, 1_000)).toBe(30_000);
  });

  it('is the shortest step that covers the wait asked for, else the longest step', () => {
    expect(delayFor(1, [100, 1_000, 60_000], 2_000)).toBe(60_000);
    expect(delayFor(1, [100, 1_000, 60_000], 900)).toBe(1_000);
    expect(delayFor(1, DELAYS, 120_000)).toBe(30_000);
  });
});
