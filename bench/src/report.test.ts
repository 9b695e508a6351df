import { renderChart } from './chart';
import { type Report, renderMarkdown, summaries } from './report';
import { percentile, summarize } from './stats';

const report = (runs: Record<string, number[]>): Report => ({
  machine: {
    nproc: 2,
    cpuModel: 'test cpu',
    memoryGb: 4,
    node: 'v20',
    loadAverageBefore: [1.5, 1, 0.5],
    loadAverageAfter: [2, 1, 0.5],
    startedAt: '2026-01-01T00:00:00.000Z',
  },
  settings: {
    quick: false,
    reportOnly: false,
    scenarios: [1, 2],
    runs: 3,
    warmupS: 5,
    sustainedS: 60,
    phaseS: 20,
    fixedRateS: 10,
    syncBatch: 1500,
    chats: 5000,
    databaseUrl: 'postgres://x@y/z',
    rabbitUrl: 'amqp://x',
    redisUrl: 'redis://x',
    resultsDir: '/results',
  },
  conditions: { outgoing: 'TELEGRAM_CHAT_RATE_PER_SECOND=1' },
  runs,
  notes: ['2. run 1: 3 lost.'],
});

describe('the figures of a run', () => {
  it('percentiles are nearest-rank, and a summary is the median, min and max of the runs', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(percentile([], 50)).toBeNaN();
    expect(summarize([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, runs: [30, 10, 20] });
  });
});

describe('RESULTS.md', () => {
  const markdown = renderMarkdown(
    report({
      'gw.rps': [900, 1000, 1100],
      'gw.plain.ratio': [1.3, 1.25, 1.35],
      'e2e.ups': [100, 120, 90],
      'cpu.machine': [200, 250, 240],
      'cpu.command': [400, 500, 450],
    }),
  );

  it('shows each figure with median, min, max, target and whether it was met', () => {
    expect(markdown).toContain('| figure | median | min | max | target | met? |');
    expect(markdown).toContain(
      '| Gateway throughput / plain gateway throughput | 1.3× | 1.25× | 1.35× | ≥ 1.2 × | yes |',
    );
    expect(markdown).toContain(
      '| End to end: updates/s from webhook to reply, sustained | 100 updates/s | 90 updates/s | 120 updates/s | ≥ 1,000 updates/s | **no** |',
    );
  });

  it('says what holds a missed target back, and nothing for the met ones', () => {
    expect(markdown).toMatch(
      /## Targets missed[\s\S]*End to end: updates\/s from webhook to reply, sustained\*\*: The whole machine/,
    );
    // The note quotes the run's own figures: 1000 / 240 ms per update, 1,000 / 240 cores.
    expect(markdown).toContain('spent 4.17 ms of CPU per update end to end (240 updates per CPU-second');
    expect(markdown).toContain('command worker 2.22 ms');
    expect(markdown).toContain('1,000 updates/s needs about 4.17 busy cores; this machine has 2');
    expect(markdown).not.toMatch(/\*\*Gateway throughput \/ plain gateway throughput\*\*:/);
  });

  it('records the machine, its load and the limits in force, and marks figures not measured', () => {
    expect(markdown).toContain('2 cores (test cpu)');
    expect(markdown).toContain('before: 1.5, 1, 0.5; after: 2, 1, 0.5');
    expect(markdown).toContain('| outgoing | TELEGRAM_CHAT_RATE_PER_SECOND=1 |');
    expect(markdown).toContain('| Bare Express (ceiling): requests per second | not measured | | | | |');
    expect(markdown).toContain('- 2. run 1: 3 lost.');
  });
});

describe('the chart', () => {
  it('is an SVG with a bar per measured figure and a dashed line at each target', () => {
    const svg = renderChart(summaries({ 'e2e.ups': [100, 120, 90], 'gw.rps': [1000] }), 'subtitle & more');

    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('subtitle &amp; more');
    expect(svg).toContain('>Webhook to reply</text>');
    expect(svg).toContain('stroke-dasharray="4 2"');
    expect(svg).toContain('not measured');
  });
});
