import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from './amqp';

/**
 * A Redis server of the test's own, configured as a deployment should run the one the bot uses:
 * append-only file with fsync on every write, so the send-once records and handled-job marks
 * survive a restart. Restarting it leaves the shared Redis of the other tests alone.
 */
export class PrivateRedis {
  private process: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const probe = net.createServer();
    const port = await new Promise<number>((resolve) =>
      probe.listen(0, '127.0.0.1', () => resolve((probe.address() as net.AddressInfo).port)),
    );
    await new Promise((resolve) => probe.close(resolve));
    const redis = new PrivateRedis(port, mkdtempSync(path.join(os.tmpdir(), 'taskbot-redis-')));
    await redis.up();
    return redis;
  }

  private async up(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    );
    this.process = child;
    await waitFor(`redis on port ${this.port}`, () => this.answers(), 15_000, 50);
  }

  private answers(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = net.connect(this.port, '127.0.0.1');
      socket.once('connect', () => {
        socket.write('PING\r\n');
      });
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
    });
  }

  /**
   * Stops the server (SIGTERM: it writes the append-only file and exits), runs `whileDown`, waits
   * out the rest of `downForMs`, then starts it again.
   */
  async restart(downForMs = 1_000, whileDown: () => Promise<void> = async () => undefined): Promise<void> {
    await this.down();
    const upAt = Date.now() + downForMs;
    await whileDown();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, upAt - Date.now())));
    await this.up();
  }

  private async down(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async stop(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
