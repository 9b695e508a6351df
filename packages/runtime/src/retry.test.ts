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
