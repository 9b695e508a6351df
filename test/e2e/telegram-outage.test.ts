import type { Failure } from '@taskbot/fake-bot-api/failures';
import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import type { Call } from '@taskbot/fake-bot-api/types';
import { groupChat, privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { waitFor } from '../support/amqp';
import { deadQueueOf, deleteTopology, queueDepth } from '../support/broker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { baseEnv, freePort, type RunningApp, startApp, TEST_SECRET, uniquePrefix } from '../support/stack';
import { useStack } from '../support/use-stack';

// Telegram is outside our control: during its incidents it answers 500s, HTML error pages, resets
// and nothing at all, to every call, the ones a service makes at start included. No service may
// exit or stop taking updates for it, and every update is answered once Telegram is back.

const people = [1, 2, 3, 4].map((n) =>
  user(5_990_000 + n, { first_name: `Person ${n}`, language_code: n % 2 ? 'en' : 'ru' }),
);
const PER_CHAT = 4;

async function post(gatewayUrl: string, update: unknown): Promise<number> {
  const response = await fetch(`${gatewayUrl}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
    body: JSON.stringify(update),
  });
  return response.status;
}

/** Replies Telegram took (not the attempts an injected failure answered), to one chat. */
const delivered = (fake: FakeBotApi, chatId: number): Call[] =>
  fake.callsOf('sendMessage').filter((c) => !c.injected && c.response.ok && c.payload.chat_id === chatId);

/** Sends PER_CHAT tasks from each person's private chat, interleaved across chats. */
async function sendTasks(gatewayUrl: string, label: string): Promise<void> {
  for (let i = 1; i <= PER_CHAT; i += 1) {
    for (const person of people) {
      const text = `/add ${label} ${person.id % 100} task ${i}`;
      expect(await post(gatewayUrl, textMessage({ chat: privateChat(person), from: person, text }))).toBe(
        200,
      );
    }
  }
}

/** Every task was answered once, in the order it was sent, in its own chat. */
async function expectEveryTaskAnsweredOnceInOrder(fake: FakeBotApi, label: string): Promise<void> {
  const ofLabel = (chatId: number) =>
    delivered(fake, chatId)
      .map((c) => String(c.payload.text).match(new RegExp(`${label} \\d+ task (\\d+)`))?.[1])
      .filter((n): n is string => n !== undefined);
  await waitFor(
    'a reply to every task',
    async () => people.every((person) => ofLabel(person.id).length >= PER_CHAT),
    60_000,
  );
  for (const person of people) {
    expect(ofLabel(person.id)).toEqual(['1', '2', '3', '4']);
  }
}

async function readyz(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('a Bot API that fails every call for 30 s from the moment the services start', () => {
  const fake = new FakeBotApi();
  const prefix = uniquePrefix('outage_e2e');
  let database: TestDatabase;
  let apps: RunningApp[] = [];

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await fake.stop();
    await database.drop();
    await deleteTopology(prefix);
  });

  it('starts, takes updates during the outage, and answers each once and in order after it', async () => {
    // The outage goes through Telegram's ways of failing, a few seconds each, then ends.
    const phases: Failure[] = [{ code: 500 }, { code: 502, html: true }, { reset: true }, { hang: true }];
    fake.failFor('*', phases[0] as Failure);
    const started = Date.now();
    const timers = phases
      .slice(1)
      .map((failure, i) => setTimeout(() => fake.failFor('*', failure), ((i + 1) * 30_000) / phases.length));
    const recovery = setTimeout(() => fake.recover(), 30_000);

    const gatewayPort = await freePort();
    const workerHealthPort = await freePort();
    const env = {
      ...baseEnv({ databaseUrl: database.url, apiRoot: fake.apiRoot, queuePrefix: prefix, port: 0 }),
      TELEGRAM_CALL_TIMEOUT_MS: '1500',
    };
    apps = [
      startApp('command-worker', { ...env, HEALTH_PORT: String(workerHealthPort) }),
      startApp('callback-worker', env),
      startApp('gateway', {
        ...env,
        PORT: String(gatewayPort),
        TELEGRAM_WEBHOOK_SECRET: TEST_SECRET,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
      }),
    ];
    const [commandWorker, callbackWorker, gateway] = apps as [RunningApp, RunningApp, RunningApp];
    try {
      await gateway.waitForLog('started');
      await commandWorker.waitForLog('asking Telegram who the bot is before taking updates');
      await callbackWorker.waitForLog('asking Telegram who the bot is before taking updates');

      await sendTasks(`http://127.0.0.1:${gatewayPort}`, 'outage');

      // During the outage the worker is ready (its servers are up) and says Telegram is not.
      await waitFor('the worker to find Telegram unreachable', async () => {
        const { body } = await readyz(workerHealthPort);
        return (body.telegram as { reachable: unknown }).reachable === false;
      });
      const duringOutage = await readyz(workerHealthPort);
      expect(duringOutage.status).toBe(200);
      expect(duringOutage.body.telegram).toEqual({
        reachable: false,
        waiting_for: ['setMyCommands', 'getMe'],
      });
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(delivered(fake, (people[0] as { id: number }).id)).toEqual([]);

      await expectEveryTaskAnsweredOnceInOrder(fake, 'outage');
      await commandWorker.waitForLog('started');
      await callbackWorker.waitForLog('started');
      await gateway.waitForLog('webhook registered');
      await waitFor(
        'the menu to be set in both languages',
        async () => fake.callsOf('setMyCommands').filter((c) => !c.injected).length >= 4,
      );

      for (const app of apps) expect(app.child.exitCode).toBeNull();
      for (const app of apps) {
        expect(app.output()).not.toContain('"message":"start failed"');
        const failing = app.output().split('start-up call failing').length - 1;
        const recovered = app.output().split('start-up call succeeded after failures').length - 1;
        // One line when a call starts failing and one when it is back, not one per attempt.
        expect(failing).toBeGreaterThan(0);
        expect(recovered).toBe(failing);
      }
      const afterOutage = await readyz(workerHealthPort);
      expect(afterOutage).toEqual({
        status: 200,
        body: { status: 'ready', down: [], telegram: { reachable: true, waiting_for: [] } },
      });
      expect(await queueDepth(deadQueueOf(prefix))).toBe(0);
    } finally {
      for (const timer of [...timers, recovery]) clearTimeout(timer);
    }
  }, 120_000);
});

describe('a Bot API that answers 500 to setMyCommands forever', () => {
  const system = useStack('menu_outage_e2e');
  const { fake, prefix } = system;
  fake.failFor('setMyCommands', { code: 500 });

  it('still answers every task, and the menu keeps being retried', async () => {
    await sendTasks(system.stack().gatewayUrl, 'menu');
    await expectEveryTaskAnsweredOnceInOrder(fake, 'menu');
    expect(fake.callsOf('setMyCommands').every((c) => c.injected !== undefined)).toBe(true);
    for (const app of system.stack().apps) expect(app.child.exitCode).toBeNull();
  });

  it('holds messages through an outage that starts later, spending none of their attempts', async () => {
    // Each message gets 3 attempts 200 and 400 ms apart (RETRY_DELAYS_MS): without the hold, a
    // ten-second outage would send every one of them to the dead-letter queue.
    fake.failFor('*', { code: 502, html: true }, { forMs: 10_000 });
    await sendTasks(system.stack().gatewayUrl, 'later');
    await expectEveryTaskAnsweredOnceInOrder(fake, 'later');
    expect(await queueDepth(deadQueueOf(prefix))).toBe(0);
    const worker = system.stack().app('command-worker').output();
    expect(worker).toContain('a dependency is down; holding the message until it is back');
    expect(worker).not.toContain('message failed for good');
  }, 90_000);
});

describe('a worker told the bot username, against a Bot API whose getMe fails forever', () => {
  const system = useStack('username_e2e', { extraEnv: { TELEGRAM_BOT_USERNAME: '@fake_taskbot_bot' } });
  const { fake } = system;
  fake.failFor('getMe', { code: 502, html: true });

  it('takes updates at once and tells its own commands in a group from another bot’s', async () => {
    const person = people[0] as (typeof people)[number];
    const group = groupChat(-5_990_100, 'Team');
    const say = (text: string) =>
      post(system.stack().gatewayUrl, textMessage({ chat: group, from: person, text }));
    expect(await say('/add@otherbot Not for us')).toBe(200);
    expect(await say('/add@fake_taskbot_bot Plan the offsite')).toBe(200);
    const reply = await fake.waitForCall(
      'sendMessage',
      (c) =>
        !c.injected && c.payload.chat_id === group.id && String(c.payload.text).includes('Plan the offsite'),
    );
    expect(reply.response.ok).toBe(true);
    const toGroup = fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === group.id);
    expect(toGroup.some((c) => String(c.payload.text).includes('Not for us'))).toBe(false);
    expect(fake.callsOf('getMe').filter((c) => !c.injected)).toEqual([]);
  });
});
