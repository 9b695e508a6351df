import { PassThrough } from 'node:stream';
import { createLogger } from '@taskbot/logger/logger';
import { type BackgroundTaskState, BackgroundTasks } from './background-tasks';

function captureLogger() {
  const lines: Array<{ level: string; message: string }> = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const text of chunk.toString().trim().split('\n')) lines.push(JSON.parse(text));
  });
  return { logger: createLogger({ service: 'test', level: 'debug', stream }), lines };
}

describe('work started in the background at start', () => {
  it('is tried until it succeeds, logged once when failing and once when recovered', async () => {
    const { logger, lines } = captureLogger();
    const states: Array<[string, BackgroundTaskState]> = [];
    const tasks = new BackgroundTasks({
      logger,
      observer: (name, state) => states.push([name, state]),
      firstDelayMs: 1,
      maxDelayMs: 4,
    });
    let calls = 0;
    const result = await tasks.run('setMyCommands', async () => {
      calls += 1;
      if (calls < 6) throw new Error('500: Internal Server Error');
      return 'set';
    });
    expect(result).toBe('set');
    expect(calls).toBe(6);
    expect(states).toEqual([
      ['setMyCommands', 'pending'],
      ['setMyCommands', 'failing'],
      ['setMyCommands', 'done'],
    ]);
    const messages = lines.map((line) => line.message);
    expect(messages.filter((m) => m === 'start-up call failing; retrying in the background')).toHaveLength(1);
    expect(messages.filter((m) => m === 'start-up call succeeded after failures')).toHaveLength(1);
    expect(tasks.pending).toEqual([]);
  });

  it('says what is still pending and why, and ends quietly when stopped', async () => {
    const { logger } = captureLogger();
    const tasks = new BackgroundTasks({ logger, firstDelayMs: 5, maxDelayMs: 5 });
    const running = tasks.run('getMe', async () => {
      throw new Error('socket hang up');
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(tasks.pending).toEqual([
      expect.objectContaining({ name: 'getMe', state: 'failing', lastError: 'socket hang up' }),
    ]);
    tasks.stop();
    await expect(running).resolves.toBeUndefined();
    expect(tasks.pending).toEqual([]);
  });
});
