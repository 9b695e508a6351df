import { readSettings, UsageError } from './settings';

describe('what pnpm bench is asked to do', () => {
  const read = (argv: string[], env: NodeJS.ProcessEnv = {}) => readSettings(argv, env, '/results');

  it('runs every scenario 3 times for 60 s sustained by default, on the local PostgreSQL', () => {
    expect(read([])).toMatchObject({
      quick: false,
      runs: 3,
      sustainedS: 60,
      scenarios: new Set([1, 2, 3, 4, 5]),
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
      resultsDir: '/results',
    });
  });

  it('a quick run is short, still 3 runs, and keeps its results away from the full ones', () => {
    expect(read(['--quick'])).toMatchObject({
      quick: true,
      runs: 3,
      sustainedS: 3,
      resultsDir: '/results/raw/quick',
    });
  });

  it('takes BENCH_DURATION_S and --only', () => {
    const settings = read(['--only', '2,4'], { BENCH_DURATION_S: '20' });
    expect(settings.sustainedS).toBe(20);
    expect([...settings.scenarios]).toEqual([2, 4]);
  });

  it.each([
    [['--only', '7'], {}, '--only takes scenario numbers 1-5'],
    [['--only'], {}, '--only takes scenario numbers 1-5'],
    [['--fast'], {}, 'unknown argument "--fast"'],
    [[], { BENCH_DURATION_S: '0' }, 'BENCH_DURATION_S must be a whole number >= 1, got "0"'],
    [[], { BENCH_DURATION_S: 'a minute' }, 'BENCH_DURATION_S must be a whole number >= 1'],
    [[], { BENCH_DATABASE_URL: 'sqlite://x' }, 'BENCH_DATABASE_URL must be a postgres:// or mysql://'],
  ])('refuses %j %j with a message and the usage', (argv, env, message) => {
    expect(() => read(argv, env)).toThrow(UsageError);
    expect(() => read(argv, env)).toThrow(message);
    expect(() => read(argv, env)).toThrow('usage: pnpm bench');
  });
});
