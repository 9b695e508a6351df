import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderChart } from './chart';
import { FIGURES, type Figure, meets, SCENARIO_TITLES } from './figures';
import { missedTargetNote } from './notes';
import type { BenchSettings } from './settings';
import { formatNumber, type Summary, summarize } from './stats';

// bench/results: RESULTS.md (the table), results.svg (the chart) and results.json (every run).

export interface MachineState {
  nproc: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  loadAverageBefore: number[];
  loadAverageAfter?: number[];
  startedAt: string;
  finishedAt?: string;
}

export function machineState(): MachineState {
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    loadAverageBefore: os.loadavg().map((value) => Math.round(value * 100) / 100),
    startedAt: new Date().toISOString(),
  };
}

export interface Report {
  machine: MachineState;
  settings: Omit<BenchSettings, 'scenarios'> & { scenarios: number[] };
  /** Settings in force for the services (outgoing flood limits, inbound limit, partitions...). */
  conditions: Record<string, string>;
  runs: Record<string, number[]>;
  notes: string[];
}

const targetText = (op: string, value: number, unit: string) =>
  `${op === '>=' ? '≥' : '≤'} ${formatNumber(value)} ${unit}`;

function table(summaries: Record<string, Summary>, scenarios: number[]): string[] {
  const lines: string[] = [];
  for (const scenario of scenarios) {
    const figures = FIGURES.filter((figure) => figure.scenario === scenario);
    lines.push(`### ${scenario}. ${SCENARIO_TITLES[scenario as Figure['scenario']]}`, '');
    lines.push('| figure | median | min | max | target | met? |', '|---|---:|---:|---:|---|:---:|');
    for (const figure of figures) {
      const summary = summaries[figure.id];
      if (!summary) {
        lines.push(`| ${figure.label} | not measured | | | | |`);
        continue;
      }
      const unit = figure.unit === '×' ? '×' : ` ${figure.unit}`;
      const cell = (value: number) => (Number.isFinite(value) ? `${formatNumber(value)}${unit}` : 'n/a');
      const target = figure.target ? targetText(figure.target.op, figure.target.value, figure.unit) : '';
      const met = figure.target
        ? Number.isFinite(summary.median)
          ? meets(figure.target, summary.median)
            ? 'yes'
            : '**no**'
          : 'n/a'
        : '';
      lines.push(
        `| ${figure.label} | ${cell(summary.median)} | ${cell(summary.min)} | ${cell(summary.max)} | ${target} | ${met} |`,
      );
    }
    lines.push('');
  }
  return lines;
}

export function summaries(runs: Record<string, number[]>): Record<string, Summary> {
  return Object.fromEntries(Object.entries(runs).map(([id, values]) => [id, summarize(values)]));
}

function finiteMedian(summary: Record<string, Summary>, id: string): number | undefined {
  const value = summary[id]?.median;
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

export function renderMarkdown(report: Report): string {
  const summary = summaries(report.runs);
  const { machine, settings } = report;
  const missed = FIGURES.filter((figure) => {
    const value = summary[figure.id]?.median;
    return figure.target && value !== undefined && Number.isFinite(value) && !meets(figure.target, value);
  });
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`pnpm bench${settings.quick ? ' --quick' : ''}\` at ${machine.finishedAt ?? machine.startedAt}.` +
      (settings.quick
        ? ' **A quick run: phases of a few seconds; these figures are for development only.**'
        : ''),
    'Each figure is the median of the runs after a warm-up, with the lowest and highest run. The chart is',
    '[results.svg](results.svg); every run is in [results.json](results.json).',
    '',
    '![results](results.svg)',
    '',
    '## Machine and conditions',
    '',
    `- ${machine.nproc} cores (${machine.cpuModel}), ${machine.memoryGb} GB, Node.js ${machine.node}.`,
    `- Load average (1, 5, 15 min) before: ${machine.loadAverageBefore.join(', ')}; after: ${
      machine.loadAverageAfter?.join(', ') ?? 'n/a'
    } (the run's own load included; anything else running on the machine makes the figures noisier).`,
    '- Every service on this machine: the gateway and the workers as separate processes from their builds,',
    '  PostgreSQL, RabbitMQ and Redis local; the fake Bot API and the load generator in the bench process.',
    `- ${settings.runs} runs per figure after a warm-up of ${settings.warmupS} s; sustained end-to-end runs of ${settings.sustainedS} s, runs at the fixed rate ${settings.fixedRateS} s, other phases ${settings.phaseS} s; synchronous comparison ${settings.syncBatch} updates a run; load spread over ${settings.chats} people, each in a private chat.`,
    '',
    '| setting in force | value |',
    '|---|---|',
    ...Object.entries(report.conditions).map(([name, value]) => `| ${name} | ${value} |`),
    '',
    '## Figures',
    '',
    ...table(summary, report.settings.scenarios),
  ];
  if (missed.length > 0) {
    lines.push('## Targets missed: what holds them back, what would move them', '');
    const seen = new Set<string>();
    const inputs = { median: (id: string) => finiteMedian(summary, id), cores: machine.nproc };
    for (const figure of missed) {
      const note = missedTargetNote(figure.id, inputs);
      if (!note || seen.has(note)) continue;
      seen.add(note);
      lines.push(`- **${figure.label}**: ${note}`);
    }
    lines.push('');
  }
  if (report.notes.length > 0)
    lines.push('## Observations of this run', '', ...report.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

/** The report of the last run, as results.json holds it. */
export function readReport(dir: string): Report {
  const file = path.join(dir, 'results.json');
  if (!existsSync(file)) throw new Error(`${file} is not there: run pnpm bench first`);
  const { summaries: _derived, ...report } = JSON.parse(readFileSync(file, 'utf8')) as Report & {
    summaries: unknown;
  };
  return report;
}

export function writeReport(report: Report, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const summary = summaries(report.runs);
  const subtitle = `${report.machine.nproc} cores, load average before ${report.machine.loadAverageBefore.join(', ')}${
    report.settings.quick ? ' (quick run)' : ''
  }, ${report.machine.finishedAt ?? report.machine.startedAt}`;
  const files = {
    'RESULTS.md': renderMarkdown(report),
    'results.svg': renderChart(summary, subtitle),
    'results.json': `${JSON.stringify({ ...report, summaries: summary }, null, 2)}\n`,
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return Object.keys(files).map((name) => path.join(dir, name));
}
