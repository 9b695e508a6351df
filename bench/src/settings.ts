// What one `pnpm bench` run does, from its flags and the environment. A quick run (--quick) goes
// through every scenario briefly, for development; the full run is the one whose figures count.

export interface BenchSettings {
  quick: boolean;
  /** Only write RESULTS.md and the chart again from results.json (after a change to the report). */
  reportOnly: boolean;
  /** Scenarios to run (1-5); all by default. */
  scenarios: Set<number>;
  /** Runs of each scenario after its warm-up. */
  runs: number;
  warmupS: number;
  /** The sustained end-to-end run (scenario 2), BENCH_DURATION_S. */
  sustainedS: number;
  /** Every other measured phase. */
  phaseS: number;
  /** Each run at the fixed rate of scenario 2 (short: past the system's capacity it builds a backlog). */
  fixedRateS: number;
  /** Updates each system gets in one run of the synchronous comparison (scenario 3). */
  syncBatch: number;
  /** Chats (and users) the load is spread over. */
  chats: number;
  databaseUrl: string;
  rabbitUrl: string;
  redisUrl: string;
  resultsDir: string;
}

const USAGE = `usage: pnpm bench [--quick] [--only 1,2,3,4,5] [--report]
  --quick        every scenario briefly (3 s phases), for development; results in bench/results/raw/quick
  --report       run nothing: write RESULTS.md and results.svg again from results.json
  --only LIST    run only these scenarios
environment: BENCH_DURATION_S (sustained end-to-end run, default 60), BENCH_DATABASE_URL (the server a
  fresh database is made on, default postgres://postgres@127.0.0.1:5432/test), RABBITMQ_URL, REDIS_URL,
  BENCH_PROFILE=1 (each service writes a CPU profile to bench/results/raw/profiles; =heap: an allocation profile)`;

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
  }
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`${name} must be a whole number >= 1, got "${raw}"`);
  return value;
}

export function readSettings(argv: string[], env: NodeJS.ProcessEnv, resultsDir: string): BenchSettings {
  let quick = false;
  let reportOnly = false;
  let scenarios = new Set([1, 2, 3, 4, 5]);
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--report') reportOnly = true;
    else if (arg === '--only') {
      const list = argv[++i] ?? '';
      const picked = list.split(',').map(Number);
      if (picked.length === 0 || picked.some((n) => !Number.isInteger(n) || n < 1 || n > 5)) {
        throw new UsageError(`--only takes scenario numbers 1-5 separated by commas, got "${list}"`);
      }
      scenarios = new Set(picked);
    } else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else throw new UsageError(`unknown argument "${arg}"`);
  }
  const databaseUrl = env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  if (!/^(postgres|postgresql|mysql|mariadb):\/\//.test(databaseUrl)) {
    throw new UsageError(
      `BENCH_DATABASE_URL must be a postgres:// or mysql:// server URL, got "${databaseUrl}"`,
    );
  }
  return {
    quick,
    reportOnly,
    scenarios,
    runs: 3,
    warmupS: quick ? 1 : 5,
    sustainedS: positiveInt('BENCH_DURATION_S', env.BENCH_DURATION_S, quick ? 3 : 60),
    phaseS: quick ? 3 : 20,
    fixedRateS: quick ? 3 : 10,
    syncBatch: quick ? 400 : 1500,
    chats: 5000,
    databaseUrl,
    rabbitUrl: env.RABBITMQ_URL || 'amqp://guest:guest@127.0.0.1:5672',
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    // A quick run must not overwrite the committed results of a full one.
    resultsDir: quick ? `${resultsDir}/raw/quick` : resultsDir,
  };
}
