import { execFile } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createLogger } from '@taskbot/logger/logger';
import { Broker } from '@taskbot/messaging/broker';
import { topology } from '@taskbot/messaging/topology';
import { sendToQueue } from '../support/amqp';
import { deleteTopology } from '../support/broker';
import { REPO_ROOT, uniquePrefix } from '../support/stack';

// `pnpm queue:status` as an operator runs it, against real RabbitMQ.

const CLI = path.join(REPO_ROOT, 'apps', 'ops', 'dist', 'queue-cli.js');
const prefix = uniquePrefix('queuestatus');
const PARTITIONS = 2;

const status = (...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [CLI, 'status', ...args],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          RABBITMQ_URL: process.env.RABBITMQ_URL ?? '',
          QUEUE_PREFIX: prefix,
          QUEUE_PARTITIONS: String(PARTITIONS),
          RETRY_DELAYS_MS: '200,400',
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

describe('pnpm queue:status', () => {
  const layout = topology(prefix, PARTITIONS);

  beforeAll(async () => {
    const logger = createLogger({ service: 'queue-status-test', level: 'error', stream: new PassThrough() });
    const broker = await Broker.connect({ url: process.env.RABBITMQ_URL ?? '', layout, logger });
    await broker.close();
    for (let i = 0; i < 3; i += 1) await sendToQueue(`${prefix}telegram-commands.1`, Buffer.from('{}'));
    for (let i = 0; i < 2; i += 1) await sendToQueue(`${prefix}telegram-callbacks.dead`, Buffer.from('{}'));
  });

  afterAll(() => deleteTopology(prefix, [200, 400], PARTITIONS));

  it('prints every queue with its depth, consumers and net rate, and counts the dead letters', async () => {
    const result = await status();
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const rows = result.stdout.split('\n');
    expect(rows[0]).toMatch(/^QUEUE +ROLE +MESSAGES +CONSUMERS +IN\/S +OUT\/S +NET\/S$/);
    const row = (name: string) => rows.find((line) => line.startsWith(`${prefix}${name} `))?.split(/\s+/);
    expect(row('telegram-commands.1')).toEqual([
      `${prefix}telegram-commands.1`,
      'work',
      '3',
      '0',
      '-',
      '-',
      '0.0',
    ]);
    expect(row('telegram-commands.0')?.slice(1, 4)).toEqual(['work', '0', '0']);
    expect(row('telegram.1')?.slice(1, 4)).toEqual(['work', '0', '0']);
    expect(row('telegram-callbacks.dead')?.slice(1, 4)).toEqual(['dead', '2', '0']);
    // No worker declared the delay queues of this prefix: they are left out rather than failing.
    expect(row('telegram.retry.200ms')).toBeUndefined();
    expect(result.stdout.trimEnd().endsWith('2 dead-lettered jobs (list them with pnpm queue:failed).')).toBe(
      true,
    );
  });

  it('refuses arguments with a clear message and exit code 1', async () => {
    expect(await status('now')).toMatchObject({ code: 1, stderr: 'status takes no arguments, got: now\n' });
  });
});
