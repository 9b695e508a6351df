import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import { deleteTopology } from './broker';
import { createTestDatabase, type TestDatabase } from './database';
import { freePort, type Stack, type StackOptions, startStack, uniquePrefix } from './stack';

export interface RunningStack {
  /** The stand-in for Telegram the services talk to. */
  fake: FakeBotApi;
  /** QUEUE_PREFIX and REDIS_PREFIX of this stack. */
  prefix: string;
  stack(): Stack;
  database(): TestDatabase;
}

/**
 * The whole system for one test file: a fake Bot API, a fresh database, and the gateway and both
 * workers as processes under queue and Redis names of their own. Started before the file's tests
 * and stopped (everything it made removed) after them.
 */
export function useStack(
  label: string,
  options: Pick<StackOptions, 'extraEnv' | 'gatewayEnv'> = {},
): RunningStack {
  const fake = new FakeBotApi();
  const prefix = uniquePrefix(label);
  let database: TestDatabase | undefined;
  let stack: Stack | undefined;

  beforeAll(async () => {
    const apiRoot = await fake.start();
    database = await createTestDatabase();
    stack = await startStack({
      databaseUrl: database.url,
      apiRoot,
      queuePrefix: prefix,
      port: await freePort(),
      ...options,
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await fake.stop();
    await database?.drop();
    await deleteTopology(prefix);
  });

  return {
    fake,
    prefix,
    stack() {
      if (!stack) throw new Error('the stack is not running');
      return stack;
    },
    database() {
      if (!database) throw new Error('the database is not there');
      return database;
    },
  };
}
