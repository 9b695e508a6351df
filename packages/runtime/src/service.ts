import type { Logger } from '@taskbot/logger/logger';

/** A service's composition root: `start()` starts its parts in order, `stop()` stops them in reverse. */
export interface Service {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface RunOptions {
  logger: Logger;
  /** The process exits at the latest this long after SIGTERM, finished or not (Kubernetes waits 30 s). */
  stopDeadlineMs?: number;
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
  /** Log uncaught errors through the logger and exit 1 (default true; tests of runService turn it off). */
  handleCrashes?: boolean;
}

/**
 * Starts a service and stops it once on the first SIGTERM or SIGINT: stop taking work, finish the
 * work in hand, close connections, exit. A second signal, or the deadline, exits at once; messages
 * not yet acknowledged stay in RabbitMQ, so nothing is lost either way.
 */
export async function runService(service: Service, options: RunOptions): Promise<void> {
  const { logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn('second signal, exiting now', { signal });
      exit(1);
      return;
    }
    stopping = true;
    logger.info('stopping', { signal });
    const deadline = setTimeout(() => {
      logger.error('stop took too long, exiting', { deadline_ms: options.stopDeadlineMs ?? 10_000 });
      exit(1);
    }, options.stopDeadlineMs ?? 10_000);
    deadline.unref();
    service.stop().then(
      () => {
        clearTimeout(deadline);
        logger.info('stopped');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        logger.error('stop failed', { error });
        exit(1);
      },
    );
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, onSignal);
  // An error nothing caught would otherwise be printed by Node itself, stack and all, past the
  // logger's redaction (telegraf's errors carry the Bot API URL, token included). It goes through
  // the logger instead, and the process ends as Node would have ended it.
  if (options.handleCrashes !== false) {
    const crash = (kind: string) => (error: unknown) => {
      logger.error(kind, { error });
      exit(1);
    };
    process.on('uncaughtException', crash('uncaught exception, exiting'));
    process.on('unhandledRejection', crash('unhandled promise rejection, exiting'));
  }
  try {
    await service.start();
    logger.info('started');
  } catch (error) {
    logger.error('start failed', { error });
    await service.stop().catch(() => undefined);
    // An error that names its own exit code (78: a setting to fix) keeps it, so an orchestrator
    // and an operator can tell "fix the configuration" from "it crashed".
    const code = (error as { exitCode?: unknown } | undefined)?.exitCode;
    exit(typeof code === 'number' && Number.isInteger(code) ? code : 1);
  }
}
