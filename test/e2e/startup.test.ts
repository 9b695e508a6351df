import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import { deleteTopology } from '../support/broker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { baseEnv, type RunningApp, startApp, TEST_TOKEN, uniquePrefix } from '../support/stack';

// What an operator sees when starting and stopping a service.

async function exitOf(app: RunningApp): Promise<{ code: number | null; output: string }> {
  const code = await app.exited();
  return { code, output: app.output().trim() };
}

describe('starting a service with bad configuration', () => {
  it('stops with one line naming a missing variable', async () => {
    const { code, output } = await exitOf(startApp('gateway', {}));
    expect(code).toBe(78);
    expect(output.split('\n')).toHaveLength(1);
    expect(output).toContain('TELEGRAM_BOT_TOKEN is required');
  });

  it('refuses webhook mode without a webhook secret', async () => {
    const { code, output } = await exitOf(startApp('gateway', { TELEGRAM_BOT_TOKEN: TEST_TOKEN }));
    expect(code).toBe(78);
    expect(output).toContain('TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE=webhook');
  });

  it('names every bad value of a worker at once', async () => {
    const { code, output } = await exitOf(
      startApp('command-worker', {
        TELEGRAM_BOT_TOKEN: 'not-a-token',
        DATABASE_URL: 'sqlite:///tmp/x.db',
        RETRY_DELAYS_MS: '5s',
      }),
    );
    expect(code).toBe(78);
    expect(output).toContain('TELEGRAM_BOT_TOKEN must be the token BotFather gave');
    expect(output).toContain('DATABASE_URL must be a URL like postgres://');
    expect(output).toContain('RETRY_DELAYS_MS must be a comma-separated list');
    expect(output).not.toContain('not-a-token');
  });
});

describe('stopping a service', () => {
  const fake = new FakeBotApi();
  const prefix = uniquePrefix('startup');
  let database: TestDatabase;

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await fake.stop();
    await database.drop();
    await deleteTopology(prefix);
  });

  // Exit code 0 means the stop finished before the 10 s deadline: the deadline path exits 1.
  it.each(['command-worker', 'callback-worker'] as const)(
    '%s finishes and exits 0 on SIGTERM',
    async (name) => {
      const app = startApp(
        name,
        baseEnv({ databaseUrl: database.url, apiRoot: fake.apiRoot, queuePrefix: prefix, port: 0 }),
      );
      await app.waitForLog('started');
      expect(await app.stop('SIGTERM')).toBe(0);
      expect(app.output()).toContain('"message":"stopped"');
    },
  );
});

describe('a service that crashes', () => {
  const fake = new FakeBotApi();
  const prefix = uniquePrefix('crash');
  let database: TestDatabase;
  let crashScript: string;

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase();
    // Loaded before the service: once it runs, an error escapes to Node with the token in its text,
    // as a telegraf error does (its message and stack carry the Bot API URL).
    crashScript = path.join(os.tmpdir(), `taskbot-crash-${process.pid}.js`);
    await writeFile(
      crashScript,
      "setTimeout(() => { throw new Error('request to https://api.telegram.org/bot' + process.env.TELEGRAM_BOT_TOKEN + '/getMe failed'); }, 1500);\n",
    );
  });

  afterAll(async () => {
    await fake.stop();
    await database.drop();
    await deleteTopology(prefix);
    await rm(crashScript, { force: true });
  });

  it('logs the uncaught error through the logger, without the token, and exits 1', async () => {
    const app = startApp('command-worker', {
      ...baseEnv({ databaseUrl: database.url, apiRoot: fake.apiRoot, queuePrefix: prefix, port: 0 }),
      NODE_OPTIONS: `--require ${crashScript}`,
    });
    const { code, output } = await exitOf(app);
    expect(code).toBe(1);
    expect(output).toContain('"message":"uncaught exception, exiting"');
    expect(output).toContain('bot[redacted]/getMe failed');
    expect(output).not.toContain(TEST_TOKEN);
  });
});
