import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { type Service, startApp } from './processes';

// Our system as it runs in production: the gateway and both workers as separate processes, with
// Telegram's own outgoing limits, and the inbound per-user limit raised (the load comes from a
// few thousand people sending far more than a person does).

export const BOT_TOKEN = '123456789:BENCH-token-for-the-fake-bot-api-00000';
export const WEBHOOK_SECRET = 'bench-webhook-secret-0123456789abcdef';
export const PARTITIONS = 8;
export const RETRY_DELAYS_MS = [5_000, 30_000];

/** The settings every service of a run gets, shown in the results as the conditions in force. */
export const OUTGOING_LIMITS = {
  TELEGRAM_CHAT_RATE_PER_SECOND: '1',
  TELEGRAM_GROUP_RATE_PER_MINUTE: '20',
  TELEGRAM_GLOBAL_RATE_PER_SECOND: '30',
};
export const GATEWAY_LIMITS = { RATE_LIMIT_PER_MINUTE: '100000' };

export interface StackOptions {
  databaseUrl: string;
  rabbitUrl: string;
  redisUrl: string;
  apiRoot: string;
  prefix: string;
}

export function serviceEnv(options: StackOptions): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_API_ROOT: options.apiRoot,
    DATABASE_URL: options.databaseUrl,
    RABBITMQ_URL: options.rabbitUrl,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: options.prefix,
    REDIS_PREFIX: options.prefix,
    QUEUE_PARTITIONS: String(PARTITIONS),
    RETRY_DELAYS_MS: RETRY_DELAYS_MS.join(','),
    PARTITION_BALANCE_INTERVAL_MS: '1000',
    LOG_LEVEL: 'info',
    HEALTH_PORT: '0',
    ADMIN_PORT: '0',
    ...OUTGOING_LIMITS,
  };
}

export async function startGateway(options: StackOptions, port: number): Promise<Service> {
  const gateway = startApp('gateway', {
    ...serviceEnv(options),
    PORT: String(port),
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ...GATEWAY_LIMITS,
  });
  await gateway.waitForLog('started');
  return gateway;
}

/** One replica of each worker; `replica` tells them apart in the results. */
export async function startWorkers(options: StackOptions, replica: number): Promise<Service[]> {
  const env = serviceEnv(options);
  const workers = [
    startApp('command-worker', env, `command-worker#${replica}`),
    startApp('callback-worker', env, `callback-worker#${replica}`),
  ];
  await Promise.all(workers.map((worker) => worker.waitForLog('started')));
  return workers;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

/** Fields of /proc/<pid>/stat after the command name, or undefined when the process is gone. */
function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ")".
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far; 0 where /proc is not there. */
export function cpuSeconds(pid: number | undefined): number {
  const fields = pid === undefined ? undefined : statFields(pid);
  // utime, stime are fields 14 and 15 of the whole line.
  return fields ? (Number(fields[11]) + Number(fields[12])) / 100 : 0;
}

/**
 * CPU seconds so far of every process named `command` (PostgreSQL's backends, RabbitMQ's beam.smp,
 * redis-server), counting the children they have reaped (PostgreSQL's finished backends); 0 when
 * none runs here.
 */
export function commandCpuSeconds(command: string): number {
  let total = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    let name = '';
    try {
      name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (name !== command) continue;
    const fields = statFields(pid);
    // utime, stime, cutime, cstime: fields 14 to 17.
    if (fields) total += fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100;
  }
  return total;
}

/** CPU seconds all cores of the machine have been busy so far (every process), from /proc/stat. */
export function machineBusySeconds(): number {
  try {
    const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
    // cpu user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait.
    const ticks = (cpu ?? '').trim().split(/\s+/).slice(1).map(Number);
    const busy = ticks.reduce((sum, value) => sum + value, 0) - (ticks[3] ?? 0) - (ticks[4] ?? 0);
    return busy / 100;
  } catch {
    return 0;
  }
}

/** Reads a CPU-seconds counter (a process, a server, the bench process, the machine). */
export type CpuCounter = () => number;

/** The CPU seconds each counter advanced while `work` ran. */
export async function cpuDuring<K extends string, T>(
  counters: Record<K, CpuCounter>,
  work: () => Promise<T>,
): Promise<{ result: T; used: Record<K, number> }> {
  const read = () =>
    Object.fromEntries(Object.entries<CpuCounter>(counters).map(([part, counter]) => [part, counter()]));
  const before = read();
  const result = await work();
  const after = read();
  const used = Object.fromEntries(
    Object.keys(counters).map((part) => [part, (after[part] ?? 0) - (before[part] ?? 0)]),
  ) as Record<K, number>;
  return { result, used };
}

/** The counters every scenario shares: the servers, the bench process itself and the whole machine. */
export const SHARED_CPU_COUNTERS = {
  postgres: () => commandCpuSeconds('postgres'),
  rabbitmq: () => commandCpuSeconds('beam.smp'),
  redis: () => commandCpuSeconds('redis-server'),
  // The load generator and the fake Bot API.
  bench: () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  },
  machine: machineBusySeconds,
} satisfies Record<string, CpuCounter>;
