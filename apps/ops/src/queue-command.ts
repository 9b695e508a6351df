// The command line of the failed-jobs tool, parsed before anything connects: a wrong command or
// id is refused with a clear message and changes nothing.

export type QueueCommand =
  | { name: 'help' }
  | { name: 'failed' }
  | { name: 'show'; id: string }
  | { name: 'retry'; ids: string[] | 'all'; queue?: string }
  | { name: 'forget'; id: string }
  | { name: 'flush' };

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage (pnpm queue:<command> ..., or node packages/ops/dist/queue-cli.js <command> ...):
  failed                          list the failed jobs (id, queue, update, error, attempts, failed at)
  failed show <id>                everything about one job: body, headers, properties
  retry <id...|all> [--queue <q>] put jobs back on the queue they failed in, attempts reset
  forget <id>                     remove one failed job for good
  flush                           remove every failed job
Settings: RABBITMQ_URL, QUEUE_PREFIX, QUEUE_PARTITIONS (environment or .env, as the services read them).`;

const ID = /^[0-9a-f]{12}$/;

function jobId(value: string | undefined, command: string): string {
  if (value === undefined) throw new UsageError(`${command} needs the id of a failed job`);
  const id = value.trim().toLowerCase();
  if (!ID.test(id)) {
    throw new UsageError(`"${value}" is not a failed-job id (12 hex digits, as "failed" lists them)`);
  }
  return id;
}

function noMore(rest: string[], command: string): void {
  if (rest.length > 0) throw new UsageError(`${command} takes no more arguments, got: ${rest.join(' ')}`);
}

function parseRetry(args: string[]): QueueCommand {
  const ids: string[] = [];
  let queue: string | undefined;
  let all = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--queue' || arg.startsWith('--queue=')) {
      const value = arg === '--queue' ? args[++index] : arg.slice('--queue='.length);
      if (!value || value.startsWith('-')) throw new UsageError('--queue needs a queue name');
      if (queue !== undefined) throw new UsageError('--queue may be given once');
      queue = value;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`retry has no option ${arg}`);
    } else if (arg === 'all') {
      all = true;
    } else {
      ids.push(jobId(arg, 'retry'));
    }
  }
  if (all && ids.length > 0) throw new UsageError('retry takes either ids or "all", not both');
  if (!all && ids.length === 0) throw new UsageError('retry needs job ids or "all"');
  const command: QueueCommand = { name: 'retry', ids: all ? 'all' : [...new Set(ids)] };
  if (queue !== undefined) command.queue = queue;
  return command;
}

export function parseQueueCommand(argv: string[]): QueueCommand {
  // `pnpm queue:retry -- abc` passes the separator along; no argument is ever a bare "--".
  const [name, ...rest] = argv.filter((arg) => arg !== '--');
  switch (name) {
    case undefined:
      throw new UsageError('no command given');
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help' };
    case 'failed': {
      if (rest.length === 0) return { name: 'failed' };
      const [sub, id, ...more] = rest;
      if (sub !== 'show') throw new UsageError(`unknown "failed" command: ${sub}`);
      noMore(more, 'failed show');
      return { name: 'show', id: jobId(id, 'failed show') };
    }
    case 'retry':
      return parseRetry(rest);
    case 'forget': {
      const [id, ...more] = rest;
      noMore(more, 'forget');
      return { name: 'forget', id: jobId(id, 'forget') };
    }
    case 'flush':
      noMore(rest, 'flush');
      return { name: 'flush' };
    default:
      throw new UsageError(`unknown command: ${name}`);
  }
}
