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
