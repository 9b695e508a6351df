import { exitOnConfigError, loadConfig } from '@taskbot/config/load-config';
import { createLogger } from '@taskbot/logger/logger';
import { runService } from '@taskbot/runtime/service';
import { workerConfigSchema } from '@taskbot/worker/config';
import { createWorker } from '@taskbot/worker/worker';
import { installCallbackFeatures } from './bot';

function main(): void {
  const config = loadConfig(workerConfigSchema);
  const logger = createLogger({
    service: 'callback-worker',
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
    secrets: [config.TELEGRAM_BOT_TOKEN, config.ADMIN_TOKEN],
    file: config.LOG_FILE,
  });
  const worker = createWorker({
    config,
    logger,
    queues: ['callbacks'],
    defaultHealthPort: 8082,
    defaultAdminPort: 9092,
    install: installCallbackFeatures,
  });
  void runService(worker, { logger });
}

try {
  main();
} catch (error) {
  exitOnConfigError(error);
}
