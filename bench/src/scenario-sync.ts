import { type BenchContext } from './context';
import { batchToReply, type EndToEndResult, p50, p99, refusalText } from './e2e-load';
import { Poster } from './load';
import { startBenchProcess } from './processes';
import { drain, type RunningStack, webhookPoster } from './scenario-e2e';
import { BOT_TOKEN, freePort, OUTGOING_LIMITS, WEBHOOK_SECRET } from './stack';

// 3. Against the synchronous way: the same features in one process that answers the webhook only
// after handling (telegraf's webhookCallback), against ours, both with Telegram's default of 40
// webhook connections and 100 ms of Bot API latency. Each gets the same batch of updates;
// throughput is updates handled (replied) per second, ack latency the webhook's answer time.

export const TELEGRAM_CONNECTIONS = 40;
export const BOT_API_LATENCY_MS = 100;

async function batch(ctx: BenchContext, port: number, total: number): Promise<EndToEndResult> {
  const poster: Poster = webhookPoster(port, TELEGRAM_CONNECTIONS);
  try {
    return await batchToReply(ctx.fake, poster, {
      connections: TELEGRAM_CONNECTIONS,
      total,
      chats: ctx.settings.chats,
      offset: 0,
    });
  } finally {
    await poster.close();
    ctx.fake.forget();
  }
}

const handledPerSecond = (result: EndToEndResult) => (result.replied * 1000) / result.elapsedMs;

export async function synchronousScenario(ctx: BenchContext, stack: RunningStack): Promise<void> {
  const { settings, recorder } = ctx;
  const prefix = ctx.newPrefix('sync');
  const port = await freePort();
  const sync = startBenchProcess('sync-bot', 'sync-bot.js', {
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_API_ROOT: ctx.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    DATABASE_URL: ctx.databaseUrl,
    REDIS_URL: settings.redisUrl,
    REDIS_PREFIX: prefix,
    PORT: String(port),
    LOG_LEVEL: 'info',
    ...OUTGOING_LIMITS,
  });
  await drain(ctx, stack);
  ctx.fake.setLatency(BOT_API_LATENCY_MS);
  try {
    await sync.waitForLog('started');
    const warmup = Math.min(settings.syncBatch, 200);
    ctx.progress(`3. warm-up ${warmup} updates each`);
    await batch(ctx, port, warmup);
    await batch(ctx, stack.gatewayPort, warmup);
    for (let run = 1; run <= settings.runs; run += 1) {
      const before = await batch(ctx, port, settings.syncBatch);
      const ours = await batch(ctx, stack.gatewayPort, settings.syncBatch);
      recorder.add('sync.ups', handledPerSecond(before));
      recorder.add('ours.ups', handledPerSecond(ours));
      recorder.add('ours.ack.rps', (ours.sent * 1000) / ours.ackElapsedMs);
      recorder.add('s3.ratio', handledPerSecond(ours) / handledPerSecond(before));
      recorder.add('sync.ack.p50', p50(before.acksMs));
      recorder.add('sync.ack.p99', p99(before.acksMs));
      recorder.add('ours.ack.p50', p50(ours.acksMs));
      recorder.add('ours.ack.p99', p99(ours.acksMs));
      recorder.add('s3.ackratio', p99(ours.acksMs) / p99(before.acksMs));
      for (const [name, result] of [
        ['synchronous', before],
        ['ours', ours],
      ] as const) {
        if (result.lost + result.refused > 0)
          ctx.notes.push(
            `3. run ${run}, ${name}: ${result.lost} updates without a reply; ${refusalText(result) || 'none refused'}.`,
          );
      }
      ctx.progress(
        `3. run ${run}: synchronous ${handledPerSecond(before).toFixed(0)} updates/s, answer p99 ${p99(before.acksMs).toFixed(0)} ms; ours ${handledPerSecond(ours).toFixed(0)} updates/s, answer p99 ${p99(ours.acksMs).toFixed(1)} ms`,
      );
    }
  } finally {
    ctx.fake.setLatency(0);
    await sync.stop();
  }
}
