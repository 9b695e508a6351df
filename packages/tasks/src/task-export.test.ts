import { once } from 'node:events';
import type { Readable } from 'node:stream';
import type { Chat } from '@taskbot/db/entities/Chat';
import type { Task } from '@taskbot/db/entities/Task';
import type { User } from '@taskbot/db/entities/User';
import type { ExportBatch } from '@taskbot/db/repositories/TaskExports';
import { csvFile, ExportTooLargeError, exportScope, icsFile, toExportTask } from './task-export';

const ann = { id: 1, username: 'ann', firstName: 'Ann', lastName: null } as User;
const group = { id: -5, type: 'group', title: 'Team' } as Chat;

const task = (id: number, extra: Partial<Task> = {}): Task =>
  ({
    id,
    title: `Task ${id}`,
    status: 'open',
    priorityId: 2,
    projectId: null,
    project: null,
    chatId: group.id,
    chat: group,
    dueAt: null,
    doneAt: null,
    createdAt: new Date('2026-12-01T08:00:00Z'),
    authorId: ann.id,
    author: ann,
    assigneeId: null,
    assignee: null,
    recurrence: null,
    remindAt: null,
    ...extra,
  }) as Task;

const calendar = { uidDomain: 'taskbot', now: new Date('2026-12-05T12:00:00Z') };

/** No limit that a test's file comes near. */
const UNLIMITED = 1_000_000_000;

/** `total` tasks in batches of `size`, counting the batches read and whether reading ended. */
function source(total: number, size: number, failAt?: number) {
  const read = { batches: 0, closed: false };
  async function* batches(): AsyncGenerator<ExportBatch> {
    try {
      for (let first = 1; first <= total; first += size) {
        read.batches += 1;
        if (read.batches === failAt) throw new Error('connection lost');
        const tasks = Array.from({ length: Math.min(size, total - first + 1) }, (_, i) => task(first + i));
        yield { tasks, notes: new Map(), fileCounts: new Map() };
      }
    } finally {
      read.closed = true;
    }
  }
  return { batches, read };
}

/** What a reader of the stream sees: the bytes, and whether it ended, erred or only closed. */
async function readToClose(stream: Readable) {
  const seen = { bytes: 0, ended: false, errors: 0 };
  stream.on('data', (chunk: Buffer) => {
    seen.bytes += chunk.length;
  });
  stream.on('end', () => {
    seen.ended = true;
  });
  stream.on('error', () => {
    seen.errors += 1;
  });
  await once(stream, 'close');
  return seen;
}

/** Reads the stream to its end, noting how far the source was ahead of the reader at most. */
async function drain(stream: AsyncIterable<Buffer>, read: { batches: number }) {
  const parts: Buffer[] = [];
  let maxAhead = 0;
  for await (const chunk of stream) {
    parts.push(chunk);
    // The reader has taken the header plus (parts - 1) batches; the source read `batches` so far.
    maxAhead = Math.max(maxAhead, read.batches - (parts.length - 1));
  }
  return { text: Buffer.concat(parts).toString('utf8'), maxAhead };
}

describe('the streamed export files', () => {
  it('write 5,000 tasks a batch at a time, reading the tasks only as fast as the file is taken', async () => {
    const { batches, read } = source(5_000, 500);
    const stream = csvFile(batches, UNLIMITED).source;
    expect(read.batches).toBe(0);
    const { text, maxAhead } = await drain(stream, read);
    expect(read.batches).toBe(10);
    expect(maxAhead).toBeLessThanOrEqual(2);
    const rows = text.split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(5_001);
    expect(rows[0]?.startsWith('\uFEFFid,title,')).toBe(true);
    expect(rows[5_000]?.startsWith('5000,Task 5000,open,normal,,Team,')).toBe(true);
  });

  it('writes one VTODO a task inside one calendar', async () => {
    const { batches, read } = source(1_200, 500);
    const { text, maxAhead } = await drain(icsFile(batches, calendar, UNLIMITED).source, read);
    expect(maxAhead).toBeLessThanOrEqual(2);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VTODO\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(text.match(/^BEGIN:VTODO\r$/gm)).toHaveLength(1_200);
    expect(text).toContain('UID:task-1200@taskbot');
  });

  it('makes a stream that reads nothing until it is read', () => {
    const { batches, read } = source(10, 5);
    csvFile(batches, UNLIMITED);
    icsFile(batches, calendar, UNLIMITED);
    expect(read.batches).toBe(0);
  });

  it('writes a file of exactly the limit whole', async () => {
    const whole = await drain(csvFile(source(30, 10).batches, UNLIMITED).source, { batches: 0 });
    const size = Buffer.byteLength(whole.text);
    const file = csvFile(source(30, 10).batches, size);
    const seen = await readToClose(file.source);
    expect(seen).toEqual({ bytes: size, ended: true, errors: 0 });
    expect(file.stopped.aborted).toBe(false);
  });

  it('stops a file before the bytes that pass the limit, and stops reading the tasks', async () => {
    const { batches, read } = source(5_000, 100);
    const file = icsFile(batches, calendar, 20_000);
    const seen = await readToClose(file.source);
    expect(seen.ended).toBe(false);
    expect(seen.errors).toBe(0);
    expect(seen.bytes).toBeLessThanOrEqual(20_000);
    expect(file.stopped.aborted).toBe(true);
    expect(file.stopped.reason).toEqual(new ExportTooLargeError(20_000));
    expect(read.batches).toBeLessThan(50);
    expect(read.closed).toBe(true);
  });

  it('stops a file whose tasks cannot be read, with the error on its signal', async () => {
    const { batches } = source(5_000, 100, 3);
    const file = csvFile(batches, UNLIMITED);
    const seen = await readToClose(file.source);
    expect(seen).toMatchObject({ ended: false, errors: 0 });
    expect(file.stopped.reason).toEqual(new Error('connection lost'));
  });

  it('names the project, people and chat of a task, with its notes and file count', () => {
    const exported = toExportTask(
      task(3, {
        priorityId: 4,
        project: { name: 'work' } as Task['project'],
        assignee: { id: 2, username: null, firstName: 'Борис', lastName: 'Петров' } as User,
      }),
      { notes: new Map([[3, ['one', 'two']]]), fileCounts: new Map([[3, 2]]) },
    );
    expect(exported).toMatchObject({
      priority: 'urgent',
      project: 'work',
      chat: 'Team',
      author: '@ann',
      assignee: 'Борис Петров',
      notes: ['one', 'two'],
      fileCount: 2,
    });
    const own = toExportTask(task(4, { chat: { ...group, type: 'private', title: null } as Chat }), {
      notes: new Map(),
      fileCounts: new Map(),
    });
    expect(own).toMatchObject({ chat: null, notes: [], fileCount: 0, assignee: null });
  });

  it('exports a group’s tasks in a group, and in private also those assigned to the person elsewhere', () => {
    expect(exportScope({ id: -5, type: 'supergroup' }, 1)).toEqual({ chatId: -5 });
    expect(exportScope({ id: 1, type: 'private' }, 1)).toEqual({ chatId: 1, assignedTo: 1 });
  });
});
