import type { RecentLine } from '@taskbot/logger/recent-lines';
import type { FailedJob } from '@taskbot/messaging/failed-job';
import type { QueueStats } from '../queues/queue-inspector';
import { escapeHtml } from './html';
import { OPS_PAGE_SCRIPT } from './ops-page-script';
import type { QueueSample } from './queue-sampler';
import { renderLineChart } from './svg-chart';

export interface OpsPageData {
  now: Date;
  queues: QueueStats[];
  history: QueueSample[];
  spanSeconds: number;
  /** The first failed jobs (at most MAX_FAILED_SHOWN) and how many there are in all. */
  failedJobs: { jobs: FailedJob[]; total: number } | { error: string };
  recentLines: RecentLine[];
}

const MAX_TEXT = 160;
export const MAX_FAILED_SHOWN = 100;

const clip = (text: string, max = MAX_TEXT) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const STYLE = `
body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.6rem; }
table { border-collapse: collapse; } th, td { text-align: left; padding: 0.25rem 0.6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; } figure { margin: 0; } figcaption { font-weight: 600; }
.legend { margin-right: 0.8rem; } .status { min-height: 1.2rem; color: #075; } .status.failed { color: #b00; }
.error { color: #b00; } .warn { color: #a60; } code { font-size: 12px; word-break: break-all; }
button { margin-right: 0.3rem; }
`;

function queueTable(queues: QueueStats[]): string {
  if (queues.length === 0) return '<p>No sample of the queues yet.</p>';
  const rows = queues
    .map(
      (queue) =>
        `<tr data-queue="${escapeHtml(queue.name)}"><td>${escapeHtml(queue.name)}</td><td>${escapeHtml(queue.role)}</td><td class="n">${queue.messages}</td><td class="n">${queue.consumers}</td></tr>`,
    )
    .join('');
  return `<table id="queues"><thead><tr><th>queue</th><th>role</th><th>messages</th><th>consumers</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function charts(history: QueueSample[], spanSeconds: number): string {
  const depth = (group: keyof QueueSample['depths']) => history.map((sample) => sample.depths[group]);
  const depthChart = renderLineChart(
    [
      { name: 'commands', color: '#1f77b4', values: depth('commands') },
      { name: 'callbacks', color: '#2ca02c', values: depth('callbacks') },
      { name: 'telegram', color: '#9467bd', values: depth('telegram') },
      { name: 'retrying', color: '#ff7f0e', values: depth('retry') },
      { name: 'dead', color: '#d62728', values: depth('dead') },
    ],
    { title: 'Queue depth', unit: 'messages', spanSeconds },
  );
  const throughputChart = renderLineChart(
    [
      { name: 'in', color: '#1f77b4', values: history.map((sample) => sample.inPerSecond) },
      { name: 'done', color: '#2ca02c', values: history.map((sample) => sample.outPerSecond) },
    ],
    { title: 'Throughput', unit: 'per second', spanSeconds },
  );
  return `<div class="charts">${depthChart}${throughputChart}</div>`;
}

function failedTable(failed: OpsPageData['failedJobs']): string {
  if ('error' in failed) {
    return `<p class="error">Could not read the failed jobs: ${escapeHtml(failed.error)}</p>`;
  }
  if (failed.total === 0) return '<p id="no-failed-jobs">No failed jobs.</p>';
  const rows = failed.jobs
    .slice(0, MAX_FAILED_SHOWN)
    .map((job) => {
      const id = escapeHtml(job.id);
      return `<tr data-job="${id}"><td><code>${id}</code></td><td>${escapeHtml(job.queue)}</td><td>${escapeHtml(clip(job.summary))}</td><td>${escapeHtml(clip(job.error ?? '-'))}</td><td class="n">${escapeHtml(job.attempts ?? '-')}</td><td>${escapeHtml(job.lastFailedAt ?? '-')}</td><td><button type="button" data-action="retry" data-id="${id}">Retry</button><button type="button" data-action="forget" data-id="${id}">Forget</button></td></tr>`;
    })
    .join('');
  const shown = Math.min(failed.jobs.length, MAX_FAILED_SHOWN);
  const more = failed.total > shown ? `<p>and ${failed.total - shown} more (see pnpm queue:failed)</p>` : '';
  return `<table id="failed-jobs"><thead><tr><th>id</th><th>queue</th><th>update</th><th>error</th><th>attempts</th><th>failed at</th><th></th></tr></thead><tbody>${rows}</tbody></table>${more}`;
}

function recentTable(lines: RecentLine[]): string {
  if (lines.length === 0) return '<p>No warnings or errors since start.</p>';
  const rows = [...lines]
    .reverse()
    .map(
      (line) =>
        `<tr class="${line.level === 'error' ? 'error' : 'warn'}"><td>${escapeHtml(line.timestamp)}</td><td>${escapeHtml(line.level)}</td><td>${escapeHtml(line.message)}</td><td><code>${escapeHtml(clip(JSON.stringify(line.fields), 400))}</code></td></tr>`,
    )
    .join('');
  return `<table id="recent-errors"><thead><tr><th>time</th><th>level</th><th>message</th><th>fields</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The live part of the page, which the script fetches again every few seconds. */
export function renderLivePart(data: OpsPageData): string {
  const failedCount = 'error' in data.failedJobs ? '?' : data.failedJobs.total;
  return `<main id="live">
<p>Sampled at ${escapeHtml(data.now.toISOString())}; refreshes by itself.</p>
${charts(data.history, data.spanSeconds)}
<h2>Queues</h2>${queueTable(data.queues)}
<h2>Failed jobs (${failedCount})</h2>${failedTable(data.failedJobs)}
<h2>Recent warnings and errors</h2>${recentTable(data.recentLines)}
</main>`;
}

/** The operations page: server-rendered, every value escaped; the script only refreshes and posts. */
export function renderOpsPage(data: OpsPageData, nonce: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Taskbot operations</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">${STYLE}</style></head>
<body><h1>Taskbot operations</h1>
<p id="status" class="status" role="status"></p>
${renderLivePart(data)}
<script nonce="${nonce}">${OPS_PAGE_SCRIPT}</script>
</body></html>`;
}
