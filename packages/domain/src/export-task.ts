import type { Language } from './language';

// A task as /export writes it: every field, with names resolved (project, people, chat) and its
// notes' texts, so the CSV and iCalendar formatters (export-csv.ts, export-ics.ts) stay pure.

export interface ExportTask {
  id: number;
  title: string;
  status: 'open' | 'done';
  /** A priority code: low, normal, high, urgent. */
  priority: string;
  project: string | null;
  /** The chat the task lives in (a group's title; null for a private chat). */
  chat: string | null;
  dueAt: Date | null;
  doneAt: Date | null;
  createdAt: Date;
  author: string | null;
  assignee: string | null;
  /** The repetition, an RRULE value (see recurrence.ts). */
  recurrence: string | null;
  /** When the reminder is due (due time minus the lead time). */
  remindAt: Date | null;
  /** The notes' texts, oldest first. */
  notes: string[];
  fileCount: number;
}

/** An instant as ISO 8601 in UTC to the second, e.g. 2026-12-05T10:00:00Z. */
export function isoSecond(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}Z`;
}

/** The largest file Telegram takes from a bot: 50 MB. */
export const TELEGRAM_MAX_UPLOAD_BYTES = 50_000_000;

/** The largest file /export sends unless configured (EXPORT_MAX_FILE_BYTES): under Telegram's limit. */
export const DEFAULT_EXPORT_MAX_FILE_BYTES = 45_000_000;

/** A file size as people read it in their language, in decimal units as Telegram states its limit: 45 MB, 1.5 kB. */
export function fileSizeText(bytes: number, language: Language): string {
  const [unit, value] = bytes >= 1_000_000 ? ['megabyte', bytes / 1_000_000] : ['kilobyte', bytes / 1_000];
  return new Intl.NumberFormat(language, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}
