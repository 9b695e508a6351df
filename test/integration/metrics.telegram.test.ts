import { PassThrough } from 'node:stream';
import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import { createLogger } from '@taskbot/logger/logger';
import { createMetricsRegistry } from '@taskbot/metrics/registry';
import { createTelegramMetrics } from '@taskbot/metrics/telegram-metrics';
import { createTelegramClient } from '@taskbot/telegram/client';
import { Redis } from 'ioredis';
import { TEST_TOKEN, uniquePrefix } from '../support/stack';

// The Telegram client counts every request it makes by method and answer, against the fake Bot API.

const logger = createLogger({ service: 'telegram-metrics-test', level: 'error', stream: new PassThrough() });

describe('Telegram API metrics', () => {
  const fake = new FakeBotApi();
  let redis: Redis;

  beforeAll(async () => {
    await fake.start();
    redis = new Redis(process.env.REDIS_URL ?? '', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    await new Promise((resolve) => redis.once('ready', resolve));
  });

  afterAll(async () => {
    redis.disconnect();
    await fake.stop();
  });

  it('counts calls by method and status, and 429s apart, and never shows the token', async () => {
    const registry = createMetricsRegistry('command-worker');
    const telegram = createTelegramClient({
      token: TEST_TOKEN,
      apiRoot: fake.apiRoot,
      redis,
      prefix: uniquePrefix('tgmetrics'),
      logger,
      limits: { chatPerSecond: 1_000, groupPerMinute: 1_000, globalPerSecond: 1_000, maxWaitMs: 5_000 },
      retryAfterBudgetMs: 0,
      observer: createTelegramMetrics(registry),
    });
    await telegram.getMe();
    await telegram.sendMessage(7_300_001, 'hello');
    fake.failNext('sendMessage', { code: 500, description: 'Internal Server Error' });
    await expect(telegram.sendMessage(7_300_001, 'again')).rejects.toThrow('Internal Server Error');
    fake.failNext('sendMessage', { code: 429, retryAfter: 3 });
    await expect(telegram.sendMessage(7_300_001, 'too fast')).rejects.toThrow('retry after 3');

    const text = await registry.metrics();
    const value = (labels: string) =>
      text
        .split('\n')
        .find((line) => line.startsWith(`taskbot_telegram_api_calls_total{${labels}`))
        ?.split(' ')
        .pop();
    expect(value('method="getMe",status="200"')).toBe('1');
    expect(value('method="sendMessage",status="200"')).toBe('1');
    expect(value('method="sendMessage",status="500"')).toBe('1');
    expect(value('method="sendMessage",status="429"')).toBe('1');
    expect(text).toContain(
      'taskbot_telegram_flood_waits_total{method="sendMessage",service="command-worker"} 1',
    );
    // The bot token never shows up in the metrics.
    expect(text).not.toContain(TEST_TOKEN);
  });
});
