import { createWorkerDeps, type WorkerDeps } from '@taskbot/bot/bot-context';
import { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import { UserRepository } from '@taskbot/db/repositories/UserRepository';
import { loadTaskList } from '@taskbot/tasks/task-views';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { uniquePrefix } from '../support/stack';

// Projects are read through Redis (priorities are code): a warm /tasks asks the database for tasks only,
// and a project change is seen at once. Proven by counting the statements the database receives.
// Also what a conversation keeps in Redis: shown numbers, undo entries, questions, admin checks.

let db: TestDatabase;
let redis: Redis;
let deps: WorkerDeps;
const statements: string[] = [];

const CHAT = -1008001;
const USER = 8001;

const tasksPage = () =>
  loadTaskList(deps, {
    chatId: CHAT,
    userId: USER,
    filter: { kind: 'all' },
    page: 0,
    lang: 'en',
    person: { timeZone: 'UTC', leadMinutes: 15 },
  });

/** The statements that reach a table, by name as each database quotes it. */
const touching = (table: string) =>
  statements.filter((sql) =>
    new RegExp(`(FROM|JOIN|INTO|UPDATE)\\s+["\`]?${table}["\`]?[\\s.]`, 'i').test(sql),
  );

beforeAll(async () => {
  db = await createTestDatabase();
  redis = new Redis(process.env.REDIS_URL ?? '');
  deps = createWorkerDeps(db.dataSource, redis, {
    redisPrefix: uniquePrefix('cache'),
    defaultTimeZone: 'UTC',
    defaultLeadMinutes: 15,
  });
  await new UserRepository(db.dataSource).register({ id: USER, is_bot: false, first_name: 'Cache' });
  await new ChatRepository(db.dataSource).register({
    id: CHAT,
    type: 'private' as const,
    first_name: 'Cache',
  });
  const home = await deps.projects.ensure(CHAT, 'Home');
  for (const [index, title] of ['Alpha', 'Beta'].entries()) {
    await deps.board.create({
      chatId: CHAT,
      authorId: USER,
      title,
      sourceUpdateId: index + 1,
      projectId: home.id,
      priorityId: 3,
      defaultLeadMinutes: 15,
    });
  }
  db.dataSource.subscribers.push({ afterQuery: (event) => void statements.push(event.query) });
});

afterAll(async () => {
  redis?.disconnect();
  await db?.drop();
});

beforeEach(() => {
  statements.length = 0;
});

describe('the reference cache', () => {
  it('a cold /tasks reads projects from the database once, and priorities never (they are code)', async () => {
    const view = await tasksPage();
    expect(view.text).toContain('Alpha');
    expect(view.text).toContain('📁 Home');
    expect(touching('priorities')).toEqual([]);
    expect(touching('projects')).toHaveLength(1);
  });

  it('a warm /tasks reads them from Redis: the database sees tasks only', async () => {
    const view = await tasksPage();
    expect(view.text).toContain('🟠 Alpha');
    expect(view.text).toContain('📁 Home');
    expect(touching('tasks').length).toBeGreaterThan(0);
    expect(touching('priorities')).toEqual([]);
    expect(touching('projects')).toEqual([]);
  });

  it('a project change invalidates it: the next /tasks reads the projects again and shows the new name', async () => {
    const [home] = await deps.cache.projects(CHAT);
    await deps.projects.rename(CHAT, home?.id ?? 0, 'House');
    await deps.cache.invalidateProjects(CHAT);
    statements.length = 0;

    const view = await tasksPage();
    expect(view.text).toContain('📁 House');
    expect(touching('projects')).toHaveLength(1);
    expect(touching('priorities')).toEqual([]);

    statements.length = 0;
    await tasksPage();
    expect(touching('projects')).toEqual([]);
  });

  it('keeps archived projects, flagged, so old tasks still show their project', async () => {
    const created = await deps.projects.create(CHAT, 'Old');
    const id = 'project' in created ? created.project.id : 0;
    await deps.projects.archive(CHAT, id);
    await deps.cache.invalidateProjects(CHAT);
    expect(await deps.cache.projects(CHAT)).toContainEqual({ id, name: 'Old', archived: true });
  });
});

describe('the conversation store', () => {
  const store = () => deps.conversation;

  it('maps the numbers of the last shown list to task ids, per person and chat', async () => {
    await store().rememberShownList(CHAT, USER, [41, 42, 43], 11);
    expect(await store().shownTask(CHAT, USER, 12)).toBe(42);
    expect(await store().shownTask(CHAT, USER, 10)).toBeUndefined();
    expect(await store().shownTask(CHAT, USER, 14)).toBeUndefined();
    expect(await store().shownTask(CHAT, USER + 1, 11)).toBeUndefined();
  });

  it('gives undo entries newest first, and the same one again to a repeated /undo', async () => {
    await store().pushUndo(CHAT, USER, { kind: 'create', taskId: 1, title: 'first' });
    await store().pushUndo(CHAT, USER, { kind: 'create', taskId: 2, title: 'second' });

    expect(await store().popUndo(CHAT, USER, 501)).toMatchObject({ taskId: 2 });
    // The same /undo update again (a retry): the same entry, the older one stays.
    expect(await store().popUndo(CHAT, USER, 501)).toMatchObject({ taskId: 2 });
    expect(await store().popUndo(CHAT, USER, 502)).toMatchObject({ taskId: 1 });
    expect(await store().popUndo(CHAT, USER, 503)).toBeUndefined();
    // Nothing to undo stays nothing for that update, even when something is added later.
    await store().pushUndo(CHAT, USER, { kind: 'create', taskId: 3, title: 'third' });
    expect(await store().popUndo(CHAT, USER, 503)).toBeUndefined();
    expect(await store().popUndo(CHAT, USER, 504)).toMatchObject({ taskId: 3 });
  });

  it('keeps at most 20 undo entries', async () => {
    for (let i = 0; i < 25; i += 1) {
      await store().pushUndo(CHAT, USER, { kind: 'create', taskId: 100 + i, title: `t${i}` });
    }
    const taken: number[] = [];
    for (let update = 600; ; update += 1) {
      const entry = await store().popUndo(CHAT, USER, update);
      if (!entry) break;
      if (entry.kind === 'create') taken.push(entry.taskId);
    }
    expect(taken).toHaveLength(20);
    expect(taken[0]).toBe(124);
  });

  it('has a question on record before it is sent, and keeps it until it is answered', async () => {
    const asked = { kind: 'projectNew', userId: USER } as const;
    const id = await store().askPrompt(CHAT, USER, 70, asked);
    // Not sent yet: a reply to any bot message after the pressed one (70) may be the answer.
    expect(await store().prompt(CHAT, USER, 71)).toEqual({ id, prompt: asked });
    expect(await store().prompt(CHAT, USER, 70)).toBeUndefined();
    expect(await store().prompt(CHAT, USER + 1, 71)).toBeUndefined();
    await store().settlePrompt(CHAT, USER, id, 77);
    expect(await store().prompt(CHAT, USER, 77)).toEqual({ id, prompt: asked });
    expect(await store().prompt(CHAT, USER, 78)).toBeUndefined();
    await store().forgetPrompt(CHAT, USER, id);
    expect(await store().prompt(CHAT, USER, 77)).toBeUndefined();
  });

  it('answers only the latest question to a person, never with a reply to an earlier one', async () => {
    const first = await store().askPrompt(CHAT, USER, 80, { kind: 'projectNew', userId: USER });
    await store().settlePrompt(CHAT, USER, first, 81);
    const second = await store().askPrompt(CHAT, USER, 80, { kind: 'projectNew', userId: USER });
    // The second is not sent yet; the first question (81) is above the pressed message but not new.
    expect(await store().prompt(CHAT, USER, 81)).toBeUndefined();
    expect(await store().prompt(CHAT, USER, 82)).toMatchObject({ id: second });
    // Late word about the first question neither settles nor forgets the second.
    await store().settlePrompt(CHAT, USER, first, 90);
    await store().forgetPrompt(CHAT, USER, first);
    expect(await store().prompt(CHAT, USER, 82)).toMatchObject({ id: second });
    await store().forgetPrompt(CHAT, USER, second);
  });

  it('asks Telegram whether someone is an admin once, then remembers the answer', async () => {
    let lookups = 0;
    const lookup = async () => {
      lookups += 1;
      return true;
    };
    expect(await store().isAdmin(CHAT, USER, lookup)).toBe(true);
    expect(await store().isAdmin(CHAT, USER, lookup)).toBe(true);
    expect(lookups).toBe(1);
    expect(await store().isAdmin(CHAT, USER + 1, async () => false)).toBe(false);
  });
});
