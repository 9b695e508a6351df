import { exitOnConfigError, loadConfig } from '@taskbot/config/load-config';
import { createLogger } from '@taskbot/logger/logger';
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
    // The command worker is the one that finds due reminders and digests and sends them.
    sendsReminders: true,
  });
  void runService(worker, { logger });
}

try {
  main();
} catch (error) {
  exitOnConfigError(error);
}
