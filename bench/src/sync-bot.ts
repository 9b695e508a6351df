import http from 'node:http';
import { createLogger } from '@taskbot/logger/logger';
import { createFeatureBot } from './feature-bot';

// The synchronous way, the old system's "before": one process that handles each update inside
// the webhook request (telegraf's webhookCallback) and answers Telegram only when it is done.
// Same features, stores and Bot API client as the workers; no broker.

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const logger = createLogger({ service: 'sync-bot', level: process.env.LOG_LEVEL ?? 'info' });
  const secret = required('TELEGRAM_WEBHOOK_SECRET');
  const { bot, close } = await createFeatureBot({
    databaseUrl: required('DATABASE_URL'),
    redisUrl: required('REDIS_URL'),
    redisPrefix: required('REDIS_PREFIX'),
    apiRoot: required('TELEGRAM_API_ROOT'),
    token: required('TELEGRAM_BOT_TOKEN'),
    limits: {
      chatPerSecond: Number(required('TELEGRAM_CHAT_RATE_PER_SECOND')),
      groupPerMinute: Number(required('TELEGRAM_GROUP_RATE_PER_MINUTE')),
      globalPerSecond: Number(required('TELEGRAM_GLOBAL_RATE_PER_SECOND')),
    },
    logger,
  });
  bot.catch((error) => {
    logger.error('update failed', { error: (error as Error).message });
  });
  const server = http.createServer(bot.webhookCallback('/telegram/webhook', { secretToken: secret }));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(Number(required('PORT')), '127.0.0.1', resolve));
  logger.info('started');
  process.once('SIGTERM', () => {
    server.close(() => void close().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
