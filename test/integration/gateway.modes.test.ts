import { PassThrough } from 'node:stream';
import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import { privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { createLogger } from '@taskbot/logger/logger';
import { topology } from '@taskbot/messaging/topology';
import { gatewayConfigSchema } from '../../apps/gateway/src/config';
import { createGateway } from '../../apps/gateway/src/gateway';
import { deleteTopology, drainQueue, STACK_PARTITIONS } from '../support/broker';
import { TEST_SECRET, TEST_TOKEN, uniquePrefix } from '../support/stack';

// The two ways updates come in: Telegram calling our webhook (which the gateway registers), or the
// gateway long-polling getUpdates when there is no public address.

const logger = createLogger({ service: 'gateway-test', level: 'error', stream: new PassThrough() });

function configFor(apiRoot: string, prefix: string, env: Record<string, string>) {
  return gatewayConfigSchema.parse({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    RABBITMQ_URL: process.env.RABBITMQ_URL,
    REDIS_URL: process.env.REDIS_URL,
    QUEUE_PREFIX: prefix,
    QUEUE_PARTITIONS: String(STACK_PARTITIONS),
    REDIS_PREFIX: prefix,
    PORT: '0',
    ADMIN_PORT: '0',
    ...env,
  });
}

const waitUntil = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met in time');
};

describe('how the gateway receives updates', () => {
  const fake = new FakeBotApi();
  const prefix = uniquePrefix('modes');
  let apiRoot: string;

  beforeAll(async () => {
    apiRoot = await fake.start();
  });

  afterAll(async () => {
    await fake.stop();
    await deleteTopology(prefix, []);
  });

  it('registers its webhook with the secret and the update kinds it handles at start', async () => {
    const gateway = createGateway(
      configFor(apiRoot, prefix, {
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_SECRET: TEST_SECRET,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
      }),
      logger,
    );
    await gateway.start();
    try {
      const call = await fake.waitForCall('setWebhook');
      expect(call.payload).toMatchObject({
        url: 'https://bot.example.com/telegram/webhook',
        secret_token: TEST_SECRET,
        allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member', 'chat_member'],
      });
      expect((await fetch(`${gateway.address()}/readyz`)).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });

  it('in polling mode takes updates from getUpdates, publishes them in order and confirms them', async () => {
    await fake.call(TEST_TOKEN, 'setWebhook', { url: 'https://old.example.com/hook' });
    const gateway = createGateway(configFor(apiRoot, prefix, { TELEGRAM_MODE: 'polling' }), logger);
    await gateway.start();
    try {
      await fake.waitForCall('deleteWebhook');
      const erin = user(7_200_001);
      const push = (n: number) =>
        fake.pushUpdate(textMessage({ chat: privateChat(erin), from: erin, text: `/add ${n}` }));
      const pushed = [push(1), push(2), push(3)];
      const received: number[] = [];
      const receive = (count: number) =>
        waitUntil(async () => {
          // All of one chat's updates travel the partition of that chat, in order.
          const layout = topology(prefix, STACK_PARTITIONS);
          const queue = layout.partitionQueues('commands')[layout.partitionOf(erin.id)] ?? '';
          const messages = await drainQueue(queue);
          received.push(
            ...messages.map((m) => (m.body as { update: { update_id: number } }).update.update_id),
          );
          return received.length >= count;
        });
      await receive(3);
      // A later update arrives alone: the earlier ones were confirmed by the offset, not fetched again.
      pushed.push(push(4));
      await receive(4);
      expect(received).toEqual(pushed.map((update) => update.update_id));
      const webhookRoute = await fetch(`${gateway.address()}/telegram/webhook`, { method: 'POST' });
      expect(webhookRoute.status).toBe(404);
    } finally {
      await gateway.stop();
    }
  });

  it('starts and takes webhook updates while Telegram fails setWebhook, and registers once it is back', async () => {
    fake.reset();
    fake.failFor('setWebhook', { code: 502, html: true });
    const gateway = createGateway(
      configFor(apiRoot, prefix, {
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_SECRET: TEST_SECRET,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
      }),
      logger,
    );
    await gateway.start();
    try {
      const frank = user(7_200_002);
      const update = textMessage({ chat: privateChat(frank), from: frank, text: '/add during the outage' });
      const answer = await fetch(`${gateway.address()}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
        body: JSON.stringify(update),
      });
      expect(answer.status).toBe(200);
      await fake.waitForCalls('setWebhook', 2);
      const ready = await fetch(`${gateway.address()}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        telegram: { reachable: false, waiting_for: ['setWebhook'] },
      });

      fake.recover();
      await fake.waitForCall('setWebhook', (call) => call.injected === undefined);
      await waitUntil(async () => {
        const health = (await (await fetch(`${gateway.address()}/healthz`)).json()) as {
          telegram: { waiting_for: string[] };
        };
        return health.telegram.waiting_for.length === 0;
      });
    } finally {
      await gateway.stop();
      await drainQueue(topology(prefix, STACK_PARTITIONS).partitionQueues('commands')[0] ?? '');
    }
  });

  it('in polling mode keeps trying to remove the webhook and to poll while Telegram resets connections', async () => {
    fake.reset();
    fake.failFor('*', { reset: true });
    const gateway = createGateway(configFor(apiRoot, prefix, { TELEGRAM_MODE: 'polling' }), logger);
    await gateway.start();
    try {
      await fake.waitForCalls('deleteWebhook', 2);
      expect((await fetch(`${gateway.address()}/readyz`)).status).toBe(200);
      fake.recover();
      const gina = user(7_200_003);
      const pushed = fake.pushUpdate(textMessage({ chat: privateChat(gina), from: gina, text: '/add back' }));
      const layout = topology(prefix, STACK_PARTITIONS);
      const queue = layout.partitionQueues('commands')[layout.partitionOf(gina.id)] ?? '';
      const received: number[] = [];
      await waitUntil(async () => {
        const messages = await drainQueue(queue);
        received.push(...messages.map((m) => (m.body as { update: { update_id: number } }).update.update_id));
        return received.length > 0;
      }, 20_000);
      expect(received).toEqual([pushed.update_id]);
    } finally {
      await gateway.stop();
    }
  }, 30_000);
});
