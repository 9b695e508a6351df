import path from 'node:path';
import { type AppName, appStep, launchApp } from '@taskbot/launcher/apps';
import type { Launched } from '@taskbot/launcher/launch';
import { startAll, stopAll } from '@taskbot/launcher/start-all';
import { STACK_PARTITIONS } from './broker';

// Starts the services as separate processes, exactly as an operator does
// (`node apps/<app>/dist/main.js` with settings in the environment, packages/launcher), and stops
// them with SIGTERM.

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const TEST_TOKEN = '123456789:TEST-token-for-the-fake-bot-api-0000';
export const TEST_SECRET = 'test-webhook-secret-0123456789abcdef';

export type { AppName };
/** A service started by a test: its output, waitForLog('started'), stop(signal) with its exit code. */
export type RunningApp = Launched;

const testEnv = (env: Record<string, string>) => ({ NODE_ENV: 'test', ...env });

export function startApp(name: AppName, env: Record<string, string>): RunningApp {
  return launchApp(name, { env: testEnv(env) });
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
  const gatewayEnv = {
    ...env,
    PORT: String(options.port),
    TELEGRAM_WEBHOOK_SECRET: TEST_SECRET,
    ...options.gatewayEnv,
  };
  const ready = (app: Launched) => app.waitForLog('started');
  const apps = await startAll([
    [
      appStep('command-worker', { env: testEnv(env), ready }),
      appStep('callback-worker', { env: testEnv(env), ready }),
      appStep('gateway', { env: testEnv(gatewayEnv), ready }),
    ],
  ]);
  const byName = (name: AppName) => {
    const found = apps.find((app) => app.name === name);
    if (!found) throw new Error(`no app ${name}`);
    return found;
  };
  return {
    gatewayUrl: `http://127.0.0.1:${options.port}`,
    apps,
    app: byName,
    stop: () => stopAll(apps),
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
