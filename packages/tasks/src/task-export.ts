import { Readable } from 'node:stream';
import type { Task } from '@taskbot/db/entities/Task';
import type { ExportBatch, ExportScope } from '@taskbot/db/repositories/TaskExports';
import { csvHeader, taskCsvRow } from '@taskbot/domain/export-csv';
import { CALENDAR_END, type CalendarOptions, calendarHead, taskVTodo } from '@taskbot/domain/export-ics';
import type { ExportTask } from '@taskbot/domain/export-task';
import { priorityCodeOf } from '@taskbot/domain/priority';
import { displayName } from './task-views';

// /export's two files, streamed: each is a Readable that reads the tasks a batch at a time, only as
// fast as the upload takes the text, so a person with thousands of tasks costs one batch of memory.
// A stream is made when the file is sent and nothing is read before: a send answered from the
// send-once ledger (a job run again) reads no task at all.

/** Where the tasks come from: batches read one by one, on demand (see TaskExports). */
export type ExportBatches = () => AsyncIterable<ExportBatch>;

export interface ExportFiles {
  /** How many tasks the files hold. */
  count: number;
  /** The CSV file, made anew at each call. */
  csv(): Readable;
  /** The iCalendar file, made anew at each call. */
  ics(): Readable;
}

/** A task as the export writes it, with the names it refers to. */
export function toExportTask(task: Task, batch: Pick<ExportBatch, 'notes' | 'fileCounts'>): ExportTask {
  return {
    id: task.id,
    title: task.title,
    status: task.status,
    priority: priorityCodeOf(task.priorityId) ?? 'normal',
    project: task.project?.name ?? null,
    chat: task.chat?.type === 'private' ? null : (task.chat?.title ?? null),
    dueAt: task.dueAt,
    doneAt: task.doneAt,
    createdAt: task.createdAt,
    author: task.author ? displayName(task.author) : null,
    assignee: displayName(task.assignee),
    recurrence: task.recurrence,
    remindAt: task.remindAt,
    notes: batch.notes.get(task.id) ?? [],
    fileCount: batch.fileCounts.get(task.id) ?? 0,
  };
}

async function* chunks(
  batches: ExportBatches,
  head: string,
  row: (task: ExportTask) => string,
  end: string,
): AsyncGenerator<string> {
  yield head;
  for await (const batch of batches()) {
    yield batch.tasks.map((task) => row(toExportTask(task, batch))).join('');
  }
  if (end) yield end;
}

/** A byte stream of text chunks, pulled one at a time as the reader asks. */
const textStream = (text: AsyncIterable<string>) => Readable.from(text, { objectMode: false });

/** The CSV file: a BOM, the header row, a row a task. */
export function csvStream(batches: ExportBatches): Readable {
  return textStream(chunks(batches, csvHeader(), taskCsvRow, ''));
}

/** The iCalendar file: one VCALENDAR, a VTODO a task. */
export function icsStream(batches: ExportBatches, options: CalendarOptions): Readable {
  return textStream(chunks(batches, calendarHead(), (task) => taskVTodo(task, options), CALENDAR_END));
}

/** What /export exports in a chat: a group's tasks, or in private the person's (see the README). */
export function exportScope(chat: { id: number; type: string }, userId: number): ExportScope {
  return chat.type === 'private' ? { chatId: chat.id, assignedTo: userId } : { chatId: chat.id };
}
