import { retryWithBackoff } from './retry';

describe('retryWithBackoff', () => {
  it('retries with doubling delays up to the cap and returns the first success', async () => {
    const delays: number[] = [];
    const retried: number[] = [];
    let calls = 0;
    const result = await retryWithBackoff(
      async () => {
        calls += 1;
        if (calls < 5) throw new Error(`refused ${calls}`);
        return 'connected';
      },
      {
        attempts: 10,
        firstDelayMs: 100,
        maxDelayMs: 500,
        sleep: async (ms) => {
          delays.push(ms);
        },
        onRetry: (attempt) => retried.push(attempt),
      },
    );
    expect(result).toBe('connected');
    expect(calls).toBe(5);
    expect(delays).toEqual([100, 200, 400, 500]);
    expect(retried).toEqual([1, 2, 3, 4]);
  });

  it('stops at once on a failure that is not worth another try, and retries the others', async () => {
    const retried: string[] = [];
    let calls = 0;
    await expect(
      retryWithBackoff(
        async () => {
          calls += 1;
          throw new Error(calls < 3 ? 'connection refused' : 'wrong password');
        },
        {
          attempts: 10,
          firstDelayMs: 1,
          maxDelayMs: 1,
          sleep: async () => undefined,
          shouldRetry: (error) => (error as Error).message !== 'wrong password',
          onRetry: (_attempt, error) => retried.push((error as Error).message),
        },
      ),
    ).rejects.toThrow('wrong password');
    expect(calls).toBe(3);
    expect(retried).toEqual(['connection refused', 'connection refused']);
  });

  it('gives up after the last attempt with its error', async () => {
    let calls = 0;
    await expect(
      retryWithBackoff(
        async () => {
          calls += 1;
          throw new Error(`refused ${calls}`);
        },
        { attempts: 3, firstDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
      ),
    ).rejects.toThrow('refused 3');
    expect(calls).toBe(3);
  });
});

describe('retryWithBackoff, for calls that must succeed some day', () => {
  it('keeps trying without a limit, each wait between half and all of the capped delay', async () => {
    const waits: number[] = [];
    let calls = 0;
    const randoms = [0, 1, 0.5, 0, 1, 0.5, 0, 1];
    const result = await retryWithBackoff(
      async () => {
        calls += 1;
        if (calls <= 8) throw new Error('502 Bad Gateway');
        return 'ok';
      },
      {
        attempts: Number.POSITIVE_INFINITY,
        firstDelayMs: 100,
        maxDelayMs: 800,
        jitter: true,
        random: () => randoms.shift() ?? 0,
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([50, 200, 300, 400, 800, 600, 400, 800]);
  });

  it('stops at once when its signal aborts, with the last error', async () => {
    const stop = new AbortController();
    let calls = 0;
    const running = retryWithBackoff(
      async () => {
        calls += 1;
        throw new Error(`unreachable ${calls}`);
      },
      { attempts: Number.POSITIVE_INFINITY, firstDelayMs: 60_000, maxDelayMs: 60_000, signal: stop.signal },
    );
    await new Promise((resolve) => setImmediate(resolve));
    stop.abort();
    await expect(running).rejects.toThrow('unreachable 1');
    expect(calls).toBe(1);
  });
});
