import { FIGURES, type Figure } from './figures';
import { formatNumber, type Summary } from './stats';

// An SVG of the results, written as text: one panel per comparison, a bar per figure (its
// median) with a whisker from min to max, and the target as a dashed line.

export interface Panel {
  title: string;
  /** Figure ids with the short label each bar gets. */
  bars: Array<[id: string, label: string]>;
}

export const PANELS: Panel[] = [
  {
    title: '1. Webhook throughput (req/s)',
    bars: [
      ['gw.rps', 'Gateway'],
      ['bare.rps', 'Bare Express'],
    ],
  },
  {
    title: '1. Webhook latency (ms)',
    bars: [
      ['gw.p50', 'Gateway p50'],
      ['gw.p99', 'Gateway p99'],
      ['bare.p50', 'Bare Express p50'],
      ['bare.p99', 'Bare Express p99'],
    ],
  },
  { title: '2. End to end, sustained (updates/s)', bars: [['e2e.ups', 'Webhook to reply']] },
  {
    title: '2. End to end at 200 updates/s (ms)',
    bars: [
      ['e2e.p50', 'Reply p50'],
      ['e2e.p99', 'Reply p99'],
      ['e2e.ack.p99', 'Webhook answer p99'],
    ],
  },
  {
    title: '3. Handled updates/s, 100 ms Bot API',
    bars: [
      ['sync.ups', 'Synchronous'],
      ['ours.ups', 'Ours'],
    ],
  },
  {
    title: '3. Webhook answer (ms), 100 ms Bot API',
    bars: [
      ['sync.ack.p50', 'Synchronous p50'],
      ['sync.ack.p99', 'Synchronous p99'],
      ['ours.ack.p50', 'Ours p50'],
      ['ours.ack.p99', 'Ours p99'],
    ],
  },
  {
    title: '4. /tasks: SQL statements',
    bars: [
      ['cache.cold.queries', 'Cold cache'],
      ['cache.warm.queries', 'Warm cache'],
    ],
  },
  {
    title: '4. /tasks: handling time (ms)',
    bars: [
      ['cache.cold.ms', 'Cold cache'],
      ['cache.warm.ms', 'Warm cache'],
    ],
  },
  {
    title: '5. End to end by worker replicas (updates/s)',
    bars: [
      ['scale1.ups', '1 replica each'],
      ['scale2.ups', '2 replicas each'],
    ],
  },
  {
    title: '5. Peak RSS (MB)',
    bars: [
      ['rss.gateway', 'Gateway'],
      ['rss.command', 'Command worker'],
      ['rss.callback', 'Callback worker'],
    ],
  },
];

const WIDTH = 980;
const PANEL_WIDTH = 470;
const BAR_HEIGHT = 22;
const LABEL_WIDTH = 150;
const PLOT_WIDTH = PANEL_WIDTH - LABEL_WIDTH - 70;
const COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948'];

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function panelSvg(panel: Panel, summaries: Record<string, Summary>, x: number, y: number): [string, number] {
  const rows = panel.bars
    .map(([id, label]) => ({ label, figure: FIGURES.find((f) => f.id === id), summary: summaries[id] }))
    .filter((row): row is { label: string; figure: Figure; summary: Summary | undefined } =>
      Boolean(row.figure),
    );
  const height = 34 + Math.max(1, rows.length) * (BAR_HEIGHT + 8) + 10;
  const parts = [
    `<g transform="translate(${x},${y})">`,
    `<rect width="${PANEL_WIDTH}" height="${height}" fill="#fafafa" stroke="#ddd"/>`,
    `<text x="10" y="20" font-weight="bold">${escapeXml(panel.title)}</text>`,
  ];
  const scaleMax =
    Math.max(
      1e-9,
      ...rows.flatMap(({ figure, summary }) => [
        summary && Number.isFinite(summary.max) ? summary.max : 0,
        figure.target ? figure.target.value : 0,
      ]),
    ) * 1.05;
  const scale = (value: number) => (Math.max(0, value) / scaleMax) * PLOT_WIDTH;
  rows.forEach(({ label, figure, summary }, index) => {
    const top = 32 + index * (BAR_HEIGHT + 8);
    const color = COLORS[index % COLORS.length];
    parts.push(`<text x="10" y="${top + 15}">${escapeXml(label)}</text>`);
    if (summary && Number.isFinite(summary.median)) {
      const left = LABEL_WIDTH;
      parts.push(
        `<rect x="${left}" y="${top}" width="${scale(summary.median).toFixed(1)}" height="${BAR_HEIGHT}" fill="${color}"/>`,
        `<line x1="${(left + scale(summary.min)).toFixed(1)}" x2="${(left + scale(summary.max)).toFixed(1)}" y1="${top + BAR_HEIGHT / 2}" y2="${top + BAR_HEIGHT / 2}" stroke="#222" stroke-width="1.5"/>`,
        `<text x="${(left + scale(Math.max(summary.median, summary.max)) + 4).toFixed(1)}" y="${top + 15}">${formatNumber(summary.median)}</text>`,
      );
    } else {
      parts.push(`<text x="${LABEL_WIDTH}" y="${top + 15}" fill="#888">not measured</text>`);
    }
    if (figure.target) {
      const tx = (LABEL_WIDTH + scale(figure.target.value)).toFixed(1);
      parts.push(
        `<line x1="${tx}" x2="${tx}" y1="${top - 3}" y2="${top + BAR_HEIGHT + 3}" stroke="#c00" stroke-dasharray="4 2" stroke-width="1.5"/>`,
      );
    }
  });
  parts.push('</g>');
  return [parts.join('\n'), height];
}

/** The whole chart: panels in two columns, a legend line on top. */
export function renderChart(summaries: Record<string, Summary>, subtitle: string): string {
  const panels: string[] = [];
  let y = 56;
  for (let i = 0; i < PANELS.length; i += 2) {
    let rowHeight = 0;
    for (let column = 0; column < 2; column += 1) {
      const panel = PANELS[i + column];
      if (!panel) continue;
      const [svg, height] = panelSvg(panel, summaries, 10 + column * (PANEL_WIDTH + 20), y);
      panels.push(svg);
      rowHeight = Math.max(rowHeight, height);
    }
    y += rowHeight + 14;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" font-family="sans-serif" font-size="12">`,
    '<title>Benchmark results: medians with min-max whiskers, targets as dashed red lines</title>',
    `<rect width="${WIDTH}" height="${y}" fill="#fff"/>`,
    '<text x="10" y="22" font-size="16" font-weight="bold">pnpm bench: medians, min-max whiskers, targets dashed red</text>',
    `<text x="10" y="42" fill="#555">${escapeXml(subtitle)}</text>`,
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}
