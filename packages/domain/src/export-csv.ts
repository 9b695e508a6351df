import type { ExportTask } from './export-task';
import { isoSecond } from './export-task';

// /export's CSV (RFC 4180): a header row, then one row a task, CRLF line ends, UTF-8 with a BOM so
// spreadsheet apps read Cyrillic. Instants are ISO 8601 in UTC.

/** Written once before the header: tells Excel and friends the file is UTF-8. */
export const CSV_BOM = '\uFEFF';

/** Between a task's notes in their one cell (a note may hold line breaks of its own). */
export const NOTE_SEPARATOR = '\n---\n';

export const CSV_COLUMNS = [
  'id',
  'title',
  'status',
  'priority',
  'project',
  'chat',
  'due',
  'done at',
  'created',
  'author',
  'assignee',
  'repeat (RRULE)',
  'reminder',
  'notes',
  'files',
] as const;

// A cell a spreadsheet would run as a formula (OWASP's list: = + - @, and tab or CR before one).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: text that a spreadsheet would take for a formula gets a leading apostrophe; a cell
 * holding a quote, comma or line break is quoted, its quotes doubled.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record: cells joined by commas, ended by CRLF. */
export function csvRecord(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The BOM and the header row. */
export function csvHeader(): string {
  return `${CSV_BOM}${csvRecord(CSV_COLUMNS)}`;
}

const instant = (value: Date | null) => (value ? isoSecond(value) : '');

/** A task's row, in the order of CSV_COLUMNS. */
export function taskCsvRow(task: ExportTask): string {
  return csvRecord([
    String(task.id),
    task.title,
    task.status,
    task.priority,
    task.project ?? '',
    task.chat ?? '',
    instant(task.dueAt),
    instant(task.doneAt),
    instant(task.createdAt),
    task.author ?? '',
    task.assignee ?? '',
    task.recurrence ?? '',
    instant(task.remindAt),
    task.notes.join(NOTE_SEPARATOR),
    String(task.fileCount),
  ]);
}
