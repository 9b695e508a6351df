import { oneLine } from '@taskbot/domain/update-summary';
import type { FailedJob } from '@taskbot/messaging/failed-job';

// How failed jobs look in a terminal. Everything shown comes from messages that users and failures
// wrote, so each cell is put on one line without control characters.

const COLUMNS = ['ID', 'QUEUE', 'UPDATE', 'ERROR', 'ATTEMPTS', 'FAILED AT'] as const;
// Queue names are the deployment's own and an operator types them back (--queue): never cut in practice.
const MAX_CELL = { queue: 120, update: 64, error: 60 } as const;

/** `2026-11-29T06:48:34.123Z` → `2026-11-29 06:48:34Z`; anything else as it is. */
function shortTime(iso: string | undefined): string {
  if (!iso) return '-';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]}Z` : oneLine(iso, 30);
}

function rowOf(job: FailedJob): string[] {
  return [
    job.id,
    oneLine(job.queue, MAX_CELL.queue),
    oneLine(job.summary, MAX_CELL.update),
    oneLine(job.error ?? '-', MAX_CELL.error),
    job.attempts === undefined ? '-' : String(job.attempts),
    shortTime(job.lastFailedAt),
  ];
}

const width = (cell: string) => Array.from(cell).length;

/** The table of `queue:failed`, with a closing line that counts the jobs. */
export function renderFailedTable(jobs: FailedJob[]): string {
  if (jobs.length === 0) return 'No failed jobs.';
  const rows = [[...COLUMNS], ...jobs.map(rowOf)];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((row) => width(row[column] ?? ''))));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - width(cell)))
      .join('  ')
      .trimEnd(),
  );
  return [...lines, '', `${jobs.length} failed job${jobs.length === 1 ? '' : 's'}.`].join('\n');
}

// JSON escapes control characters already; direction overrides would still reorder the terminal.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Everything about one job, as indented JSON. */
export function renderJob(job: FailedJob): string {
  return JSON.stringify(job, null, 2).replace(
    BIDI_CONTROLS,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
