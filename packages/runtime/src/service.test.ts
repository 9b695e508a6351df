import { PassThrough } from 'node:stream';
import { createLogger } from '@taskbot/logger/logger';
import { runService, type Service } from './service';

const logger = createLogger({ service: 'test', level: 'error', stream: new PassThrough() });

function recordingService(overrides: Partial<Service> = {}) {
  const events: string[] = [];
  const service: Service = {
    start: async () => {
      events.push('start');
    },
    stop: async () => {
      events.push('stop');
    },
    ...overrides,
  };
  return { service, events };
}

describe('running a service', () => {
  it('stops once on the first signal and exits 0', async () => {
    const { service, events } = recordingService();
    const exits: number[] = [];
    const exited = new Promise<void>((resolve) => {
      void runService(service, {
        logger,
        signals: ['SIGUSR2'],
        handleCrashes: false,
        exit: (code) => {
          exits.push(code);
          resolve();
        },
      });
    });
    await new Promise((resolve) => setImmediate(resolve));
    process.emit('SIGUSR2', 'SIGUSR2');
    await exited;
    process.removeAllListeners('SIGUSR2');
    expect(events).toEqual(['start', 'stop']);
    expect(exits).toEqual([0]);
  });

  it('exits 1 when the stop misses its deadline', async () => {
    const { service } = recordingService({ stop: () => new Promise(() => undefined) });
    const exited = new Promise<number>((resolve) => {
      void runService(service, {
        logger,
        signals: ['SIGUSR2'],
        stopDeadlineMs: 20,
        exit: resolve,
        handleCrashes: false,
      });
    });
    await new Promise((resolve) => setImmediate(resolve));
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(await exited).toBe(1);
    process.removeAllListeners('SIGUSR2');
  });

  it('stops what started and exits 1 when the start fails', async () => {
    const { service, events } = recordingService({
      start: async () => {
        throw new Error('database unreachable');
      },
    });
    const code = await new Promise<number>((resolve) => {
      void runService(service, { logger, signals: ['SIGUSR2'], exit: resolve, handleCrashes: false });
    });
    process.removeAllListeners('SIGUSR2');
    expect(code).toBe(1);
    expect(events).toEqual(['stop']);
  });

  it('exits with the code a failed start names (78: a setting to fix)', async () => {
    const { service } = recordingService({
      start: async () => {
        throw Object.assign(new Error('the password in DATABASE_URL is wrong'), { exitCode: 78 });
      },
    });
    const code = await new Promise<number>((resolve) => {
      void runService(service, { logger, signals: ['SIGUSR2'], exit: resolve, handleCrashes: false });
    });
    process.removeAllListeners('SIGUSR2');
    expect(code).toBe(78);
  });
});
