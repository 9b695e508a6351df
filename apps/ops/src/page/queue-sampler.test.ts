import { PassThrough } from 'node:stream';
import { createLogger } from '@taskbot/logger/logger';
import type { QueueInspector, QueueStats } from '../queues/queue-inspector';
import { QueueSampler } from './queue-sampler';

const logger = createLogger({ service: 'sampler-test', level: 'error', stream: new PassThrough() });

function sampler(depths: number[], published: Array<number | Error>) {
  let call = 0;
  const inspector = {
    check: async (): Promise<QueueStats[]> => [
      {
        name: 'telegram-commands',
        role: 'work',
        kind: 'commands',
        messages: depths[call] ?? 0,
        consumers: 1,
      },
    ],
  } as unknown as QueueInspector;
  const result = new QueueSampler({
    inspector,
    queues: [],
    publishedTotal: async () => {
      const value = published[call++];
      if (value instanceof Error) throw value;
      return value ?? 0;
    },
    onStats: () => undefined,
    logger,
    intervalMs: 60_000,
    capacity: 10,
  });
  return result;
}

/** Runs the sampler's n samples one after another (its timer is too slow for a test). */
async function samples(subject: QueueSampler, n: number) {
  for (let i = 0; i < n; i += 1) await (subject as unknown as { sample(): Promise<void> }).sample();
  return subject.history();
}

describe('the queue sampler', () => {
  it("reads throughput in from the gateway's count and out from how the work queues changed", async () => {
    const history = await samples(sampler([0, 4, 1], [10, 20, 20]), 3);
    expect(history.map((sample) => sample.depths.commands)).toEqual([0, 4, 1]);
    expect(history[1]?.inPerSecond).toBeGreaterThan(0);
    // 10 in, 4 of them still waiting: 6 out; then nothing in and 3 out.
    const ratio = (history[1]?.outPerSecond ?? 0) / (history[1]?.inPerSecond ?? 1);
    expect(ratio).toBeCloseTo(0.6, 5);
    expect(history[2]?.inPerSecond).toBe(0);
    expect(history[2]?.outPerSecond).toBeGreaterThan(0);
  });

  it('keeps sampling the queues while the gateway does not answer, and counts a restart from zero', async () => {
    const history = await samples(sampler([1, 2, 3, 3], [5, new Error('down'), 7, 2]), 4);
    expect(history).toHaveLength(4);
    expect(history.map((sample) => sample.depths.commands)).toEqual([1, 2, 3, 3]);
    expect(history[1]?.inPerSecond).toBe(0);
    expect(history[2]?.inPerSecond).toBe(0);
    expect(history[3]?.inPerSecond).toBe(0);
  });
});
