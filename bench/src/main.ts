import os from 'node:os';
import path from 'node:path';
import { ensureQueueVersionPolicy } from './broker-policy';
import type { BenchContext } from './context';
import { Recorder } from './figures';
import { type Service, stopEveryService } from './processes';
import { machineState, type Report, readReport, writeReport } from './report';
import { createBenchDatabase, deleteRedisKeys, deleteTopology, RUN_ID } from './resources';
import { cacheScenario } from './scenario-cache';
import { endToEndScenario, type RunningStack, scaleRuns } from './scenario-e2e';
import { GATEWAY_CONNECTIONS, gatewayScenario } from './scenario-gateway';
import { BOT_API_LATENCY_MS, synchronousScenario, TELEGRAM_CONNECTIONS } from './scenario-sync';
import { readSettings, UsageError } from './settings';
import {
  freePort,
  GATEWAY_LIMITS,
  OUTGOING_LIMITS,
  PARTITIONS,
  RETRY_DELAYS_MS,
  startGateway,
  startWorkers,
} from './stack';
import { TimedFakeBotApi } from './timed-fake';

// `pnpm bench [--quick] [--only 1,3]`: starts every service on this machine, runs the scenarios
// of issue 8, and writes bench/results/RESULTS.md, results.svg and results.json.

const RESULTS_DIR = path.resolve(__dirname, '..', 'results');

function progress(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function main(): Promise<number> {
  const settings = readSettings(process.argv.slice(2), process.env, RESULTS_DIR);
  if (settings.reportOnly) {
    const dir = settings.resultsDir;
    for (const file of writeReport(readReport(dir), dir))
      progress(`wrote ${path.relative(process.cwd(), file)}`);
    return 0;
  }
  const machine = machineState();
  progress(
    `bench ${RUN_ID}${settings.quick ? ' (quick)' : ''}: scenarios ${[...settings.scenarios].join(', ')} on ${machine.nproc} cores, load average ${machine.loadAverageBefore.join(' ')}`,
  );
  const recorder = new Recorder();
  const notes: string[] = [];
  const policy = await ensureQueueVersionPolicy(settings.rabbitUrl);
  progress(policy);
  notes.push(policy);
  const prefixes: string[] = [];
  const fake = new TimedFakeBotApi();
  const apiRoot = await fake.start();
  const database = await createBenchDatabase(settings.databaseUrl, 'run');
  progress(`fresh database ${new URL(database.url).pathname.slice(1)}, fake Bot API at ${apiRoot}`);
  const ctx: BenchContext = {
    settings,
    fake,
    apiRoot,
    databaseUrl: database.url,
    recorder,
    notes,
    newPrefix(label) {
      const prefix = `bench_${label}_${RUN_ID}.`;
      prefixes.push(prefix);
      return prefix;
    },
    progress,
  };
  const services: Service[] = [];
  let cleaned: Promise<void> | undefined;
  // Once, whether the run ends, fails or is interrupted: what it made on the shared servers goes.
  const cleanUp = () => {
    cleaned ??= (async () => {
      progress('stopping the services and removing what the run made');
      await stopEveryService();
      await fake.stop();
      for (const prefix of prefixes) {
        await deleteTopology(settings.rabbitUrl, prefix, PARTITIONS, RETRY_DELAYS_MS).catch(() => undefined);
        await deleteRedisKeys(settings.redisUrl, prefix).catch(() => undefined);
      }
      await database.drop();
    })();
    return cleaned;
  };
  process.once('SIGINT', () => {
    progress('interrupted');
    void cleanUp().finally(() => process.exit(130));
  });
  const wanted = (n: number) => settings.scenarios.has(n);
  try {
    if (wanted(1)) await gatewayScenario(ctx);
    if (wanted(2) || wanted(3) || wanted(5)) {
      const stackOptions = {
        databaseUrl: database.url,
        rabbitUrl: settings.rabbitUrl,
        redisUrl: settings.redisUrl,
        apiRoot,
        prefix: ctx.newPrefix('stack'),
      };
      services.push(...(await startWorkers(stackOptions, 1)));
      const stack: RunningStack = { gatewayPort: await freePort(), services, prefix: stackOptions.prefix };
      services.push(await startGateway(stackOptions, stack.gatewayPort));
      progress('gateway and one replica of each worker started');
      if (wanted(2)) await endToEndScenario(ctx, stack);
      if (wanted(3)) await synchronousScenario(ctx, stack);
      if (wanted(5)) {
        await scaleRuns(ctx, stack, 'scale1.ups');
        services.push(...(await startWorkers(stackOptions, 2)));
        progress('second replica of each worker started');
        await scaleRuns(ctx, stack, 'scale2.ups');
        const one = recorder.runs['scale1.ups'] ?? [];
        const two = recorder.runs['scale2.ups'] ?? [];
        for (const [i, value] of two.entries()) recorder.add('scale.ratio', value / (one[i] ?? Number.NaN));
      }
    }
    // Replies that came with nobody waiting: updates answered other than 200 that RabbitMQ still
    // took (at least once), or replies after the timeout. The cache scenario's own replies come after.
    if (fake.strayReplies > 0)
      notes.push(`The fake Bot API saw ${fake.strayReplies} replies nobody waited for.`);
    if (wanted(4)) await cacheScenario(ctx);
  } finally {
    await cleanUp();
  }
  machine.loadAverageAfter = os.loadavg().map((value) => Math.round(value * 100) / 100);
  machine.finishedAt = new Date().toISOString();
  const report: Report = {
    machine,
    settings: { ...settings, scenarios: [...settings.scenarios] },
    conditions: {
      'outgoing (workers, flood control)': `TELEGRAM_CHAT_RATE_PER_SECOND=${OUTGOING_LIMITS.TELEGRAM_CHAT_RATE_PER_SECOND}, TELEGRAM_GROUP_RATE_PER_MINUTE=${OUTGOING_LIMITS.TELEGRAM_GROUP_RATE_PER_MINUTE}, TELEGRAM_GLOBAL_RATE_PER_SECOND=${OUTGOING_LIMITS.TELEGRAM_GLOBAL_RATE_PER_SECOND} (Telegram's own; replies to people do not wait for the global one)`,
      'inbound (gateway, per user)': `RATE_LIMIT_PER_MINUTE=${GATEWAY_LIMITS.RATE_LIMIT_PER_MINUTE} (raised from 60: each bench person sends far more than one a second)`,
      queues: `QUEUE_PARTITIONS=${PARTITIONS}, WORKER_PREFETCH=128 (default), DATABASE_POOL_SIZE=10 (default), LOG_LEVEL=info`,
      'gateway runs (1)': `${GATEWAY_CONNECTIONS} connections, gateway alone (no workers), every 200 checked against the queue depth`,
      'end to end (2, 5)':
        '192 people at once, each sending the next update when the last was answered; 200 updates/s open loop for latency',
      'synchronous comparison (3)': `${TELEGRAM_CONNECTIONS} webhook connections, ${BOT_API_LATENCY_MS} ms Bot API latency, the same features and Bot API client`,
    },
    runs: recorder.runs,
    notes,
  };
  for (const file of writeReport(report, settings.resultsDir))
    progress(`wrote ${path.relative(process.cwd(), file)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(error.message);
    else console.error('bench failed:', error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
