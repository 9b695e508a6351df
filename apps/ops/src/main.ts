import { exitOnConfigError, loadConfig } from '@taskbot/config/load-config';
import { createLogger } from '@taskbot/logger/logger';
import { RecentLines } from '@taskbot/logger/recent-lines';
import { runService } from '@taskbot/runtime/service';
import { opsConfigSchema } from './config';
import { createOpsService } from './ops-service';

function main(): void {
  const config = loadConfig(opsConfigSchema);
  const recentLines = new RecentLines(50);
  const logger = createLogger({
    service: 'ops',
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
    secrets: [config.ADMIN_TOKEN],
    file: config.LOG_FILE,
    // The operations page shows the latest warnings and errors, its own beside the gateway's.
    transports: [recentLines.transport],
  });
  void runService(createOpsService(config, logger, { recentLines }), { logger });
}

try {
  main();
} catch (error) {
  exitOnConfigError(error);
}
