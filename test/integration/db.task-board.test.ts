import { Task } from '@taskbot/db/entities/Task';
import { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import type { ListQuery } from '@taskbot/db/repositories/OpenTaskPages';
import { ProjectRepository } from '@taskbot/db/repositories/ProjectRepository';
import { TaskBoardRepository } from '@taskbot/db/repositories/TaskBoardRepository';
import { UserRepository } from '@taskbot/db/repositories/UserRepository';
import type { ListFilter } from '@taskbot/domain/callback-data';
import { DEFAULT_PRIORITY_ID } from '@taskbot/domain/priority';
import { snapshotOf } from '@taskbot/domain/task-snapshot';
import { MAX_TITLE_LENGTH } from '@taskbot/domain/task-title';
import { createTestDatabase, type TestDatabase } from '../support/database';

// The task manager's reads and writes on the real databases: lists by filter and order, search,
// assigned tasks, statistics, project counts, changes with the reminder lead time, delete and
// restore (for /undo), and projects created, renamed and archived.

let db: TestDatabase;
let board: TaskBoardRepository;
let projects: ProjectRepository;
let users: UserRepository;

const AUTHOR = 7001;
const ASSIGNEE = 7002;
const ADMIN = 7003;
const CHAT = -1007001;
const OTHER_CHAT = -1007002;
const DEFAULT_LEAD = 15;
const NOW = new Date('2027-03-13T12:00:00Z');

let nextUpdateId = 800_000_000_000;
const add = async (title: string, extra: Partial<Parameters<TaskBoardRepository['create']>[0]> = {}) =>
  (
    await board.create({
      chatId: CHAT,
      authorId: AUTHOR,
      title,
      sourceUpdateId: ++nextUpdateId,
      defaultLeadMinutes: DEFAULT_LEAD,
      ...extra,
    })
  ).task;

const list = (filter: ListFilter, page = 0, chatId = CHAT, pageSize = 10) => {
  const query: ListQuery = {
    chatId,
    filter,
    page,
    pageSize,
    now: NOW,
    today: { start: new Date('2027-03-13T00:00:00Z'), end: new Date('2027-03-14T00:00:00Z') },
  };
  return board.listOpen(query);
};

const titles = (tasks: Array<Pick<Task, 'title'>>) => tasks.map((task) => task.title);

beforeAll(async () => {
  db = await createTestDatabase();
  board = new TaskBoardRepository(db.dataSource);
  projects = new ProjectRepository(db.dataSource);
  users = new UserRepository(db.dataSource);
  const chats = new ChatRepository(db.dataSource);
  await users.register({ id: AUTHOR, is_bot: false, first_name: 'Author', username: 'Author_One' });
  await users.register({ id: ASSIGNEE, is_bot: false, first_name: 'Assignee', username: 'helper' });
  await users.register({ id: ADMIN, is_bot: false, first_name: 'Admin' });
  await chats.register({ id: CHAT, type: 'supergroup' as const, title: 'Board' });
  await chats.register({ id: OTHER_CHAT, type: 'supergroup' as const, title: 'Other board' });
});

afterAll(async () => {
  await db?.drop();
});

beforeEach(async () => {
  // DELETE, not TRUNCATE: task_notes and task_files refer to tasks, and both databases refuse that.
  await db.dataSource.createQueryBuilder().delete().from(Task).execute();
  await users.updateSettings(AUTHOR, { reminderLeadMinutes: null });
  await users.updateSettings(ASSIGNEE, { reminderLeadMinutes: null });
});

describe('open-task lists', () => {
  it('sort by priority, then due date (none last), then age, and page', async () => {
    await add('normal, no date');
    await add('urgent, no date', { priorityId: 4 });
    await add('normal, due late', { dueAt: new Date('2027-03-20T10:00:00Z') });
    await add('normal, due soon', { dueAt: new Date('2027-03-14T10:00:00Z') });
    await add('low', { priorityId: 1, assigneeId: ASSIGNEE });
    const done = await add('done already', { priorityId: 4 });
    await board.change(CHAT, done.id, { status: 'done' }, DEFAULT_LEAD);
    await add('other chat', { chatId: OTHER_CHAT });

    const all = await list({ kind: 'all' });
    expect(all.total).toBe(5);
    expect(titles(all.tasks)).toEqual([
      'urgent, no date',
      'normal, due soon',
      'normal, due late',
      'normal, no date',
      'low',
    ]);
    expect(all.tasks.map((task) => task.priorityId)).toEqual([4, 2, 2, 2, 1]);
    const second = await list({ kind: 'all' }, 1, CHAT, 2);
    expect(titles(second.tasks)).toEqual(['normal, due late', 'normal, no date']);
    expect(second.total).toBe(5);
    expect(await list({ kind: 'all' }, 2, CHAT, 2)).toMatchObject({ tasks: [{ title: 'low' }], total: 5 });
    // The listed tasks are the tasks as stored, with the same types as a single read gives.
    // A page reads what a list shows, each field as the whole task has it, and nothing more.
    const defined = (entity: object) =>
      Object.fromEntries(Object.entries(entity).filter(([, value]) => value !== undefined));
    for (const task of all.tasks) {
      const shown = { ...defined(task), assignee: task.assignee && defined(task.assignee) };
      expect(await board.findInChat(CHAT, task.id)).toMatchObject(shown);
      expect(task).toMatchObject({ createdAt: undefined, authorId: undefined });
    }
    expect(all.tasks.map((task) => task.assignee?.username ?? null)).toEqual([
      null,
      null,
      null,
      null,
      'helper',
    ]);
    // A page past the end has no rows to carry the count: it is counted on its own.
    expect(await list({ kind: 'all' }, 3, CHAT, 2)).toEqual({ tasks: [], total: 5 });
    expect(await list({ kind: 'today' })).toEqual({ tasks: [], total: 0 });
    // A filter counts only what it lets through.
    expect((await list({ kind: 'priority', priorityId: 4 }, 0, CHAT, 1)).total).toBe(1);
  });

  it('filter today, overdue, by priority and by project', async () => {
    const project = await projects.ensure(CHAT, 'Home');
    await add('overdue', { dueAt: new Date('2027-03-12T10:00:00Z') });
    await add('later today', { dueAt: new Date('2027-03-13T20:00:00Z') });
    await add('tomorrow', { dueAt: new Date('2027-03-14T10:00:00Z') });
    await add('high', { priorityId: 3 });
    await add('at home', { projectId: (await projects.ensure(CHAT, 'Home')).id });

    expect(titles((await list({ kind: 'today' })).tasks)).toEqual(['later today']);
    expect(titles((await list({ kind: 'overdue' })).tasks)).toEqual(['overdue']);
    expect(titles((await list({ kind: 'priority', priorityId: 3 })).tasks)).toEqual(['high']);
    expect(titles((await list({ kind: 'project', projectId: project.id })).tasks)).toEqual(['at home']);
  });

  it('put the oldest first among tasks of the same priority and due date', async () => {
    const due = new Date('2027-03-20T10:00:00Z');
    await add('no date, older');
    await add('due, older', { dueAt: due });
    await add('no date, newer');
    await add('due, newer', { dueAt: due });

    expect(titles((await list({ kind: 'all' })).tasks)).toEqual([
      'due, older',
      'due, newer',
      'no date, older',
      'no date, newer',
    ]);
  });
});

describe('search, assigned tasks, statistics and project counts', () => {
  it('search finds titles holding every word, in any case, and reads % and _ literally', async () => {
    await add('Quarterly REPORT draft');
    await add('report 100% done');
    await add('snake_case report');
    await add('Отчёт за квартал');
    await add('Report elsewhere', { chatId: OTHER_CHAT });

    expect(titles(await board.search(CHAT, ['report', 'draft'], 20))).toEqual(['Quarterly REPORT draft']);
    expect(titles(await board.search(CHAT, ['100%'], 20))).toEqual(['report 100% done']);
    expect(titles(await board.search(CHAT, ['_'], 20))).toEqual(['snake_case report']);
    expect(titles(await board.search(CHAT, ['%'], 20))).toEqual(['report 100% done']);
    expect(titles(await board.search(CHAT, ['отчёт'], 20))).toEqual(['Отчёт за квартал']);
    expect(await board.search(CHAT, ['report'], 2)).toHaveLength(2);
  });

  it('assigned tasks come from every chat, open ones only', async () => {
    await add('here', { assigneeId: ASSIGNEE });
    await add('there', { chatId: OTHER_CHAT, assigneeId: ASSIGNEE, priorityId: 4 });
    const done = await add('finished', { assigneeId: ASSIGNEE });
    await board.change(CHAT, done.id, { status: 'done' }, DEFAULT_LEAD);
    await add('not theirs');

    const mine = await board.listAssigned(ASSIGNEE, 20);
    expect(titles(mine)).toEqual(['there', 'here']);
    expect(mine[0]?.assignee?.username).toBe('helper');
  });

  it('statistics count open, done since the week began, and overdue', async () => {
    await add('open');
    await add('overdue', { dueAt: new Date('2027-03-10T00:00:00Z') });
    const done = await add('done');
    await board.change(CHAT, done.id, { status: 'done' }, DEFAULT_LEAD);

    const weekStart = new Date(Date.now() - 60_000);
    expect(await board.stats(CHAT, NOW, weekStart)).toEqual({ open: 2, done: 1, overdue: 1 });
    expect(await board.stats(CHAT, NOW, new Date(Date.now() + 60_000))).toEqual({
      open: 2,
      done: 0,
      overdue: 1,
    });
  });

  it('open-task counts per project leave out done tasks and tasks without a project', async () => {
    const { id: workId } = await projects.ensure(CHAT, 'Work');
    const work = await add('a', { projectId: workId });
    await add('b', { projectId: workId });
    const finished = await add('c', { projectId: workId });
    await board.change(CHAT, finished.id, { status: 'done' }, DEFAULT_LEAD);
    await add('d');

    const counts = await board.openCountsByProject(CHAT);
    expect([...counts.entries()]).toEqual([[work.projectId, 2]]);
  });

  it('finds a member of the chat by @username whatever its case, and nobody outside it', async () => {
    const chats = new ChatRepository(db.dataSource);
    await chats.addMember(CHAT, AUTHOR);
    await chats.addMember(CHAT, AUTHOR);
    expect((await board.findUserByUsername('author_one', CHAT))?.id).toBe(AUTHOR);
    expect(await board.findUserByUsername('author_one', OTHER_CHAT)).toBeNull();
    expect(await board.findUserByUsername('helper', CHAT)).toBeNull();
    expect(await board.findUserByUsername('nobody', CHAT)).toBeNull();
    expect(await chats.isMember(CHAT, AUTHOR)).toBe(true);
    expect(await chats.isMember(OTHER_CHAT, AUTHOR)).toBe(false);
  });
});

describe('creating and changing tasks', () => {
  it('creates the project of a new task once, and one task per update', async () => {
    const garden = await projects.ensure(CHAT, ' Garden ');
    expect(garden.changed).toBe(true);
    expect(await projects.ensure(CHAT, 'Garden')).toEqual({ id: garden.id, name: 'Garden', changed: false });
    const input = {
      chatId: CHAT,
      authorId: AUTHOR,
      title: 'With project',
      sourceUpdateId: 123,
      projectId: garden.id,
      dueAt: new Date('2027-03-20T10:00:00Z'),
      defaultLeadMinutes: DEFAULT_LEAD,
    };
    const first = await board.create(input);
    // The same update again, as a redelivery brings it: what was stored first stays.
    const again = await board.create({ ...input, title: 'Redelivered copy' });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.task.id).toBe(first.task.id);
    expect(again.task.title).toBe('With project');
    expect(await db.dataSource.getRepository(Task).countBy({ sourceUpdateId: 123 })).toBe(1);
    // The task the insert returns (not read back) is the task as stored.
    const stored = await board.findInChat(CHAT, first.task.id);
    const fields = (task: Task | null) => task && snapshotOf(task);
    expect(fields(first.task)).toEqual(fields(stored));
    expect(fields(again.task)).toEqual(fields(stored));
    expect(first.task).toMatchObject({ projectId: garden.id, priorityId: 2, status: 'open', assignee: null });
    expect(first.task.createdAt).toBeInstanceOf(Date);
    // What the database filled in, converted as TypeORM reads it (PostgreSQL: INSERT … RETURNING).
    expect(first.task.createdAt).toEqual(stored?.createdAt);
    expect(first.task.updatedAt).toEqual(stored?.updatedAt);
    expect(typeof first.task.id).toBe('number');
  });

  it('the same update handled by two workers at once creates one task; in another chat it is another', async () => {
    const input = {
      chatId: CHAT,
      authorId: AUTHOR,
      title: 'Raced',
      sourceUpdateId: 456,
      defaultLeadMinutes: DEFAULT_LEAD,
    };

    const results = await Promise.all([board.create(input), board.create(input)]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(results[0]?.task.id).toBe(results[1]?.task.id);

    const elsewhere = await board.create({ ...input, chatId: OTHER_CHAT });
    expect(elsewhere.created).toBe(true);
    expect(elsewhere.task.chatId).toBe(OTHER_CHAT);
    expect(await db.dataSource.getRepository(Task).countBy({ sourceUpdateId: 456 })).toBe(2);
  });

  it('a task given only a title is open, of the default priority, with nothing else set, created now', async () => {
    const created = await add('Bare');
    const stored = await board.findInChat(CHAT, created.id);

    for (const task of [created, stored]) {
      expect(task).toMatchObject({
        chatId: CHAT,
        authorId: AUTHOR,
        title: 'Bare',
        sourceUpdateId: nextUpdateId,
        status: 'open',
        priorityId: DEFAULT_PRIORITY_ID,
        projectId: null,
        dueAt: null,
        remindAt: null,
        doneAt: null,
        assigneeId: null,
      });
      // In UTC as the database clock sees it: a time zone mix-up would be hours off.
      expect(Math.abs((task?.createdAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    }
  });

  // Jest gives each test file its own copy of process.env, so TZ cannot be switched here; instead the
  // database itself is asked what instant it holds, which is what other processes and SQL will see.
  it('keeps the priority, project, assignee and due time it was given, the due time as its UTC instant', async () => {
    const project = await projects.ensure(CHAT, 'Launch');
    const dueAt = new Date('2030-06-01T23:30:00.125Z');
    const created = await add('Given all', {
      priorityId: 4,
      projectId: project.id,
      assigneeId: ASSIGNEE,
      dueAt,
    });

    expect(await board.findInChat(CHAT, created.id)).toMatchObject({
      priorityId: 4,
      projectId: project.id,
      assigneeId: ASSIGNEE,
      dueAt,
    });
    const utcText =
      db.dataSource.driver.options.type === 'postgres'
        ? `to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS')`
        : `DATE_FORMAT(due_at, '%Y-%m-%d %H:%i:%s.%f')`;
    const [row] = await db.dataSource.query(`SELECT ${utcText} AS due FROM tasks WHERE id = ${created.id}`);
    expect(String(row.due).slice(0, 23)).toBe('2030-06-01 23:30:00.125');
  });

  it.each([
    ['emoji and other scripts', '🔥 Fix the 🐛 in the checkout — Grüße, 日本語, עברית 👩‍👩‍👧'],
    ['quotes, semicolons and SQL-looking text', `It's "done"; DROP TABLE tasks; -- \\' \` %_`],
    [`${MAX_TITLE_LENGTH} characters ending in emoji`, `${'a'.repeat(MAX_TITLE_LENGTH - 2)}🎉🎉`],
  ])('a title with %s comes back exactly as written', async (_, title) => {
    const created = await add(title);

    expect((await board.findInChat(CHAT, created.id))?.title).toBe(title);
  });

  it('refuses an empty or too long title and writes nothing', async () => {
    await expect(add('   ')).rejects.toThrow('must not be empty');
    await expect(add('x'.repeat(MAX_TITLE_LENGTH + 1))).rejects.toThrow('at most');
    expect(await db.dataSource.getRepository(Task).count()).toBe(0);
  });

  it('reminds by the assignee’s lead time, else the author’s, else the default, whoever changes it', async () => {
    const due = new Date('2027-04-01T10:00:00Z');
    const minutesBefore = (task: Task) =>
      ((task.dueAt?.getTime() ?? 0) - (task.remindAt?.getTime() ?? 0)) / 60_000;

    expect(minutesBefore(await add('default', { dueAt: due }))).toBe(DEFAULT_LEAD);
    await users.updateSettings(AUTHOR, { reminderLeadMinutes: 30 });
    await users.updateSettings(ASSIGNEE, { reminderLeadMinutes: 120 });
    expect(minutesBefore(await add('author’s', { dueAt: due }))).toBe(30);
    const assigned = await add('assignee’s', { dueAt: due, assigneeId: ASSIGNEE });
    expect(minutesBefore(assigned)).toBe(120);

    // An admin with a lead time of their own moves the due date: the assignee's still counts.
    await users.updateSettings(ADMIN, { reminderLeadMinutes: 5 });
    const moved = await board.change(CHAT, assigned.id, { dueAt: new Date('2027-04-02T10:00:00Z') }, 60);
    expect(moved?.changed).toBe(true);
    expect(moved && minutesBefore(moved.after)).toBe(120);

    const unassigned = await add('unassigned');
    const changed = await board.change(CHAT, unassigned.id, { dueAt: due }, 60);
    expect(changed && minutesBefore(changed.after)).toBe(30);
    const cleared = await board.change(CHAT, unassigned.id, { dueAt: null }, 60);
    expect(cleared?.after).toMatchObject({ dueAt: null, remindAt: null });
  });

  it('a change reports what was before; the same change again changes nothing', async () => {
    const task = await add('Toggle me');
    const first = await board.change(CHAT, task.id, { status: 'done', priorityId: 3 }, DEFAULT_LEAD);
    expect(first?.changed).toBe(true);
    expect(first?.before).toMatchObject({ status: 'open', priorityId: 2, doneAt: null });
    expect(first?.after).toMatchObject({ status: 'done', priorityId: 3 });
    expect(Math.abs((first?.after.doneAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    const second = await board.change(CHAT, task.id, { status: 'done', priorityId: 3 }, DEFAULT_LEAD);
    expect(second?.changed).toBe(false);
    // Done twice keeps the first completion time.
    expect(second?.after.doneAt?.getTime()).toBe(first?.after.doneAt?.getTime());
    // Another chat's task or no task at all: nothing found, nothing changed.
    expect(await board.change(OTHER_CHAT, task.id, { status: 'open' }, DEFAULT_LEAD)).toBeNull();
    expect(await board.change(CHAT, 987_654_321, { status: 'done' }, DEFAULT_LEAD)).toBeNull();
    expect((await board.findInChat(CHAT, task.id))?.status).toBe('done');
  });

  it('marked done by two people at once is reported as a change only once', async () => {
    const task = await add('Pressed twice');

    const results = await Promise.all([
      board.change(CHAT, task.id, { status: 'done' }, DEFAULT_LEAD),
      board.change(CHAT, task.id, { status: 'done' }, DEFAULT_LEAD),
    ]);

    expect(results.filter((result) => result?.changed)).toHaveLength(1);
  });

  it('a deleted task comes back under its id, with its fields, from its snapshot', async () => {
    const project = await projects.ensure(CHAT, 'Restore');
    const task = await add('Come back', {
      projectId: project.id,
      priorityId: 4,
      dueAt: new Date('2027-05-01T09:00:00Z'),
      assigneeId: ASSIGNEE,
    });
    const removed = (await board.remove(CHAT, task.id))?.task;
    expect(removed?.id).toBe(task.id);
    expect(await board.remove(CHAT, task.id)).toBeNull();
    expect(await board.findInChat(CHAT, task.id)).toBeNull();

    const restored = await board.restore(snapshotOf(removed as Task));
    expect(restored).toMatchObject({
      id: task.id,
      title: 'Come back',
      priorityId: 4,
      projectId: project.id,
      assigneeId: ASSIGNEE,
      dueAt: new Date('2027-05-01T09:00:00Z'),
      remindAt: task.remindAt,
    });
    // Restoring twice (a repeated /undo) leaves the one task as it was.
    await board.restore(snapshotOf(removed as Task));
    expect(await db.dataSource.getRepository(Task).countBy({ title: 'Come back' })).toBe(1);
    // New tasks still get new ids after one was put back under its old id.
    expect((await add('After restore')).id).toBeGreaterThan(task.id);
  });

  it('a restored task whose project is gone has no project', async () => {
    const task = await add('Orphan', { projectId: (await projects.ensure(CHAT, 'Short-lived')).id });
    const removed = (await board.remove(CHAT, task.id))?.task as Task;
    await db.dataSource.query(`DELETE FROM projects WHERE id = ${Number(task.projectId)}`);
    expect((await board.restore(snapshotOf(removed))).projectId).toBeNull();
  });
});

describe('projects by name', () => {
  it('are created, renamed and archived; a taken name or a missing project is said so', async () => {
    const created = await projects.create(CHAT, '  Errands ');
    expect('project' in created && created.project.name).toBe('Errands');
    expect(await projects.create(CHAT, 'Errands')).toEqual({ taken: true });
    const id = 'project' in created ? created.project.id : 0;
    await projects.create(CHAT, 'Taken');

    expect(await projects.rename(CHAT, id, 'Taken')).toEqual({ taken: true });
    expect(await projects.rename(CHAT, id, 'Chores')).toMatchObject({ id, name: 'Chores' });
    expect(await projects.rename(OTHER_CHAT, id, 'Hijack')).toBeNull();
    await expect(projects.create(CHAT, '   ')).rejects.toThrow(RangeError);
    await expect(projects.rename(CHAT, id, 'x'.repeat(129))).rejects.toThrow(RangeError);

    expect(await projects.archive(CHAT, id)).toMatchObject({ id, archived: true });
    expect(await projects.archive(OTHER_CHAT, id)).toBeNull();
    expect((await projects.listByChat(CHAT)).map((project) => project.name)).not.toContain('Chores');
    // An archived name is still taken; writing #Chores in a task brings the project back.
    expect(await projects.create(CHAT, 'Chores')).toEqual({ taken: true });
    expect(await projects.ensure(CHAT, 'Chores')).toEqual({ id, name: 'Chores', changed: true });
    expect((await projects.listByChat(CHAT)).map((project) => project.name)).toContain('Chores');
  });
});
