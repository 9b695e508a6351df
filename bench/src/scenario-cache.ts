import { performance } from 'node:perf_hooks';
import { createLogger } from '@taskbot/logger/logger';
import type { Update } from '@telegraf/types';
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { BenchContext } from './context';
import { createFeatureBot } from './feature-bot';
import { deleteRedisKeys } from './resources';
import { BOT_TOKEN } from './stack';
import { median } from './stats';
import { commandBody } from './updates';

// 4. The cache: /tasks handled by the command worker's features in this process, so every SQL
// statement it runs is counted (a TypeORM logger), once with Redis' cache of projects empty (cold)
// and once right after (warm). Priorities are code (packages/domain/src/priority.ts): no query.

const CHATS = 20;
const TASKS_PER_CHAT = 6;
const FIRST_USER = 800_000_000;

/** Counts statements, and those that read the cached tables. */
class QueryCounter implements TypeOrmLogger {
  total = 0;
  reference = 0;

  logQuery(query: string): void {
    this.total += 1;
    if (/\bprojects\b/i.test(query) && /^\s*select/i.test(query)) this.reference += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export async function cacheScenario(ctx: BenchContext): Promise<void> {
  const { settings, recorder } = ctx;
  const prefix = ctx.newPrefix('cache');
  const counter = new QueryCounter();
  const { bot, close } = await createFeatureBot({
    databaseUrl: ctx.databaseUrl,
    poolSize: 2,
    redisUrl: settings.redisUrl,
    redisPrefix: prefix,
    apiRoot: ctx.apiRoot,
    token: BOT_TOKEN,
    limits: { chatPerSecond: 1000, groupPerMinute: 60_000, globalPerSecond: 10_000 },
    logger: createLogger({ service: 'bench-cache', level: 'warn' }),
    queryLogger: counter,
  });
  const handle = async (userId: number, text: string) => {
    const update = JSON.parse(commandBody(userId, text)) as Update;
    const before = { total: counter.total, reference: counter.reference };
    const started = performance.now();
    await bot.handleUpdate(update);
    return {
      ms: performance.now() - started,
      queries: counter.total - before.total,
      reference: counter.reference - before.reference,
    };
  };
  try {
    ctx.progress(`4. ${CHATS} chats with ${TASKS_PER_CHAT} tasks each in 2 projects`);
    const adds: number[] = [];
    for (let chat = 0; chat < CHATS; chat += 1) {
      for (let task = 0; task < TASKS_PER_CHAT; task += 1) {
        const add = await handle(
          FIRST_USER + chat,
          `/add Cached task ${task} #${task % 2 ? 'home' : 'work'} !low`,
        );
        // The first /add of a chat also registers the person and the chat, and makes the project.
        if (task >= 2) adds.push(add.queries);
      }
      await handle(FIRST_USER + chat, '/tasks');
    }
    recorder.add('add.queries', median(adds));
    for (let run = 1; run <= settings.runs; run += 1) {
      const cold: Awaited<ReturnType<typeof handle>>[] = [];
      const warm: Awaited<ReturnType<typeof handle>>[] = [];
      for (let chat = 0; chat < CHATS; chat += 1) {
        await deleteRedisKeys(settings.redisUrl, prefix, 'cache:*');
        cold.push(await handle(FIRST_USER + chat, '/tasks'));
        warm.push(await handle(FIRST_USER + chat, '/tasks'));
      }
      ctx.fake.forget();
      recorder.add('cache.cold.queries', median(cold.map((r) => r.queries)));
      recorder.add('cache.warm.queries', median(warm.map((r) => r.queries)));
      recorder.add('cache.cold.ref', median(cold.map((r) => r.reference)));
      recorder.add('cache.warm.ref', median(warm.map((r) => r.reference)));
      recorder.add('cache.cold.ms', median(cold.map((r) => r.ms)));
      recorder.add('cache.warm.ms', median(warm.map((r) => r.ms)));
      ctx.progress(
        `4. run ${run}: cold ${median(cold.map((r) => r.queries))} statements ${median(cold.map((r) => r.ms)).toFixed(1)} ms; warm ${median(warm.map((r) => r.queries))} statements ${median(warm.map((r) => r.ms)).toFixed(1)} ms`,
      );
    }
  } finally {
    await close();
  }
}
