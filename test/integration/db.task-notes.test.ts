import { TaskNote } from '@taskbot/db/entities/TaskNote';
import { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import { TaskBoardRepository } from '@taskbot/db/repositories/TaskBoardRepository';
import { TaskNoteRepository } from '@taskbot/db/repositories/TaskNoteRepository';
import { UserRepository } from '@taskbot/db/repositories/UserRepository';
import { createTestDatabase, type TestDatabase } from '../support/database';

// Notes on the real databases: once per update, up to the limit given, only on a task of the
// chat named; listed newest first with their authors; counted with the newest in one statement.

let db: TestDatabase;
let board: TaskBoardRepository;
let notes: TaskNoteRepository;

const AUTHOR = 7101;
const NAMELESS = 7102;
const CHAT = -1007101;
const OTHER_CHAT = -1007102;
let nextUpdateId = 810_000_000_000;

beforeAll(async () => {
  db = await createTestDatabase();
  board = new TaskBoardRepository(db.dataSource);
  notes = new TaskNoteRepository(db.dataSource);
  const users = new UserRepository(db.dataSource);
  const chats = new ChatRepository(db.dataSource);
  await users.register({ id: AUTHOR, is_bot: false, first_name: 'Ann', last_name: 'Lee', username: 'ann' });
  await users.register({ id: NAMELESS, is_bot: false, first_name: '', username: 'nameless' });
  await chats.register({ id: CHAT, type: 'supergroup' as const, title: 'Notes' });
  await chats.register({ id: OTHER_CHAT, type: 'supergroup' as const, title: 'Other' });
});

afterAll(async () => {
  await db?.drop();
});

async function newTask(chatId = CHAT) {
  const created = await board.create({
    chatId,
    authorId: AUTHOR,
    title: 'Task with notes',
    sourceUpdateId: ++nextUpdateId,
    defaultLeadMinutes: 15,
  });
  return created.task;
}

const note = (
  taskId: number,
  text: string,
  extra: Partial<Parameters<TaskNoteRepository['add']>[0]> = {},
) => ({
  chatId: CHAT,
  taskId,
  authorId: AUTHOR,
  kind: 'note' as const,
  text,
  sourceUpdateId: ++nextUpdateId,
  ...extra,
});

describe('task notes', () => {
  it('adds a note once per update, however often the update comes', async () => {
    const task = await newTask();
    const first = note(task.id, 'call back');
    expect(await notes.add(first, 20)).toEqual({ ok: true, created: true, count: 1 });
    expect(await notes.add(first, 20)).toEqual({ ok: true, created: false, count: 1 });
    const both = await Promise.all([notes.add(note(task.id, 'x'), 20), notes.add(first, 20)]);
    expect(both.map((result) => result.ok && result.created)).toEqual([true, false]);
    expect(await notes.count(task.id)).toBe(2);
  });

  it('refuses a note past the limit, and one on a task of another chat or a gone one', async () => {
    const task = await newTask();
    for (let i = 0; i < 3; i += 1) await notes.add(note(task.id, `n${i}`), 3);
    expect(await notes.add(note(task.id, 'fourth'), 3)).toEqual({ ok: false, reason: 'full', count: 3 });
    const foreign = await newTask(OTHER_CHAT);
    expect(await notes.add(note(foreign.id, 'sneaky'), 20)).toEqual({ ok: false, reason: 'gone' });
    expect(await notes.add(note(999_999_999, 'nowhere'), 20)).toEqual({ ok: false, reason: 'gone' });
    expect(await notes.count(foreign.id)).toBe(0);
  });

  it('lists newest first with the authors’ names, and sums up a card in one statement', async () => {
    const task = await newTask();
    expect(await notes.onCard(task.id)).toEqual({ count: 0, newest: null });
    await notes.add(note(task.id, 'Daily News\nhttps://t.me/dailynews/1', { kind: 'origin' }), 20);
    await notes.add(note(task.id, 'second', { authorId: NAMELESS }), 20);
    await notes.add(note(task.id, 'third', { authorId: null }), 20);
    const listed = await notes.list(task.id, 20);
    expect(listed.map(({ kind, text, authorName }) => [kind, text, authorName])).toEqual([
      ['note', 'third', null],
      ['note', 'second', '@nameless'],
      ['origin', 'Daily News\nhttps://t.me/dailynews/1', 'Ann Lee'],
    ]);
    expect(listed[0]?.createdAt).toBeInstanceOf(Date);

    const queries: string[] = [];
    const logger = db.dataSource.logger;
    const spy = jest.spyOn(logger, 'logQuery').mockImplementation((query: string) => {
      queries.push(query);
    });
    const onCard = await notes.onCard(task.id).finally(() => spy.mockRestore());
    expect(onCard).toMatchObject({ count: 3, newest: { text: 'third', authorName: null } });
    expect(queries).toHaveLength(1);
  });

  it('goes with its task', async () => {
    const task = await newTask();
    await notes.add(note(task.id, 'bye'), 20);
    await board.remove(CHAT, task.id);
    expect(await db.dataSource.getRepository(TaskNote).countBy({ taskId: task.id })).toBe(0);
  });
});
