import { PassThrough } from 'node:stream';
import { BotContext, createWorkerDeps, type WorkerDeps } from '@taskbot/bot/bot-context';
import { botContextMiddleware } from '@taskbot/bot/context-middleware';
import { PersonKeys } from '@taskbot/db/cache/PersonKeys';
import { encodeForgetButton, forgetQuestionView } from '@taskbot/domain/forget-me';
import { failureOf } from '@taskbot/errors/failure';
import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import { callbackQuery, user } from '@taskbot/fake-bot-api/updates';
import { createLogger } from '@taskbot/logger/logger';
import type { BusMessage } from '@taskbot/messaging/bus-message';
import type { HandlerContext } from '@taskbot/messaging/consumer';
import { HandledJobs } from '@taskbot/messaging/handled-jobs';
import { createBot } from '@taskbot/telegram/bot';
import { createTelegramClient } from '@taskbot/telegram/client';
import { messageOptions } from '@taskbot/telegram/markup';
import { createUpdateHandler } from '@taskbot/worker/update-handler';
import { installCallbackFeatures } from 'callback-worker/bot';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { keysNaming as keysNamingUnder } from '../support/keys-naming';
import { TEST_TOKEN, uniquePrefix } from '../support/stack';

// /forget_me when Redis goes away between the two parts: the confirmed press runs through the
// callback worker's features and error boundary (in this process, against the fake Bot API), the
// database part commits, and the SCAN that clears the person's Redis keys fails. The job fails, so
// the consumer retries it; the retry finds the database empty, still clears every Redis key naming
// the person, and tells them they are forgotten without claiming nothing was ever kept.

const CARL = 7_310_001;
const DANA = 7_310_002;
const GROUP = -1_007_310_100;

const carl = user(CARL, { first_name: 'Carl', language_code: 'en', username: 'carl_r' });
const logger = createLogger({ service: 'forget-retry-test', level: 'error', stream: new PassThrough() });
const fake = new FakeBotApi();
let db: TestDatabase;
let redis: Redis;
let gone: Redis;
let prefix: string;
let deps: WorkerDeps;

/**
 * The key cleaner's Redis: its first SCAN goes to a client with no connection, as in a moment of
 * Redis being away; every later command to the live one.
 */
function scanFailsOnce(live: Redis, away: Redis): Redis {
  let failed = false;
  return new Proxy(live, {
    get(target, property) {
      if (property === 'scan' && !failed) {
        failed = true;
        return away.scan.bind(away);
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const keysNaming = (id: number) => keysNamingUnder(redis, prefix, id);

/** The person's rows in the tables a person is most of: settings, private chat, memberships, tasks. */
async function rowsNaming(id: number): Promise<number> {
  const count = async (sql: string) => Number((await db.dataSource.query(sql))[0]?.n);
  return (
    (await count(`SELECT COUNT(*) AS n FROM users WHERE id = ${id}`)) +
    (await count(`SELECT COUNT(*) AS n FROM chats WHERE id = ${id}`)) +
    (await count(`SELECT COUNT(*) AS n FROM chat_members WHERE user_id = ${id}`)) +
    (await count(`SELECT COUNT(*) AS n FROM tasks WHERE ${id} IN (chat_id, author_id, assignee_id)`))
  );
}

async function seed(): Promise<void> {
  for (const [id, name] of [
    [CARL, 'carl'],
    [DANA, 'dana'],
  ] as const) {
    const person = { id, is_bot: false, first_name: name, username: name };
    await deps.senders.register(person, { id, type: 'private', first_name: name });
    await deps.senders.register(person, { id: GROUP, type: 'supergroup', title: 'Team' });
  }
  const { task } = await deps.board.create({
    chatId: CARL,
    authorId: CARL,
    title: 'Carl private',
    sourceUpdateId: 1,
    defaultLeadMinutes: 15,
  });
  for (const chat of [CARL, GROUP]) {
    await deps.conversation.pushUndo(chat, CARL, { kind: 'create', taskId: task.id, title: task.title });
    await deps.conversation.askPrompt(chat, CARL, 10, { kind: 'projectNew', userId: CARL });
    await deps.conversation.isAdmin(chat, CARL, async () => false);
  }
  await redis.set(`${prefix}limit:user:${CARL}`, '1', 'EX', 600);
  await deps.conversation.pushUndo(GROUP, DANA, { kind: 'create', taskId: 99, title: 'Dana’s' });
}

beforeAll(async () => {
  await fake.start();
  db = await createTestDatabase();
  redis = new Redis(process.env.REDIS_URL ?? '');
  // Never connected, and without the offline queue: every command fails at once, as while Redis is away.
  gone = new Redis(process.env.REDIS_URL ?? '', { lazyConnect: true, enableOfflineQueue: false });
  prefix = uniquePrefix('forget_retry');
  deps = createWorkerDeps(db.dataSource, redis, {
    redisPrefix: prefix,
    defaultTimeZone: 'UTC',
    defaultLeadMinutes: 15,
  });
  await seed();
});

afterAll(async () => {
  redis?.disconnect();
  gone?.disconnect();
  await db?.drop();
  await fake.stop();
});

describe('forgetting a person when Redis fails after the database part', () => {
  it('fails the job, and the retry clears every key naming them and says they are forgotten', async () => {
    const flaky: WorkerDeps = { ...deps, personKeys: new PersonKeys(scanFailsOnce(redis, gone), prefix) };
    const telegram = createTelegramClient({
      token: TEST_TOKEN,
      apiRoot: fake.apiRoot,
      redis,
      prefix,
      logger,
      limits: { chatPerSecond: 1_000, groupPerMinute: 1_000, globalPerSecond: 1_000 },
    });
    const bot = createBot(telegram, await telegram.getMe(), BotContext);
    bot.use(botContextMiddleware(flaky, logger));
    installCallbackFeatures(bot);
    const handledJobs = new HandledJobs(redis, prefix);
    const handle = createUpdateHandler(bot, flaky, handledJobs);

    const now = new Date();
    const view = forgetQuestionView('en', await deps.people.count(CARL), CARL, now);
    const question = await telegram.sendMessage(CARL, view.text, messageOptions(view));
    const press = callbackQuery({
      from: carl,
      message: question,
      data: encodeForgetButton({ op: 'confirm', userId: CARL, issuedAt: Math.floor(now.getTime() / 1000) }),
    });
    const job: BusMessage = {
      kind: 'update',
      update: press as unknown as Extract<BusMessage, { kind: 'update' }>['update'],
      receivedAt: now.toISOString(),
    };
    const attempt = (n: number): HandlerContext => ({
      queue: 'callbacks',
      attempt: n,
      messageId: `forget-retry-${CARL}`,
      logger,
      signal: new AbortController().signal,
    });
    const keysBefore = await keysNaming(CARL);
    expect(keysBefore.length).toBeGreaterThanOrEqual(7);
    expect(await rowsNaming(CARL)).toBeGreaterThan(0);

    // First attempt: the database part commits, then Redis is away.
    const failure = await handle(job, attempt(1)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    // Neither permanent nor done: the consumer gives it another attempt (or holds it while Redis is away).
    expect(['transient', 'dependency-down']).toContain(failureOf(failure).kind);
    expect(await rowsNaming(CARL)).toBe(0);
    expect(await keysNaming(CARL)).toEqual(keysBefore);
    expect(await handledJobs.wasHandled(`forget-retry-${CARL}`)).toBe(false);
    expect(fake.callsOf('editMessageText')).toEqual([]);

    // The retry comes after Telegram stopped taking an answer to the press.
    fake.failNext('answerCallbackQuery', {
      code: 400,
      description: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
    });
    await handle(job, attempt(2));

    expect(await keysNaming(CARL)).toEqual([]);
    expect(await keysNaming(DANA)).toHaveLength(1);
    expect(await rowsNaming(CARL)).toBe(0);
    expect(await rowsNaming(DANA)).toBeGreaterThan(0);
    const edits = fake.callsOf('editMessageText');
    expect(edits).toHaveLength(1);
    expect(edits[0]?.payload.message_id).toBe(question.message_id);
    expect(edits[0]?.payload.text).toBe(
      '✅ Done: I keep nothing about you. Nothing was left to delete this time, so I cannot list what went.',
    );
    expect(edits[0]?.payload.reply_markup).toBeUndefined();
    expect(await handledJobs.wasHandled(`forget-retry-${CARL}`)).toBe(true);
  });
});
