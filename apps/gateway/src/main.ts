import { exitOnConfigError, loadConfig } from '@taskbot/config/load-config';
import { createLogger } from '@taskbot/logger/logger';
import { runService } from '@taskbot/runtime/service';
import { gatewayConfigSchema } from './config';
import { createGateway } from './gateway';

function main(): void {
  const config = loadConfig(gatewayConfigSchema);
  const logger = createLogger({
    service: 'gateway',
    level: config.LOG_LEVEL,
    secrets: [config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_WEBHOOK_SECRET],
  });
  void runService(createGateway(config, logger), { logger });
}

try {
  main();
} catch (error) {
  exitOnConfigError(error);
}
