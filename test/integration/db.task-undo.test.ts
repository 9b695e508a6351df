import { createWorkerDeps, type WorkerDeps } from '@taskbot/bot/bot-context';
import { Task } from '@taskbot/db/entities/Task';
import { TaskFile } from '@taskbot/db/entities/TaskFile';
import { TaskNote } from '@taskbot/db/entities/TaskNote';
import { snapshotOf } from '@taskbot/domain/task-snapshot';
import { type Asker, Rights } from '@taskbot/tasks/rights';
import { TaskService } from '@taskbot/tasks/task-service';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { uniquePrefix } from '../support/stack';

// /undo of a delete on the real databases and Redis: the task comes back under its id with its
// notes and files (deleted with it by the database), their ids, authors and times as they were, in
// one transaction; so does a whole series; a person forgotten since comes back as nobody, and what
// they wrote stays deleted; an entry kept before tasks had notes still restores the task.

const ANN = 7_400_001;
const BOB = 7_400_002;
const GROUP = -1_007_400_100;
const annInGroup: Asker = { user: { id: ANN }, chat: { id: GROUP, type: 'supergroup' } };

let db: TestDatabase;
let redis: Redis;
let deps: WorkerDeps;
let prefix: string;
let service: TaskService;
let nextUpdateId = 840_000_000_000;

beforeAll(async () => {
  db = await createTestDatabase();
  redis = new Redis(process.env.REDIS_URL ?? '');
  prefix = uniquePrefix('undo');
  deps = createWorkerDeps(db.dataSource, redis, {
    redisPrefix: prefix,
    defaultTimeZone: 'UTC',
    defaultLeadMinutes: 15,
  });
  // Nobody here administers the group: Ann acts on tasks she wrote.
  service = new TaskService(
    deps,
    new Rights(deps.conversation, { getChatMember: async () => ({ status: 'member' }) }),
  );
  for (const [id, name] of [
    [ANN, 'Ann'],
    [BOB, 'Bob'],
  ] as const) {
    const person = { id, is_bot: false, first_name: name, username: name.toLowerCase() };
    await deps.senders.register(person, { id: GROUP, type: 'supergroup', title: 'Undo' });
  }
});

afterAll(async () => {
  await redis?.quit();
  await db?.drop();
});

const notes = () => db.dataSource.getRepository(TaskNote);
const files = () => db.dataSource.getRepository(TaskFile);

async function addTask(title: string, extra: object = {}) {
  const { task } = await deps.board.create({
    chatId: GROUP,
    authorId: ANN,
    title,
    sourceUpdateId: ++nextUpdateId,
    defaultLeadMinutes: 15,
    ...extra,
  });
  return task;
}

/** Three notes (an origin among them) by Ann and Bob, and two files, written days ago. */
async function addExtras(taskId: number) {
  const day = (n: number) => new Date(Date.UTC(2027, 0, n, 9, 30, 15, 250));
  await notes().insert([
    { taskId, authorId: ANN, kind: 'origin', text: 'Daily News\nhttps://t.me/news/1', createdAt: day(1) },
    {
      taskId,
      authorId: BOB,
      kind: 'note',
      text: 'Bob: call <them>',
      createdAt: day(2),
      sourceUpdateId: ++nextUpdateId,
    },
    {
      taskId,
      authorId: ANN,
      kind: 'note',
      text: 'Ann: 🧾 paid',
      createdAt: day(3),
      sourceUpdateId: ++nextUpdateId,
    },
  ]);
  await files().insert([
    {
      ...{
        taskId,
        authorId: BOB,
        kind: 'document' as const,
        fileId: `BQAC-${taskId}`,
        fileUniqueId: 'AgAD-doc',
      },
      ...{ fileName: 'invoice.pdf', mimeType: 'application/pdf', fileSize: 48_213, createdAt: day(4) },
    },
    {
      taskId,
      authorId: ANN,
      kind: 'photo' as const,
      fileId: `AgAC-${taskId}`,
      fileUniqueId: 'AgAD-pic',
      createdAt: day(5),
    },
  ]);
}

/** Every column of the task's notes and files, oldest first. */
async function extrasOf(taskId: number) {
  return {
    notes: await notes().find({ where: { taskId }, order: { id: 'ASC' } }),
    files: await files().find({ where: { taskId }, order: { id: 'ASC' } }),
  };
}

describe('/undo of a deleted task', () => {
  it('brings it back with its notes and files: the same ids, texts, authors and times', async () => {
    const task = await addTask('Pay the invoice');
    await addExtras(task.id);
    const before = await extrasOf(task.id);
    expect([before.notes.length, before.files.length]).toEqual([3, 2]);

    expect((await service.remove(annInGroup, task.id))?.id).toBe(task.id);
    expect(await extrasOf(task.id)).toEqual({ notes: [], files: [] });

    const undone = ++nextUpdateId;
    expect(await service.undo(annInGroup, undone)).toEqual({
      ok: true,
      kind: 'delete',
      title: 'Pay the invoice',
    });
    expect(await deps.board.findInChat(GROUP, task.id)).toMatchObject({ title: 'Pay the invoice' });
    const after = await extrasOf(task.id);
    expect(after).toEqual(before);
    expect(after.notes.map((note) => [note.authorId, note.text])).toEqual([
      [ANN, 'Daily News\nhttps://t.me/news/1'],
      [BOB, 'Bob: call <them>'],
      [ANN, 'Ann: 🧾 paid'],
    ]);
    expect(after.notes[1]?.createdAt).toEqual(new Date('2027-01-02T09:30:15.250Z'));

    // What the /undo keeps for its retries is the task alone now; a retry puts nothing back twice.
    const kept = await redis.get(`${prefix}undone:${GROUP}:${undone}`);
    expect(JSON.parse(kept ?? '{}')).toEqual({ kind: 'delete', before: snapshotOf(task) });
    expect(await redis.ttl(`${prefix}undone:${GROUP}:${undone}`)).toBeGreaterThan(86_400);
    expect(await service.undo(annInGroup, undone)).toMatchObject({ ok: true, kind: 'delete' });
    expect(await extrasOf(task.id)).toEqual(before);
    // New notes still get new ids after old ones were put back under theirs.
    await notes().insert({ taskId: task.id, authorId: ANN, kind: 'note', text: 'later' });
    const latest = await notes().findOneByOrFail({ text: 'later' });
    expect(latest.id).toBeGreaterThan(Math.max(...before.notes.map((note) => note.id)));
  });

  it('brings a whole series back, each occurrence with its notes and files', async () => {
    const first = await addTask('Water the plants', {
      dueAt: new Date('2027-03-15T09:00:00Z'),
      recurrence: 'FREQ=DAILY',
    });
    const done = await deps.board.series.complete(
      GROUP,
      first.id,
      () => new Date('2027-03-16T09:00:00Z'),
      15,
    );
    const next = done?.next as Task;
    // Reopened by hand: two open occurrences, both deleted with the series.
    await deps.board.change(GROUP, first.id, { status: 'open' }, 15);
    await addExtras(first.id);
    await notes().insert({ taskId: next.id, authorId: BOB, kind: 'note', text: 'on the next one' });
    const before = [await extrasOf(first.id), await extrasOf(next.id)];

    expect((await service.removeSeries(annInGroup, next.id))?.map((task) => task.id)).toEqual([
      next.id,
      first.id,
    ]);
    expect(await notes().countBy({ taskId: first.id })).toBe(0);
    expect(await service.undo(annInGroup, ++nextUpdateId)).toMatchObject({ ok: true, kind: 'delete' });
    expect([await extrasOf(first.id), await extrasOf(next.id)]).toEqual(before);
  });

  it('brings back a person forgotten since as nobody, and leaves out what they wrote', async () => {
    const carl = { id: 7_400_003, is_bot: false, first_name: 'Carl', username: 'carl' };
    await deps.senders.register(carl, { id: GROUP, type: 'supergroup', title: 'Undo' });
    const task = await addTask('Book the hall', { assigneeId: carl.id });
    await addExtras(task.id);
    await notes().insert({ taskId: task.id, authorId: carl.id, kind: 'note', text: 'Carl was here' });
    await files().insert({
      ...{
        taskId: task.id,
        authorId: carl.id,
        kind: 'voice' as const,
        fileId: 'AwAC',
        fileUniqueId: 'AgAD-voice',
      },
    });
    const before = await extrasOf(task.id);
    await service.remove(annInGroup, task.id);

    // Carl asks to be forgotten; Ann's undo history still holds the task with his note and file.
    await deps.people.erase(carl.id);
    expect(await service.undo(annInGroup, ++nextUpdateId)).toMatchObject({ ok: true, kind: 'delete' });
    expect(await deps.board.findInChat(GROUP, task.id)).toMatchObject({ authorId: ANN, assigneeId: null });
    // /forget_me deleted Carl's notes and files on group tasks: the undo does not bring them back.
    const withoutCarl = (rows: Array<{ authorId: number | null }>) =>
      rows.filter((row) => row.authorId !== carl.id);
    expect(await extrasOf(task.id)).toEqual({
      notes: withoutCarl(before.notes),
      files: withoutCarl(before.files),
    });
  });

  it('still restores an entry kept before tasks had notes, as it did', async () => {
    const task = await addTask('Old entry');
    await addExtras(task.id);
    await deps.board.remove(GROUP, task.id);
    await deps.conversation.pushUndo(GROUP, ANN, { kind: 'delete', before: snapshotOf(task) });

    const undone = ++nextUpdateId;
    expect(await service.undo(annInGroup, undone)).toMatchObject({ ok: true, title: 'Old entry' });
    expect(await deps.board.findInChat(GROUP, task.id)).toMatchObject({ id: task.id, title: 'Old entry' });
    expect(await extrasOf(task.id)).toEqual({ notes: [], files: [] });
    expect(JSON.parse((await redis.get(`${prefix}undone:${GROUP}:${undone}`)) ?? '{}')).toEqual({
      kind: 'delete',
      before: snapshotOf(task),
    });
  });

  it('keeps a person’s last 20 entries, for a week after the latest', async () => {
    const chat = -9_999_001;
    for (let taskId = 1; taskId <= 25; taskId += 1) {
      await deps.conversation.pushUndo(chat, ANN, { kind: 'create', taskId, title: `Entry ${taskId}` });
    }
    const key = `${prefix}undo:${chat}:${ANN}`;
    const kept = (await redis.lrange(key, 0, -1)).map(
      (raw) => (JSON.parse(raw) as { taskId: number }).taskId,
    );
    expect(kept).toEqual(Array.from({ length: 20 }, (_, index) => 25 - index));
    expect(await redis.ttl(key)).toBeGreaterThan(6 * 86_400);
  });
});
