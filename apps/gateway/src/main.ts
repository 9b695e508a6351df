import { exitOnConfigError, loadConfig } from '@taskbot/config/load-config';
import { createLogger } from '@taskbot/logger/logger';
import { RecentLines } from '@taskbot/logger/recent-lines';
import { runService } from '@taskbot/runtime/service';
import { gatewayConfigSchema } from './config';
import { createGateway } from './gateway';

function main(): void {
  const config = loadConfig(gatewayConfigSchema);
  const recentLines = new RecentLines(50);
  const logger = createLogger({
    service: 'gateway',
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
    secrets: [config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_WEBHOOK_SECRET, config.ADMIN_TOKEN],
    file: config.LOG_FILE,
    // The latest warnings and errors, which the ops app reads from the admin listener for its page.
    transports: [recentLines.transport],
  });
  void runService(createGateway(config, logger, { recentLines }), { logger });
}

try {
  main();
} catch (error) {
  exitOnConfigError(error);
}
