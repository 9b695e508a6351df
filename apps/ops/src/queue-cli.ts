// `pnpm queue:failed | queue:retry | queue:forget | queue:flush`: the failed-jobs tool. Exit codes:
// 0 done, 1 refused (unknown command, id or queue; nothing changed) or failed, 78 bad configuration.
import { rabbitEnv } from '@taskbot/config/env';
import { exitOnConfigError, loadConfig } from '@taskbot/config/load-config';
import { describeError } from '@taskbot/errors/failure';
import { createLogger } from '@taskbot/logger/logger';
import { Broker } from '@taskbot/messaging/broker';
import { FailedJobs } from '@taskbot/messaging/failed-jobs';
import { Publisher } from '@taskbot/messaging/publisher';
import { topology } from '@taskbot/messaging/topology';
import { z } from 'zod';
import { parseQueueCommand, type QueueCommand, USAGE, UsageError } from './queue-command';
import { runQueueStatus } from './queue-status';
import { type JobsCommand, type Output, runQueueCommand } from './run-queue-command';

const configSchema = z.object(rabbitEnv);
type OpsConfig = z.output<typeof configSchema>;

const output: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** The broker address without its password, for messages. */
function shownUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function execute(command: JobsCommand, config: OpsConfig): Promise<number> {
  // Logs go to stderr and only on errors: stdout is the table an operator reads or a script parses.
  const logger = createLogger({ service: 'queue-cli', level: 'error', stream: process.stderr });
  let broker: Broker;
  try {
    broker = await Broker.connect({
      url: config.RABBITMQ_URL,
      layout: topology(config.QUEUE_PREFIX, config.QUEUE_PARTITIONS),
      logger,
      initialRetries: 2,
    });
  } catch (error) {
    output.err(`cannot reach RabbitMQ at ${shownUrl(config.RABBITMQ_URL)}: ${describeError(error)}`);
    return 1;
  }
  try {
    const publisher = await Publisher.create(broker, logger);
    const jobs = await FailedJobs.open(broker, publisher);
    return await runQueueCommand(command, jobs, output, { queuePrefix: config.QUEUE_PREFIX });
  } catch (error) {
    output.err(`${command.name} failed: ${describeError(error)}`);
    return 1;
  } finally {
    await broker.close().catch(() => undefined);
  }
}

function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv.filter((arg) => arg !== '--');
  if (name === 'status') {
    const logger = createLogger({ service: 'queue-cli', level: 'error', stream: process.stderr });
    return runQueueStatus(rest, logger, output).catch(exitOnConfigError);
  }
  let command: QueueCommand;
  try {
    command = parseQueueCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`${error.message}\n\n${USAGE}`);
    return Promise.resolve(1);
  }
  if (command.name === 'help') {
    output.out(USAGE);
    return Promise.resolve(0);
  }
  let config: OpsConfig;
  try {
    config = loadConfig(configSchema);
  } catch (error) {
    exitOnConfigError(error);
  }
  return execute(command, config);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    output.err(`queue tool crashed: ${describeError(error)}`);
    process.exitCode = 1;
  },
);
