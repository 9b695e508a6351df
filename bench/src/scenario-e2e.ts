import { type BenchContext, seconds } from './context';
import { closedLoopToReply, fixedRateToReply, p50, p99, refusalText, throughput } from './e2e-load';
import { Poster } from './load';
import type { Service } from './processes';
import { queueDepth } from './resources';
import { cpuDuring, cpuSeconds, PARTITIONS, SHARED_CPU_COUNTERS, WEBHOOK_SECRET } from './stack';

// 2. End to end: updates from the webhook to the reply at the fake Bot API, a mix of /add and
// /tasks from many people. 5. The same with 1 and 2 replicas of each worker, and peak memory.

/** People sending at once in the sustained runs: enough to keep every partition's prefetch busy. */
export const E2E_WORKERS = 192;
export const FIXED_RATE = 200;
/** A rate far below capacity: the latency of the path itself, with no queue in front of any step. */
export const LOW_RATE = 20;

export interface RunningStack {
  gatewayPort: number;
  services: Service[];
  /** QUEUE_PREFIX of the stack, to see its backlog. */
  prefix: string;
}

const DRAIN_LIMIT_MS = 180_000;

/**
 * Waits until the stack has caught up: its queue empty and no reply for a second. A run that sent
 * more than the stack handles leaves a backlog that would slow the next run down.
 */
export async function drain(ctx: BenchContext, stack: RunningStack): Promise<void> {
  const started = Date.now();
  let lastReplies = -1;
  for (;;) {
    const depth = await queueDepth(ctx.settings.rabbitUrl, stack.prefix, PARTITIONS, 'commands');
    const replies = ctx.fake.repliesSeen;
    if (depth === 0 && replies === lastReplies) break;
    if (Date.now() - started > DRAIN_LIMIT_MS) {
      ctx.notes.push(`The stack still had ${depth} updates queued ${DRAIN_LIMIT_MS / 1000} s after a run.`);
      break;
    }
    lastReplies = replies;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const waitedS = (Date.now() - started) / 1000;
  if (waitedS > 3) ctx.progress(`   caught up with the backlog in ${waitedS.toFixed(0)} s`);
}

export function webhookPoster(port: number, connections: number): Poster {
  return new Poster(`http://127.0.0.1:${port}`, connections, '/telegram/webhook', {
    'x-telegram-bot-api-secret-token': WEBHOOK_SECRET,
  });
}

let nextOffset = 0;
/** Each run starts where the last left off in the list of people, so chats are reused evenly. */
const takeOffset = (count: number) => {
  const offset = nextOffset;
  nextOffset += count;
  return offset;
};

async function sustained(ctx: BenchContext, stack: RunningStack, durationS: number) {
  const poster = webhookPoster(stack.gatewayPort, 64);
  try {
    const result = await closedLoopToReply(ctx.fake, poster, {
      workers: E2E_WORKERS,
      durationMs: seconds(durationS),
      chats: ctx.settings.chats,
      offset: takeOffset(0),
    });
    takeOffset(result.sent);
    ctx.fake.forget();
    return result;
  } finally {
    await poster.close();
  }
}

/** Where the CPU of an end-to-end run goes: our services, the servers, the bench, the whole machine. */
const CPU_PARTS = ['gateway', 'command', 'postgres', 'rabbitmq', 'redis', 'bench', 'machine'] as const;

const serviceNamed = (stack: RunningStack, prefix: string) =>
  stack.services.filter((service) => service.name.startsWith(prefix));

export async function endToEndScenario(ctx: BenchContext, stack: RunningStack): Promise<void> {
  const { settings, recorder } = ctx;
  ctx.progress(`2. warm-up ${settings.warmupS} s`);
  await sustained(ctx, stack, settings.warmupS);
  const [gateway] = serviceNamed(stack, 'gateway');
  const commandWorkers = serviceNamed(stack, 'command-worker');
  for (let run = 1; run <= settings.runs; run += 1) {
    const { result, used } = await cpuDuring(
      {
        gateway: () => cpuSeconds(gateway?.child.pid),
        command: () => commandWorkers.reduce((sum, worker) => sum + cpuSeconds(worker.child.pid), 0),
        ...SHARED_CPU_COUNTERS,
      },
      () => sustained(ctx, stack, settings.sustainedS),
    );
    recorder.add('e2e.ups', throughput(result));
    recorder.add('e2e.lost', result.lost + result.refused);
    if (result.refused > 0) ctx.notes.push(`2. sustained run ${run}: ${refusalText(result)}.`);
    for (const part of CPU_PARTS) {
      // Updates per CPU-second of each part: what one core of it handles.
      if (used[part] > 0) recorder.add(`cpu.${part}`, result.replied / used[part]);
    }
    // The system itself: the machine without the load generator and the fake Bot API.
    if (used.machine > used.bench) recorder.add('cpu.system', result.replied / (used.machine - used.bench));
    const spent = CPU_PARTS.map((part) => `${part} ${used[part].toFixed(1)}`).join(', ');
    ctx.progress(
      `2. sustained run ${run}: ${throughput(result).toFixed(0)} updates/s over ${(result.elapsedMs / 1000).toFixed(0)} s, p50 ${p50(result.latenciesMs).toFixed(0)} ms, ${result.lost} lost, ${result.refused} refused; CPU s ${spent}`,
    );
  }
  for (const [rate, figures] of [
    [FIXED_RATE, { p50: 'e2e.p50', p99: 'e2e.p99', ack: 'e2e.ack.p99' }],
    [LOW_RATE, { p50: 'e2e.low.p50', p99: 'e2e.low.p99', ack: undefined }],
  ] as const) {
    for (let run = 1; run <= settings.runs; run += 1) {
      const poster = webhookPoster(stack.gatewayPort, 64);
      const result = await fixedRateToReply(ctx.fake, poster, {
        ratePerSecond: rate,
        durationMs: seconds(settings.fixedRateS),
        chats: settings.chats,
        offset: takeOffset(rate * settings.fixedRateS),
      });
      await poster.close();
      await drain(ctx, stack);
      ctx.fake.forget();
      recorder.add(figures.p50, p50(result.latenciesMs));
      recorder.add(figures.p99, p99(result.latenciesMs));
      if (figures.ack) recorder.add(figures.ack, p99(result.acksMs));
      if (result.lost + result.refused > 0)
        ctx.notes.push(
          `2. run ${run} at ${rate}/s: ${result.lost} lost; ${refusalText(result) || 'none refused'}.`,
        );
      ctx.progress(
        `2. at ${rate}/s run ${run}: p50 ${p50(result.latenciesMs).toFixed(1)} ms, p99 ${p99(result.latenciesMs).toFixed(1)} ms, webhook p99 ${p99(result.acksMs).toFixed(1)} ms`,
      );
    }
  }
}

/** Runs of the sustained load with the replicas `stack` has now; records their throughput. */
export async function scaleRuns(ctx: BenchContext, stack: RunningStack, figure: 'scale1.ups' | 'scale2.ups') {
  const { settings, recorder } = ctx;
  await drain(ctx, stack);
  ctx.progress(`5. ${figure}: warm-up ${settings.warmupS} s`);
  await sustained(ctx, stack, settings.warmupS);
  for (let run = 1; run <= settings.runs; run += 1) {
    const result = await sustained(ctx, stack, settings.phaseS);
    recorder.add(figure, throughput(result));
    recordPeakRss(ctx, stack);
    if (result.lost + result.refused > 0)
      ctx.notes.push(
        `5. ${figure} run ${run}: ${result.lost} lost; ${refusalText(result) || 'none refused'}.`,
      );
    ctx.progress(`5. ${figure} run ${run}: ${throughput(result).toFixed(0)} updates/s, ${result.lost} lost`);
  }
}

/** Peak RSS of each kind of service so far (the highest replica). */
export function recordPeakRss(ctx: BenchContext, stack: RunningStack): void {
  const peak = (prefix: string) => Math.max(0, ...serviceNamed(stack, prefix).map((s) => s.peakRssMb()));
  ctx.recorder.add('rss.gateway', peak('gateway'));
  ctx.recorder.add('rss.command', peak('command-worker'));
  ctx.recorder.add('rss.callback', peak('callback-worker'));
}
