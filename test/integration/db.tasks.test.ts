import { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import { ProjectRepository } from '@taskbot/db/repositories/ProjectRepository';
import { type CreateTaskFromUpdate, TaskRepository } from '@taskbot/db/repositories/TaskRepository';
import { UserRepository } from '@taskbot/db/repositories/UserRepository';
import { createTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
let tasks: TaskRepository;

const AUTHOR = 5001;
const ASSIGNEE = 5002;
const CHAT = -1005001;
const OTHER_CHAT = -1005002;

let nextUpdateId = 900_000_000_000;
function task(overrides: Partial<CreateTaskFromUpdate> = {}): CreateTaskFromUpdate {
  nextUpdateId += 1;
  return { chatId: CHAT, authorId: AUTHOR, title: 'Buy milk', sourceUpdateId: nextUpdateId, ...overrides };
}

async function countRows(where: string): Promise<number> {
  const [row] = await db.dataSource.query(`SELECT COUNT(*) AS n FROM tasks WHERE ${where}`);
  return Number(row.n);
}

beforeAll(async () => {
  db = await createTestDatabase();
  tasks = new TaskRepository(db.dataSource);
  const users = new UserRepository(db.dataSource);
  const chats = new ChatRepository(db.dataSource);
  await users.register({ id: AUTHOR, first_name: 'Author' });
  await users.register({ id: ASSIGNEE, first_name: 'Assignee' });
  await chats.register({ id: CHAT, type: 'supergroup', title: 'Tasks' });
  await chats.register({ id: OTHER_CHAT, type: 'supergroup', title: 'Other' });
});

afterAll(async () => {
  await db.drop();
});

describe('creating a task from a Telegram update', () => {
  it('stores an open task with normal priority unless told otherwise', async () => {
    const { task: created, created: isNew } = await tasks.createFromUpdate(task({ title: 'Write docs' }));

    expect(isNew).toBe(true);
    expect(created).toMatchObject({
      chatId: CHAT,
      authorId: AUTHOR,
      title: 'Write docs',
      status: 'open',
      dueAt: null,
      doneAt: null,
      assigneeId: null,
      project: null,
      priority: { code: 'normal' },
    });
    expect(created.sourceUpdateId).toBe(nextUpdateId);
  });

  it('keeps the priority, project, assignee and due time it was given', async () => {
    const project = await new ProjectRepository(db.dataSource).ensure(CHAT, 'Launch');
    const dueAt = new Date('2031-02-03T04:05:06.789Z');

    const { task: created } = await tasks.createFromUpdate(
      task({ priorityCode: 'urgent', projectId: project.id, assigneeId: ASSIGNEE, dueAt }),
    );

    expect(created.priority?.code).toBe('urgent');
    expect(created.project?.name).toBe('Launch');
    expect(created.assigneeId).toBe(ASSIGNEE);
    expect(created.dueAt?.toISOString()).toBe(dueAt.toISOString());
  });

  it('a task created twice from the same update exists once', async () => {
    const input = task({ title: 'Only once' });

    const first = await tasks.createFromUpdate(input);
    const second = await tasks.createFromUpdate({ ...input, title: 'Redelivered copy' });

    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.task.id).toBe(first.task.id);
    expect(second.task.title).toBe('Only once');
    expect(await countRows(`source_update_id = ${input.sourceUpdateId}`)).toBe(1);
  });

  it('the same update handled by two workers at the same moment creates one task', async () => {
    const input = task({ title: 'Raced' });

    const results = await Promise.all([tasks.createFromUpdate(input), tasks.createFromUpdate(input)]);

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(results[0]?.task.id).toBe(results[1]?.task.id);
    expect(await countRows(`source_update_id = ${input.sourceUpdateId}`)).toBe(1);
  });

  it('the same update id in another chat is a different task', async () => {
    const input = task();

    await tasks.createFromUpdate(input);
    const elsewhere = await tasks.createFromUpdate({ ...input, chatId: OTHER_CHAT });

    expect(elsewhere.created).toBe(true);
    expect(elsewhere.task.chatId).toBe(OTHER_CHAT);
  });

  it('refuses an unknown priority, an empty title and a title longer than 4096 characters', async () => {
    await expect(tasks.createFromUpdate(task({ priorityCode: 'asap' as never }))).rejects.toThrow(
      'Unknown priority "asap"',
    );
    await expect(tasks.createFromUpdate(task({ title: '  ' }))).rejects.toThrow('must not be empty');
    await expect(tasks.createFromUpdate(task({ title: 'x'.repeat(4097) }))).rejects.toThrow('at most 4096');
  });

  it('notes when it was created, in UTC, as the database clock sees it', async () => {
    const { task: created } = await tasks.createFromUpdate(task());

    expect(Math.abs(created.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe('task titles', () => {
  it.each([
    ['emoji and other scripts', '🔥 Fix the 🐛 in the checkout — Grüße, 日本語, עברית 👩‍👩‍👧'],
    ['quotes, semicolons and SQL-looking text', `It's "done"; DROP TABLE tasks; -- \\' \` %_`],
    ['4096 characters ending in emoji', `${'a'.repeat(4094)}🎉🎉`],
  ])('with %s come back exactly as written', async (_, title) => {
    const { task: created } = await tasks.createFromUpdate(task({ title }));

    const found = await tasks.findInChat(CHAT, created.id);
    expect(found?.title).toBe(title);
  });
});

describe('due times', () => {
  // Jest gives each test file its own copy of process.env, so TZ cannot be switched here; instead the
  // database itself is asked what instant it holds, which is what other processes and SQL will see.
  it('are stored as the UTC instant they denote', async () => {
    const dueAt = new Date('2030-06-01T23:30:00.125Z');
    const { task: created } = await tasks.createFromUpdate(task({ dueAt }));

    const utcText =
      db.dataSource.driver.options.type === 'postgres'
        ? `to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS')`
        : `DATE_FORMAT(due_at, '%Y-%m-%d %H:%i:%s.%f')`;
    const [row] = await db.dataSource.query(`SELECT ${utcText} AS due FROM tasks WHERE id = ${created.id}`);

    expect(String(row.due).slice(0, 23)).toBe('2030-06-01 23:30:00.125');
    expect((await tasks.findInChat(CHAT, created.id))?.dueAt?.toISOString()).toBe(dueAt.toISOString());
  });
});

describe('listing the open tasks of a chat', () => {
  const LIST_CHAT = -1005100;
  const inHours = (hours: number) => new Date(Date.UTC(2030, 0, 1) + hours * 3_600_000);
  const expectedOrder = [
    'urgent, due first',
    'urgent, due second',
    'urgent, no due date',
    'urgent, no due date, created later',
    'high, no due date',
    'normal, due',
    'normal, no due date',
    'low, due soonest of all',
  ];

  beforeAll(async () => {
    await new ChatRepository(db.dataSource).register({ id: LIST_CHAT, type: 'group', title: 'List' });
    const project = await new ProjectRepository(db.dataSource).ensure(LIST_CHAT, 'Ops');
    const create = (title: string, extra: Partial<CreateTaskFromUpdate>) =>
      tasks.createFromUpdate(task({ chatId: LIST_CHAT, title, ...extra }));
    // Created out of order so that the listing's order cannot come from insertion order.
    await create('normal, no due date', {});
    await create('urgent, due second', { priorityCode: 'urgent', dueAt: inHours(48) });
    await create('urgent, no due date', { priorityCode: 'urgent', projectId: project.id });
    await create('low, due soonest of all', { priorityCode: 'low', dueAt: inHours(1) });
    await create('urgent, due first', { priorityCode: 'urgent', dueAt: inHours(24) });
    await create('high, no due date', { priorityCode: 'high' });
    await create('normal, due', { dueAt: inHours(72) });
    await create('urgent, no due date, created later', { priorityCode: 'urgent' });
    const done = await create('urgent but done', { priorityCode: 'urgent', dueAt: inHours(2) });
    await tasks.complete(LIST_CHAT, done.task.id);
  });

  it('puts the most urgent first, then the earliest due, tasks without a due date last, then the oldest', async () => {
    const { tasks: listed, total } = await tasks.listOpen(LIST_CHAT, { limit: 20, offset: 0 });

    expect(listed.map((t) => t.title)).toEqual(expectedOrder);
    expect(total).toBe(8);
  });

  it('pages through the same order, with the total of all open tasks on every page', async () => {
    const pages = await Promise.all(
      [0, 3, 6, 9].map((offset) => tasks.listOpen(LIST_CHAT, { limit: 3, offset })),
    );

    expect(pages.map((page) => page.tasks.map((t) => t.title))).toEqual([
      expectedOrder.slice(0, 3),
      expectedOrder.slice(3, 6),
      expectedOrder.slice(6, 8),
      [],
    ]);
    expect(pages.map((page) => page.total)).toEqual([8, 8, 8, 8]);
  });

  it('comes with each task’s priority and project', async () => {
    const { tasks: listed } = await tasks.listOpen(LIST_CHAT, { limit: 3, offset: 0 });

    expect(listed.map((t) => [t.priority?.code, t.project?.name ?? null])).toEqual([
      ['urgent', null],
      ['urgent', null],
      ['urgent', 'Ops'],
    ]);
  });

  it('refuses a page size beyond 100', async () => {
    await expect(tasks.listOpen(LIST_CHAT, { limit: 101, offset: 0 })).rejects.toThrow('from 1 to 100');
  });
});

describe('completing a task', () => {
  it('marks it done and notes when', async () => {
    const { task: created } = await tasks.createFromUpdate(task());

    const result = await tasks.complete(CHAT, created.id);

    expect(result?.changed).toBe(true);
    expect(result?.task.status).toBe('done');
    expect(Math.abs((result?.task.doneAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('a second time changes nothing and keeps the first completion time', async () => {
    const { task: created } = await tasks.createFromUpdate(task());
    const first = await tasks.complete(CHAT, created.id);

    const second = await tasks.complete(CHAT, created.id);

    expect(second?.changed).toBe(false);
    expect(second?.task.doneAt?.getTime()).toBe(first?.task.doneAt?.getTime());
  });

  it('pressed by two people at once is reported as a change only once', async () => {
    const { task: created } = await tasks.createFromUpdate(task());

    const results = await Promise.all([tasks.complete(CHAT, created.id), tasks.complete(CHAT, created.id)]);

    expect(results.filter((result) => result?.changed)).toHaveLength(1);
  });

  it('finds nothing when the task belongs to another chat or does not exist', async () => {
    const { task: created } = await tasks.createFromUpdate(task());

    expect(await tasks.complete(OTHER_CHAT, created.id)).toBeNull();
    expect(await tasks.complete(CHAT, 987_654_321)).toBeNull();
    expect((await tasks.findInChat(CHAT, created.id))?.status).toBe('open');
  });
});
