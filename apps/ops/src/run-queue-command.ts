import { oneLine } from '@taskbot/domain/update-summary';
import { type FailedJobs, UnknownJobError, UnknownQueueError } from '@taskbot/messaging/failed-jobs';
import { renderFailedTable, renderJob } from './failed-table';
import type { QueueCommand } from './queue-command';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export interface RunOptions {
  /** QUEUE_PREFIX: `--queue telegram-commands` means the deployment's own queue. */
  queuePrefix: string;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** A command that works on the failed jobs (every one but `help`). */
export type JobsCommand = Exclude<QueueCommand, { name: 'help' }>;

/** Runs one command against the failed jobs; resolves the process exit code. */
export async function runQueueCommand(
  command: JobsCommand,
  jobs: FailedJobs,
  output: Output,
  options: RunOptions,
): Promise<number> {
  try {
    return await run(command, jobs, output, options);
  } catch (error) {
    if (error instanceof UnknownJobError || error instanceof UnknownQueueError) {
      output.err(`${error.message}; nothing was changed`);
      return 1;
    }
    throw error;
  }
}

async function run(command: JobsCommand, jobs: FailedJobs, output: Output, options: RunOptions) {
  switch (command.name) {
    case 'failed':
      output.out(renderFailedTable(await jobs.list()));
      return 0;
    case 'show':
      output.out(renderJob(await jobs.show(command.id)));
      return 0;
    case 'forget': {
      const job = await jobs.forget(command.id);
      output.out(`Forgot job ${job.id} (${oneLine(job.summary, 64)}) from ${job.deadQueue}.`);
      return 0;
    }
    case 'flush': {
      const result = await jobs.flush();
      for (const { queue, count } of result.queues) output.out(`${queue}: ${plural(count, 'job')} removed`);
      output.out(`Flushed ${plural(result.total, 'failed job')}.`);
      return 0;
    }
    case 'retry': {
      const queue =
        command.queue === undefined || command.queue.startsWith(options.queuePrefix)
          ? command.queue
          : `${options.queuePrefix}${command.queue}`;
      const result = await jobs.retry(command.ids, queue === undefined ? {} : { queue });
      for (const job of result.retried) output.out(`Retried ${job.id} on ${job.queue}.`);
      for (const { job, error } of result.failed) {
        output.err(`Could not retry ${job.id} (it stays in ${job.deadQueue}): ${error}`);
      }
      const where = queue === undefined ? '' : ` in ${queue}`;
      if (result.retried.length === 0 && result.failed.length === 0) {
        output.out(`No failed jobs${where} to retry.`);
      } else {
        output.out(`Retried ${plural(result.retried.length, 'job')}${where}.`);
      }
      return result.failed.length === 0 ? 0 : 1;
    }
  }
}
