import { setTimeout as sleep } from 'node:timers/promises';
import { KeyedSerializer } from './keyed-serializer';

describe('running tasks in order per key', () => {
  it('runs tasks of one key one at a time, in the order given', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    await Promise.all([
      serializer.run('chat', async () => {
        await sleep(20);
        log.push('first');
      }),
      serializer.run('chat', async () => {
        log.push('second');
      }),
    ]);
    expect(log).toEqual(['first', 'second']);
  });

  it('does not let a slow key hold up another key', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    const slow = serializer.run('slow', async () => {
      await sleep(30);
      log.push('slow');
    });
    await serializer.run('fast', async () => {
      log.push('fast');
    });
    await slow;
    expect(log).toEqual(['fast', 'slow']);
  });

  it('goes on with the next task after one fails, and forgets idle keys', async () => {
    const serializer = new KeyedSerializer();
    const failed = serializer.run('chat', async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    let ran = false;
    await serializer.run('chat', async () => {
      ran = true;
    });
    await sleep(0);
    expect(ran).toBe(true);
    expect(serializer.activeKeys).toBe(0);
  });
});
