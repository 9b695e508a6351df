import { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import { TaskBoardRepository } from '@taskbot/db/repositories/TaskBoardRepository';
import { UserRepository } from '@taskbot/db/repositories/UserRepository';
import { createTestDatabase, type TestDatabase } from '../support/database';

// Who the bot has seen in which chat: a task of a group is assigned by @username only to someone
// seen there. The migration fills the table from the people of existing group tasks.

let db: TestDatabase;
let chats: ChatRepository;
let board: TaskBoardRepository;

const AUTHOR = 8101;
const ASSIGNEE = 8102;
const LONER = 8103;
const GROUP = -1008101;
const OTHER_GROUP = -1008102;

beforeAll(async () => {
  db = await createTestDatabase();
  chats = new ChatRepository(db.dataSource);
  board = new TaskBoardRepository(db.dataSource);
  const users = new UserRepository(db.dataSource);
  await users.register({ id: AUTHOR, is_bot: false, first_name: 'Author', username: 'writer' });
  await users.register({ id: ASSIGNEE, is_bot: false, first_name: 'Assignee', username: 'Doer' });
  await users.register({ id: LONER, is_bot: false, first_name: 'Loner', username: 'loner' });
  await chats.register({ id: GROUP, type: 'group' as const, title: 'Group' });
  await chats.register({ id: OTHER_GROUP, type: 'supergroup' as const, title: 'Other' });
  await chats.register({ id: LONER, type: 'private' as const, first_name: 'Loner' });
});

afterAll(async () => {
  await db?.drop();
});

it('records a member once however often and however concurrently they are seen', async () => {
  await Promise.all(Array.from({ length: 6 }, () => chats.addMember(GROUP, LONER)));
  const rows = await db.dataSource.query(`SELECT user_id FROM chat_members WHERE chat_id = ${GROUP}`);
  expect(rows.map((row: { user_id: unknown }) => Number(row.user_id))).toEqual([LONER]);
  expect((await board.findUserByUsername('LONER', GROUP))?.id).toBe(LONER);
  expect(await board.findUserByUsername('loner', OTHER_GROUP)).toBeNull();
});

it('the migration counts the authors and assignees of existing group tasks as members', async () => {
  // Every migration since ChatMembers, newest first, then ChatMembers itself.
  const since = db.dataSource.migrations.findIndex((m) => m.name === 'ChatMembers1767225600003');
  for (let n = db.dataSource.migrations.length; n > since; n -= 1) await db.dataSource.undoLastMigration();
  const postgres = db.dataSource.options.type === 'postgres';
  const marks = [1, 2, 3, 4, 5].map((n) => (postgres ? `$${n}` : '?')).join(', ');
  const insert = (chatId: number, authorId: number, assigneeId: number | null, updateId: number) =>
    db.dataSource.query(
      `INSERT INTO tasks (chat_id, title, author_id, assignee_id, source_update_id) VALUES (${marks})`,
      [chatId, 'old task', authorId, assigneeId, updateId],
    );
  await insert(OTHER_GROUP, AUTHOR, ASSIGNEE, 1);
  await insert(OTHER_GROUP, AUTHOR, null, 2);
  await insert(LONER, LONER, null, 3);
  await db.dataSource.runMigrations();

  expect((await board.findUserByUsername('writer', OTHER_GROUP))?.id).toBe(AUTHOR);
  expect((await board.findUserByUsername('doer', OTHER_GROUP))?.id).toBe(ASSIGNEE);
  expect(await board.findUserByUsername('writer', GROUP)).toBeNull();
  // Private chats need no members: nobody is assigned there.
  expect(await chats.isMember(LONER, LONER)).toBe(false);
});

it('forgets the members of a chat that is deleted', async () => {
  await chats.addMember(OTHER_GROUP, LONER);
  await db.dataSource.query(`DELETE FROM tasks WHERE chat_id = ${OTHER_GROUP}`);
  await db.dataSource.query(`DELETE FROM chats WHERE id = ${OTHER_GROUP}`);
  expect(await chats.isMember(OTHER_GROUP, LONER)).toBe(false);
});
