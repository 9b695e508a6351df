import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { STACK_PARTITIONS } from './broker';

// Starts the three services as separate processes, exactly as an operator does
// (`node apps/<app>/dist/main.js` with settings in the environment), and stops them with SIGTERM.

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const TEST_TOKEN = '123456789:TEST-token-for-the-fake-bot-api-0000';
export const TEST_SECRET = 'test-webhook-secret-0123456789abcdef';

export type AppName = 'gateway' | 'command-worker' | 'callback-worker';

export interface RunningApp {
  name: AppName;
  child: ChildProcess;
  output(): string;
  /** Resolves when a log line with this message appears. */
  waitForLog(message: string, timeoutMs?: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startApp(name: AppName, env: Record<string, string>): RunningApp {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'apps', name, 'dist', 'main.js')], {
    cwd: path.join(REPO_ROOT, 'apps', name),
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return {
    name,
    child,
    output: () => output,
    waitForLog(message, timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (output.includes(`"message":"${message}"`)) {
            cleanup();
            resolve();
          } else if (child.exitCode !== null) {
            cleanup();
            reject(new Error(`${name} exited (${child.exitCode}) before "${message}":\n${output}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${name} did not log "${message}" within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

export interface StackOptions {
  databaseUrl: string;
  apiRoot: string;
  queuePrefix: string;
  port: number;
  extraEnv?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
}

export interface Stack {
  gatewayUrl: string;
  apps: RunningApp[];
  app(name: AppName): RunningApp;
  stop(): Promise<void>;
}

export function baseEnv(options: StackOptions): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: options.apiRoot,
    DATABASE_URL: options.databaseUrl,
    RABBITMQ_URL: process.env.RABBITMQ_URL ?? '',
    REDIS_URL: process.env.REDIS_URL ?? '',
    QUEUE_PREFIX: options.queuePrefix,
    QUEUE_PARTITIONS: String(STACK_PARTITIONS),
    REDIS_PREFIX: options.queuePrefix,
    LOG_LEVEL: 'debug',
    RETRY_DELAYS_MS: '200,400',
    HEALTH_PORT: '0',
    ADMIN_PORT: '0',
    // Telegram's real limits (1/s a chat) would make every test wait; tests about them set their own.
    TELEGRAM_CHAT_RATE_PER_SECOND: '1000',
    TELEGRAM_GROUP_RATE_PER_MINUTE: '60000',
    TELEGRAM_GLOBAL_RATE_PER_SECOND: '10000',
    ...options.extraEnv,
  };
}

/** Starts gateway and both workers and waits until each says it is ready. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const env = baseEnv(options);
  const apps = [
    startApp('command-worker', env),
    startApp('callback-worker', env),
    startApp('gateway', {
      ...env,
      PORT: String(options.port),
      TELEGRAM_WEBHOOK_SECRET: TEST_SECRET,
      ...options.gatewayEnv,
    }),
  ];
  try {
    await Promise.all(apps.map((app) => app.waitForLog('started')));
  } catch (error) {
    await Promise.all(apps.map((app) => app.stop('SIGKILL')));
    throw error;
  }
  const byName = (name: AppName) => {
    const found = apps.find((app) => app.name === name);
    if (!found) throw new Error(`no app ${name}`);
    return found;
  };
  return {
    gatewayUrl: `http://127.0.0.1:${options.port}`,
    apps,
    app: byName,
    async stop() {
      await Promise.all(apps.map((app) => app.stop()));
    },
  };
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A name prefix unique to one test file, for queues and Redis keys. */
export function uniquePrefix(label: string): string {
  return `t_${label}_${process.pid}_${Date.now().toString(36)}.`;
}
