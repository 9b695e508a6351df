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
        allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'],
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
});
