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
//
// A file's size is known only once it is written, so its bytes are counted as they are produced:
// past the limit (Telegram takes files of up to 50 MB from a bot) the file stops and says so on its
// `stopped` signal, which cuts the upload, so no truncated file reaches the chat. A failed read of
// the tasks stops the file the same way, rather than as an 'error' event the upload never listens for.

/** Where the tasks come from: batches read one by one, on demand (see TaskExports). */
export type ExportBatches = () => AsyncIterable<ExportBatch>;

/** Why an export file stopped before its end: it would have been larger than the limit. */
export class ExportTooLargeError extends Error {
  override name = 'ExportTooLargeError';

  constructor(readonly maxBytes: number) {
    super(`the export file would be larger than ${maxBytes} bytes`);
  }
}

/** One file of the export, produced as it is read. */
export interface ExportFile {
  /** The file's bytes; a file that stopped early closes without 'end' (and without 'error'). */
  source: Readable;
  /**
   * Aborted when the file stopped before its end; the reason is an ExportTooLargeError, or the
   * error that failed reading the tasks. An upload made with this signal is cut when it aborts.
   */
  stopped: AbortSignal;
}

/** How /export writes its files: the calendar's stamps and the largest file it sends. */
export interface ExportOptions extends CalendarOptions {
  /** A file would be larger: it stops with an ExportTooLargeError instead. */
  maxFileBytes: number;
}

export interface ExportFiles {
  /** How many tasks the files hold. */
  count: number;
  /** The CSV file, made anew at each call. */
  csv(): ExportFile;
  /** The iCalendar file, made anew at each call. */
  ics(): ExportFile;
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

/**
 * A byte stream of text chunks, pulled one at a time as the reader asks, that stops (see the top of
 * this file) before the chunk that would take it past `maxBytes`.
 */
function cappedFile(text: AsyncIterable<string>, maxBytes: number): ExportFile {
  const controller = new AbortController();
  const pieces = text[Symbol.asyncIterator]();
  let bytes = 0;
  const source = new Readable({
    read() {
      pieces.next().then((next) => {
        if (next.done) {
          this.push(null);
          return;
        }
        bytes += Buffer.byteLength(next.value);
        if (bytes > maxBytes) stop(new ExportTooLargeError(maxBytes));
        else this.push(next.value, 'utf8');
      }, stop);
    },
    destroy(error, callback) {
      // However the stream ends, the tasks' reading ends with it.
      Promise.resolve(pieces.return?.()).then(
        () => callback(error),
        () => callback(error),
      );
    },
  });
  // Destroyed without an error: the reader sees neither 'end' (the file is not whole) nor an
  // 'error' event nobody listens for; the signal tells why.
  const stop = (reason: unknown) => {
    controller.abort(reason);
    source.destroy();
  };
  return { source, stopped: controller.signal };
}

/** The CSV file: a BOM, the header row, a row a task. */
export function csvFile(batches: ExportBatches, maxBytes: number): ExportFile {
  return cappedFile(chunks(batches, csvHeader(), taskCsvRow, ''), maxBytes);
}

/** The iCalendar file: one VCALENDAR, a VTODO a task. */
export function icsFile(batches: ExportBatches, options: CalendarOptions, maxBytes: number): ExportFile {
  return cappedFile(
    chunks(batches, calendarHead(), (task) => taskVTodo(task, options), CALENDAR_END),
    maxBytes,
  );
}

/** What /export exports in a chat: a group's tasks, or in private the person's (see the README). */
export function exportScope(chat: { id: number; type: string }, userId: number): ExportScope {
  return chat.type === 'private' ? { chatId: chat.id, assignedTo: userId } : { chatId: chat.id };
}
