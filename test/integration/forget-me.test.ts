import { createWorkerDeps, type WorkerDeps } from '@taskbot/bot/bot-context';
import { migrations } from '@taskbot/db/data-source';
import { TaskFile } from '@taskbot/db/entities/TaskFile';
import { TaskNote } from '@taskbot/db/entities/TaskNote';
import type { PersonRecordCounts } from '@taskbot/domain/forget-me';
import { snapshotOf } from '@taskbot/domain/task-snapshot';
import { HandledJobs } from '@taskbot/messaging/handled-jobs';
import { digestJobKey } from '@taskbot/reminders/own-messages';
import { ForgetService } from '@taskbot/tasks/forget-service';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { keysNaming as keysNamingUnder } from '../support/keys-naming';
import { uniquePrefix } from '../support/stack';

// /forget_me against the real databases and Redis: a person with a private chat, tasks, notes,
// files, group tasks they wrote and were assigned, memberships, settings and undo history is
// forgotten, and then no row of any table and no Redis key under the prefix names their id.

const ANN = 7_300_001;
const BOB = 7_300_002;
const GROUP = -1_007_300_100;
const TABLES = ['users', 'chats', 'chat_members', 'projects', 'tasks', 'task_notes', 'task_files'];
const DUE = new Date('2027-03-01T09:00:00Z');

let db: TestDatabase;
let redis: Redis;
let deps: WorkerDeps;
let prefix: string;
let forgetting: ForgetService;
const ids: Record<string, number> = {};

/** Every row of every table that holds Ann's id in any column. */
async function rowsNaming(id: number): Promise<Array<{ table: string; row: Record<string, unknown> }>> {
  const found: Array<{ table: string; row: Record<string, unknown> }> = [];
  for (const table of TABLES) {
    const rows = (await db.dataSource.query(`SELECT * FROM ${table}`)) as Record<string, unknown>[];
    for (const row of rows) {
      if (Object.values(row).some((value) => value !== null && String(value) === String(id)))
        found.push({ table, row });
    }
  }
  return found;
}

const keysNaming = (id: number) => keysNamingUnder(redis, prefix, id);

async function addTask(chatId: number, title: string, authorId: number, extra: object = {}) {
  const { task } = await deps.board.create({
    chatId,
    authorId,
    title,
    sourceUpdateId: Object.keys(ids).length + 1,
    defaultLeadMinutes: 15,
    ...extra,
  });
  ids[title] = task.id;
  return task;
}

async function seed(): Promise<void> {
  const person = (id: number, first_name: string) => ({
    id,
    is_bot: false,
    first_name,
    username: first_name,
  });
  for (const [user, name] of [
    [ANN, 'ann'],
    [BOB, 'bob'],
  ] as const) {
    await deps.senders.register(person(user, name), { id: user, type: 'private', first_name: name });
    await deps.senders.register(person(user, name), { id: GROUP, type: 'supergroup', title: 'Team' });
  }
  await deps.users.updateSettings(ANN, {
    language: 'ru',
    timeZone: 'Europe/Berlin',
    reminderLeadMinutes: 30,
    digestTime: '08:00',
    quietStart: '22:00',
    quietEnd: '07:00',
  });
  const home = await deps.projects.ensure(ANN, 'Home');
  await deps.projects.ensure(GROUP, 'Team work');
  const own = await addTask(ANN, 'Ann private', ANN, { projectId: home.id, dueAt: DUE });
  await addTask(ANN, 'Ann private 2', ANN);
  await addTask(GROUP, 'Ann wrote, Bob does', ANN, { assigneeId: BOB, dueAt: DUE });
  await addTask(GROUP, 'Ann wrote, nobody does', ANN, { dueAt: DUE });
  await addTask(GROUP, 'Bob wrote, Ann does', BOB, { assigneeId: ANN, dueAt: DUE });
  await addTask(GROUP, 'Bob wrote alone', BOB);

  const notes = db.dataSource.getRepository(TaskNote);
  const note = (taskId: number, authorId: number, text: string) => ({
    taskId,
    authorId,
    text,
    kind: 'note' as const,
  });
  await notes.insert([
    note(own.id, ANN, 'private note'),
    note(ids['Bob wrote alone'] as number, ANN, 'Ann on a group task'),
    note(ids['Ann wrote, Bob does'] as number, BOB, 'Bob on Ann’s task'),
  ]);
  const files = db.dataSource.getRepository(TaskFile);
  const file = (taskId: number, authorId: number, unique: string) => ({
    taskId,
    authorId,
    kind: 'document' as const,
    fileId: `file-${unique}`,
    fileUniqueId: unique,
  });
  await files.insert([
    file(own.id, ANN, 'u1'),
    file(ids['Bob wrote, Ann does'] as number, ANN, 'u2'),
    file(ids['Ann wrote, Bob does'] as number, BOB, 'u3'),
  ]);

  const { conversation, cache } = deps;
  for (const chat of [ANN, GROUP]) {
    await conversation.pushUndo(chat, ANN, { kind: 'create', taskId: 1, title: 'x' });
    await conversation.rememberShownList(chat, ANN, [1, 2], 1);
    await conversation.askPrompt(chat, ANN, 10, { kind: 'projectNew', userId: ANN });
    await conversation.isAdmin(chat, ANN, async () => false);
  }
  await conversation.pushUndo(ANN, ANN, { kind: 'create', taskId: 2, title: 'y' });
  await conversation.popUndo(ANN, ANN, 555);
  await cache.projects(ANN);
  const handled = new HandledJobs(redis, prefix);
  await handled.markHandled(digestJobKey(ANN, '2027-03-01'));
  await handled.markHandled(`notice:rate_limited:${ANN}:29400`);
  for (const key of [
    `failure-notice:user:${ANN}`,
    `limit:user:${ANN}`,
    `sent:${digestJobKey(ANN, '2027-03-01')}:1`,
    `sent:notice:rate_limited:${ANN}:29400:1`,
  ])
    await redis.set(`${prefix}${key}`, '1', 'EX', 600);
  // Bob's own, which must stay.
  await conversation.pushUndo(GROUP, BOB, { kind: 'create', taskId: 3, title: 'z' });
  await conversation.rememberShownList(BOB, BOB, [3], 1);
}

beforeAll(async () => {
  db = await createTestDatabase();
  redis = new Redis(process.env.REDIS_URL ?? '');
  prefix = uniquePrefix('forget');
  deps = createWorkerDeps(db.dataSource, redis, {
    redisPrefix: prefix,
    defaultTimeZone: 'UTC',
    defaultLeadMinutes: 15,
  });
  forgetting = new ForgetService(deps);
  await seed();
});

afterAll(async () => {
  redis?.disconnect();
  await db?.drop();
});

describe('forgetting a person', () => {
  const expected: PersonRecordCounts = {
    privateTasks: 2,
    notes: 1,
    files: 1,
    groups: 1,
    assigned: 1,
    authored: 2,
    known: true,
  };
  let bobsSnapshot: ReturnType<typeof snapshotOf>;

  it('previews what goes and what stays, changing nothing', async () => {
    expect(await forgetting.preview(ANN)).toEqual(expected);
    expect((await rowsNaming(ANN)).length).toBeGreaterThan(0);
    const task = await deps.board.findInChat(GROUP, ids['Ann wrote, Bob does'] as number);
    if (!task) throw new Error('seeded task missing');
    bobsSnapshot = snapshotOf(task);
  });

  it('deletes every row and Redis key naming them, and says what it found', async () => {
    const before = await keysNaming(ANN);
    expect(before.length).toBeGreaterThanOrEqual(14);

    const { counts, redisKeys } = await forgetting.forget(ANN);

    expect(counts).toEqual(expected);
    expect(redisKeys).toBe(before.length);
    expect(await rowsNaming(ANN)).toEqual([]);
    expect(await keysNaming(ANN)).toEqual([]);
  });

  it('leaves the group its tasks (without the author), Bob’s rows and Bob’s keys', async () => {
    const titles = await db.dataSource.query(`SELECT title FROM tasks WHERE chat_id = ${GROUP} ORDER BY id`);
    expect(titles.map((row: { title: string }) => row.title)).toEqual([
      'Ann wrote, Bob does',
      'Ann wrote, nobody does',
      'Bob wrote, Ann does',
      'Bob wrote alone',
    ]);
    const notes = await db.dataSource.query('SELECT text FROM task_notes');
    expect(notes.map((row: { text: string }) => row.text)).toEqual(['Bob on Ann’s task']);
    const files = await db.dataSource.query('SELECT file_unique_id FROM task_files');
    expect(files.map((row: { file_unique_id: string }) => row.file_unique_id)).toEqual(['u3']);
    expect(await deps.users.findById(BOB)).not.toBeNull();
    expect(await deps.chats.isMember(GROUP, BOB)).toBe(true);
    expect(await keysNaming(BOB)).toHaveLength(2);
    const projects = await db.dataSource.query('SELECT name FROM projects');
    expect(projects.map((row: { name: string }) => row.name)).toEqual(['Team work']);
  });

  it('finds nothing the second time, and deletes nothing more', async () => {
    const again = await forgetting.forget(ANN);
    expect(again).toEqual({
      counts: { privateTasks: 0, notes: 0, files: 0, groups: 0, assigned: 0, authored: 0, known: false },
      redisKeys: 0,
    });
    expect(await keysNaming(BOB)).toHaveLength(2);
  });

  it('keeps an authorless task working: reminders, a new due date, an undo naming them', async () => {
    const authorless = ids['Ann wrote, nobody does'] as number;
    const due = await deps.reminders.findDue(new Date('2027-04-01T00:00:00Z'));
    const reminded = due.find((task) => task.id === authorless);
    expect(reminded?.author).toBeNull();

    const moved = await deps.board.change(GROUP, authorless, { dueAt: new Date('2027-05-01T09:00:00Z') }, 15);
    expect(moved?.after.remindAt).toEqual(new Date('2027-05-01T08:45:00Z'));

    // Bob's undo history still holds the task as it was, naming Ann: it comes back without her.
    await deps.board.remove(GROUP, bobsSnapshot.id);
    const restored = await deps.board.restore(bobsSnapshot);
    expect([restored.authorId, restored.assigneeId]).toEqual([null, BOB]);
    expect(await rowsNaming(ANN)).toEqual([]);
  });

  it('cannot roll back the migration while tasks have no author, and says why', async () => {
    // The migrations made after it go back first, as a rollback to before it would take them.
    const later = migrations.length - 1 - migrations.findIndex((m) => m.name === 'ForgetPeople1767225600008');
    for (let i = 0; i < later; i++) await db.dataSource.undoLastMigration({ transaction: 'each' });
    await expect(db.dataSource.undoLastMigration({ transaction: 'each' })).rejects.toThrow(
      /2 tasks have no author/,
    );
    await db.dataSource.runMigrations({ transaction: 'each' });
    expect(await db.dataSource.showMigrations()).toBe(false);
  });
});
