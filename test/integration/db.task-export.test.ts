import { Task } from '@taskbot/db/entities/Task';
import { TaskFile } from '@taskbot/db/entities/TaskFile';
import { TaskNote } from '@taskbot/db/entities/TaskNote';
import { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import { TaskBoardRepository } from '@taskbot/db/repositories/TaskBoardRepository';
import type { ExportScope } from '@taskbot/db/repositories/TaskExports';
import { UserRepository } from '@taskbot/db/repositories/UserRepository';
import { csvFile, icsFile } from '@taskbot/tasks/task-export';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { readExportCsv, readExportIcs } from '../support/export-files';

// /export's reads on the real databases: a person's thousands of tasks go through the stream in
// batches (every row arrives, each batch read as the stream is read), a private export adds what
// is assigned to the person in groups they are still in, a group's export holds that group's only,
// and each row carries its notes and file count.

let db: TestDatabase;
let board: TaskBoardRepository;

const ANN = 7101;
const BOB = 7102;
const TEAM = -1007101;
const LEFT = -1007102;
const OTHER = -1007103;
const MANY = 5_000;
const CALENDAR = { uidDomain: 'taskbot', now: new Date('2027-03-13T12:00:00Z') };

let nextUpdateId = 810_000_000_000;
const row = (chatId: number, title: string) => ({
  chatId,
  authorId: ANN,
  title,
  sourceUpdateId: ++nextUpdateId,
});

/** No limit these files come near (the limit has tests of its own). */
const NO_LIMIT = 1_000_000_000;

async function read(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

const csvOf = (scope: ExportScope) => read(csvFile(() => board.exports.batches(scope), NO_LIMIT).source);

beforeAll(async () => {
  db = await createTestDatabase();
  board = new TaskBoardRepository(db.dataSource);
  const users = new UserRepository(db.dataSource);
  const chats = new ChatRepository(db.dataSource);
  await users.register({ id: ANN, is_bot: false, first_name: 'Ann', username: 'ann_export' });
  await users.register({ id: BOB, is_bot: false, first_name: 'Борис', last_name: 'Петров' });
  await chats.register({ id: ANN, type: 'private' as const, first_name: 'Ann' });
  for (const [id, title] of [
    [TEAM, 'Team'],
    [LEFT, 'Left behind'],
    [OTHER, 'Other'],
  ] as const) {
    await chats.register({ id, type: 'supergroup' as const, title });
  }
  await chats.addMember(LEFT, ANN);
  await chats.removeMember(LEFT, ANN);

  const tasks = db.dataSource.getRepository(Task);
  for (let first = 1; first <= MANY; first += 500) {
    await tasks.insert(
      Array.from({ length: 500 }, (_, i) => ({
        ...row(ANN, `Own task ${first + i}`),
        priorityId: 1 + (i % 4),
      })),
    );
  }
  const noted = await board.create({
    ...row(TEAM, 'Team, "quoted" — задача'),
    assigneeId: ANN,
    dueAt: new Date('2027-03-20T10:00:00Z'),
    defaultLeadMinutes: 30,
  });
  await board.create({ ...row(TEAM, 'Team, not Ann’s'), authorId: BOB, defaultLeadMinutes: 30 });
  await board.create({ ...row(LEFT, 'Left group task'), assigneeId: ANN, defaultLeadMinutes: 30 });
  await board.create({ ...row(OTHER, 'Other group task'), authorId: BOB, defaultLeadMinutes: 30 });
  const id = noted.task.id;
  await db.dataSource.getRepository(TaskNote).insert([
    { taskId: id, authorId: ANN, text: 'first note', kind: 'note' },
    { taskId: id, authorId: BOB, text: '=second, note', kind: 'note' },
  ]);
  await db.dataSource.getRepository(TaskFile).insert(
    ['a', 'b'].map((unique) => ({
      taskId: id,
      authorId: ANN,
      kind: 'document' as const,
      fileId: `file-${unique}`,
      fileUniqueId: unique,
    })),
  );
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

describe('the export reads', () => {
  it('streams thousands of a person’s tasks, with those assigned to them in groups they are in', async () => {
    const scope = { chatId: ANN, assignedTo: ANN };
    expect(await board.exports.count(scope)).toBe(MANY + 1);
    const lines = (await csvOf(scope)).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(MANY + 2);
    expect(lines.filter((line) => /^\d+,Own task \d+,/.test(line))).toHaveLength(MANY);
    const team = lines.find((line) => line.includes('quoted'));
    expect(team).toContain('"Team, ""quoted"" — задача",open,normal,,Team,2027-03-20T10:00:00Z,');
    // A name starting with @ is guarded as a formula would be.
    expect(team).toContain(",'@ann_export,'@ann_export,,2027-03-20T09:30:00Z,");
    expect(team).toMatch(/,"first note\n---\n=second, note",2$/);
    expect(lines.some((line) => line.includes('Left group task') || line.includes('not Ann'))).toBe(false);
  });

  it('writes files a CSV parser and an iCalendar parser read back', async () => {
    const records = readExportCsv(await csvOf({ chatId: ANN, assignedTo: ANN }));
    expect(records).toHaveLength(MANY + 1);
    expect(records.filter((record) => record.priority === 'urgent')).toHaveLength(MANY / 4);
    expect(records.find((record) => record.title?.includes('quoted'))).toMatchObject({
      title: 'Team, "quoted" — задача',
      chat: 'Team',
      notes: 'first note\n---\n=second, note',
      files: '2',
    });
    const todos = readExportIcs(
      await read(icsFile(() => board.exports.batches({ chatId: TEAM }), CALENDAR, NO_LIMIT).source),
    );
    expect(todos.map((todo) => todo.getFirstPropertyValue('summary'))).toEqual([
      'Team, "quoted" — задача',
      'Team, not Ann’s',
    ]);
    expect(String(todos[0]?.getFirstPropertyValue('due'))).toBe('2027-03-20T10:00:00Z');
    expect(todos[0]?.getFirstPropertyValue('description')).toBe('first note\n\n=second, note');
  });

  it('reads the tasks a batch at a time, in id order, each task once', async () => {
    const seen: number[] = [];
    let batches = 0;
    for await (const batch of board.exports.batches({ chatId: ANN }, 700)) {
      batches += 1;
      expect(batch.tasks.length).toBeLessThanOrEqual(700);
      seen.push(...batch.tasks.map((task) => task.id));
    }
    expect(batches).toBe(Math.ceil(MANY / 700));
    expect(new Set(seen).size).toBe(MANY);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('exports a group’s tasks only, as a calendar too', async () => {
    const scope = { chatId: TEAM };
    expect(await board.exports.count(scope)).toBe(2);
    const ics = await read(icsFile(() => board.exports.batches(scope), CALENDAR, NO_LIMIT).source);
    expect(ics.match(/BEGIN:VTODO/g)).toHaveLength(2);
    expect(ics).toContain('SUMMARY:Team\\, "quoted" — задача');
    expect(ics).toContain('TRIGGER;RELATED=END:-PT1800S');
    expect(ics).toContain('DESCRIPTION:first note\\n\\n=second\\, note');
    expect(ics).not.toContain('Own task');
  });
});
