import { stopAll } from '@taskbot/launcher/start-all';
import { topology } from '@taskbot/messaging/topology';
import amqp from 'amqplib';
import { type BenchContext, seconds } from './context';
import { closedLoop, Poster } from './load';
import { type Service, startBenchProcess } from './processes';
import { deleteTopology, queueDepth } from './resources';
import {
  cpuDuring,
  cpuSeconds,
  freePort,
  PARTITIONS,
  RETRY_DELAYS_MS,
  SHARED_CPU_COUNTERS,
  startGateway,
  WEBHOOK_SECRET,
} from './stack';
import { percentile } from './stats';
import { mixedUpdate } from './updates';

// 1. The gateway alone (no workers, so every update it accepted stays on its queue and can be
// counted) against a plain gateway doing the same work the straightforward way (plain-gateway.ts)
// and a bare Express app answering 200, in the same run at the same concurrency.

export const GATEWAY_CONNECTIONS = 50;

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  other: number;
}

async function hammer(ctx: BenchContext, port: number, durationS: number, offset: number): Promise<Measured> {
  const poster = new Poster(`http://127.0.0.1:${port}`, GATEWAY_CONNECTIONS, '/telegram/webhook', {
    'x-telegram-bot-api-secret-token': WEBHOOK_SECRET,
  });
  const latencies: number[] = [];
  let ok = 0;
  let other = 0;
  const loop = await closedLoop(
    { workers: GATEWAY_CONNECTIONS, durationMs: seconds(durationS) },
    async (i) => {
      const sent = await poster.post(mixedUpdate(offset + i, ctx.settings.chats).body);
      if (sent.status === 200) {
        ok += 1;
        latencies.push(sent.ms);
      } else other += 1;
    },
  );
  await poster.close();
  return {
    rps: (ok * 1000) / loop.elapsedMs,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok,
    other,
  };
}

/** The queue the plain reference gateway publishes to. */
const plainQueue = (prefix: string) => `${prefix}plain-gateway`;

async function purge(rabbitUrl: string, prefix: string, remove = false): Promise<void> {
  const connection = await amqp.connect(rabbitUrl);
  try {
    const channel = await connection.createChannel();
    for (const queue of topology(prefix, PARTITIONS).partitionQueues('commands'))
      await channel.purgeQueue(queue);
    await channel.checkQueue(plainQueue(prefix));
    if (remove) await channel.deleteQueue(plainQueue(prefix));
    else await channel.purgeQueue(plainQueue(prefix));
  } finally {
    await connection.close().catch(() => undefined);
  }
}

export async function gatewayScenario(ctx: BenchContext): Promise<void> {
  const { settings, recorder } = ctx;
  const prefix = ctx.newPrefix('gw');
  const stackOptions = {
    databaseUrl: ctx.databaseUrl,
    rabbitUrl: settings.rabbitUrl,
    redisUrl: settings.redisUrl,
    apiRoot: ctx.apiRoot,
    prefix,
  };
  const [gatewayPort, barePort, plainPort] = [await freePort(), await freePort(), await freePort()];
  const services: Service[] = [];
  try {
    const gateway = await startGateway(stackOptions, gatewayPort);
    services.push(gateway);
    const bare = startBenchProcess('bare-express', 'bare-express.js', { PORT: String(barePort) });
    services.push(bare);
    const plain = startBenchProcess('plain-gateway', 'plain-gateway.js', {
      PORT: String(plainPort),
      REDIS_URL: settings.redisUrl,
      RABBITMQ_URL: settings.rabbitUrl,
      QUEUE: plainQueue(prefix),
    });
    services.push(plain);
    await Promise.all([bare.waitForLog('started'), plain.waitForLog('started')]);
    ctx.progress(`1. warm-up ${settings.warmupS} s each`);
    await hammer(ctx, gatewayPort, settings.warmupS, 0);
    await hammer(ctx, plainPort, settings.warmupS, 0);
    await hammer(ctx, barePort, settings.warmupS, 0);
    await purge(settings.rabbitUrl, prefix);
    for (let run = 1; run <= settings.runs; run += 1) {
      const offset = run * 1_000_000;
      const before = await queueDepth(settings.rabbitUrl, prefix, PARTITIONS, 'commands');
      const { result: ours, used: oursCpu } = await cpuDuring(
        { service: () => cpuSeconds(gateway.child.pid), ...SHARED_CPU_COUNTERS },
        () => hammer(ctx, gatewayPort, settings.phaseS, offset),
      );
      const queued = (await queueDepth(settings.rabbitUrl, prefix, PARTITIONS, 'commands')) - before;
      await purge(settings.rabbitUrl, prefix);
      const { result: reference, used: plainCpu } = await cpuDuring(
        { service: () => cpuSeconds(plain.child.pid), ...SHARED_CPU_COUNTERS },
        () => hammer(ctx, plainPort, settings.phaseS, offset),
      );
      await purge(settings.rabbitUrl, prefix);
      const { result: ceiling, used: bareCpu } = await cpuDuring(
        { service: () => cpuSeconds(bare.child.pid), ...SHARED_CPU_COUNTERS },
        () => hammer(ctx, barePort, settings.phaseS, offset),
      );
      // CPU per request answered: what each side costs the machine, the servers included.
      const perRequest = (seconds: number, answered: number) => (seconds * 1000) / Math.max(1, answered);
      recorder.add('gw.cpu', perRequest(oursCpu.service, ours.ok));
      recorder.add('gw.cpu.servers', perRequest(oursCpu.rabbitmq + oursCpu.redis, ours.ok));
      recorder.add('gw.cpu.machine', perRequest(oursCpu.machine, ours.ok));
      recorder.add('bare.cpu', perRequest(bareCpu.service, ceiling.ok));
      recorder.add('bare.cpu.machine', perRequest(bareCpu.machine, ceiling.ok));
      recorder.add('plain.cpu', perRequest(plainCpu.service, reference.ok));
      recorder.add('plain.rps', reference.rps);
      recorder.add('plain.p99', reference.p99);
      recorder.add('gw.plain.ratio', ours.rps / reference.rps);
      recorder.add('gw.rps', ours.rps);
      recorder.add('bare.rps', ceiling.rps);
      recorder.add('gw.ratio', ours.rps / ceiling.rps);
      recorder.add('gw.p50', ours.p50);
      recorder.add('gw.p99', ours.p99);
      recorder.add('bare.p50', ceiling.p50);
      recorder.add('bare.p99', ceiling.p99);
      recorder.add('gw.p99ratio', ours.p99 / ceiling.p99);
      recorder.add('gw.unbacked', Math.max(0, ours.ok - queued));
      if (ours.other > 0)
        ctx.notes.push(`1. run ${run}: the gateway answered ${ours.other} requests with other than 200.`);
      ctx.progress(
        `1. run ${run}: gateway ${ours.rps.toFixed(0)} req/s p99 ${ours.p99.toFixed(1)} ms (${ours.ok} answered 200, ${queued} on the queue), CPU ms per request: gateway ${perRequest(oursCpu.service, ours.ok).toFixed(3)}, RabbitMQ and Redis ${perRequest(oursCpu.rabbitmq + oursCpu.redis, ours.ok).toFixed(3)}, machine ${perRequest(oursCpu.machine, ours.ok).toFixed(3)}; plain gateway ${reference.rps.toFixed(0)} req/s, CPU ms per request ${perRequest(plainCpu.service, reference.ok).toFixed(3)}; bare ${ceiling.rps.toFixed(0)} req/s p99 ${ceiling.p99.toFixed(1)} ms, CPU ms per request: bare ${perRequest(bareCpu.service, ceiling.ok).toFixed(3)}, machine ${perRequest(bareCpu.machine, ceiling.ok).toFixed(3)}`,
      );
    }
  } finally {
    await stopAll(services);
    await purge(settings.rabbitUrl, prefix, true).catch(() => undefined);
    await deleteTopology(settings.rabbitUrl, prefix, PARTITIONS, RETRY_DELAYS_MS);
  }
}
