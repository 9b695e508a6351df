import { exitOnConfigError, loadConfig } from '@taskbot/config/load-config';
import { createLogger } from '@taskbot/logger/logger';
import { OwnMessages } from '@taskbot/reminders/own-messages';
import { Scheduler } from '@taskbot/reminders/scheduler';
import { runService } from '@taskbot/runtime/service';
import { workerConfigSchema } from '@taskbot/worker/config';
import { createWorker } from '@taskbot/worker/worker';
import { installCommandFeatures } from './bot';

function main(): void {
  const config = loadConfig(workerConfigSchema);
  const logger = createLogger({
    service: 'command-worker',
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
    secrets: [config.TELEGRAM_BOT_TOKEN, config.ADMIN_TOKEN],
    file: config.LOG_FILE,
  });
  const worker = createWorker({
    config,
    logger,
    queues: ['commands', 'telegram'],
    defaultHealthPort: 8081,
    defaultAdminPort: 9091,
    install: installCommandFeatures,
    // The command worker is the one that sends reminders and digests: they travel its `telegram`
    // queue, and it sends each as it comes off there.
    ownMessages: ({ deps, telegram }) =>
      new OwnMessages({
        reminders: deps.reminders,
        users: deps.users,
        chats: deps.chats,
        telegram,
        logger,
        defaults: deps.defaults,
      }),
    // And it finds them due: every replica looks, once its consumers run (see Scheduler).
    background: ({ deps, publisher }) => [
      new Scheduler({
        reminders: deps.reminders,
        publisher,
        logger,
        intervalMs: config.SCHEDULER_INTERVAL_MS,
        defaults: deps.defaults,
      }),
    ],
  });
  void runService(worker, { logger });
}

try {
  main();
} catch (error) {
  exitOnConfigError(error);
}
