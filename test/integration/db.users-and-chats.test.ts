import { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import { UserRepository } from '@taskbot/db/repositories/UserRepository';
import type { Chat } from '@telegraf/types';
import { createTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
let users: UserRepository;
let chats: ChatRepository;

beforeAll(async () => {
  db = await createTestDatabase();
  users = new UserRepository(db.dataSource);
  chats = new ChatRepository(db.dataSource);
});

afterAll(async () => {
  await db.drop();
});

describe('registering a Telegram user', () => {
  it('stores a new user under their Telegram id, optional fields as null', async () => {
    const user = await users.register({ id: 1001, is_bot: false, first_name: 'Ada' });

    expect(user).toMatchObject({
      id: 1001,
      firstName: 'Ada',
      username: null,
      lastName: null,
      languageCode: null,
    });
    expect(user.createdAt).toBeInstanceOf(Date);
  });

  it('updates the stored user when Telegram reports new details, keeping when they were first seen', async () => {
    const first = await users.register({ id: 1002, is_bot: false, first_name: 'Grace', username: 'grace' });
    const second = await users.register({
      id: 1002,
      is_bot: false,
      first_name: 'Grace',
      last_name: 'Hopper',
      username: 'admiral',
      language_code: 'en',
    });

    expect(second).toMatchObject({ id: 1002, username: 'admiral', lastName: 'Hopper', languageCode: 'en' });
    expect(second.createdAt.getTime()).toBe(first.createdAt.getTime());
  });

  it('ends with one row when several workers register the same user at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        users.register({ id: 1003, is_bot: false, first_name: `Name ${i}` }),
      ),
    );

    expect(results.every((user) => user.id === 1003)).toBe(true);
    const [row] = await db.dataSource.query('SELECT COUNT(*) AS n FROM users WHERE id = 1003');
    expect(Number(row.n)).toBe(1);
  });

  it('keeps Telegram ids beyond 32 bits exact and returns them as numbers', async () => {
    const id = 2 ** 52 - 1;
    const user = await users.register({ id, is_bot: false, first_name: 'Big' });

    expect(user.id).toBe(id);
    expect(typeof user.id).toBe('number');
    expect((await users.findById(id))?.id).toBe(id);
  });
});

describe('registering a Telegram chat', () => {
  it('stores a supergroup with its negative id as a number', async () => {
    const chat = await chats.register({ id: -1001234567890, type: 'supergroup' as const, title: 'Team 🚀' });

    expect(chat).toMatchObject({
      id: -1001234567890,
      type: 'supergroup' as const,
      title: 'Team 🚀',
      active: true,
    });
    expect(typeof chat.id).toBe('number');
    expect((await chats.findById(-1001234567890))?.id).toBe(-1001234567890);
  });

  it('titles a private chat with the person’s first name', async () => {
    const chat = await chats.register({
      id: 2001,
      type: 'private' as const,
      first_name: 'Linus',
      username: 'linus',
    });

    expect(chat.title).toBe('Linus');
  });

  it('follows a renamed group', async () => {
    await chats.register({ id: -2002, type: 'group' as const, title: 'Old name' });
    const chat = await chats.register({ id: -2002, type: 'group' as const, title: 'New name' });

    expect(chat.title).toBe('New name');
  });

  it('ends with one row when several workers register the same chat at once', async () => {
    await Promise.all(
      Array.from({ length: 8 }, () => chats.register({ id: -2003, type: 'group' as const, title: 'Busy' })),
    );

    const [row] = await db.dataSource.query('SELECT COUNT(*) AS n FROM chats WHERE id = -2003');
    expect(Number(row.n)).toBe(1);
  });

  it('rejects a chat type Telegram does not define', async () => {
    await expect(chats.register({ id: 2004, type: 'forum' } as unknown as Chat)).rejects.toThrow(
      'Unsupported Telegram chat type "forum"',
    );
  });

  it('remembers that the bot left a chat, even when the chat is registered again', async () => {
    await chats.register({ id: -2005, type: 'group' as const, title: 'Gone' });

    expect(await chats.setActive(-2005, false)).toBe(true);
    const again = await chats.register({ id: -2005, type: 'group' as const, title: 'Gone' });
    expect(again.active).toBe(false);

    await chats.setActive(-2005, true);
    expect((await chats.findById(-2005))?.active).toBe(true);
  });

  it('reports that an unknown chat cannot be deactivated', async () => {
    expect(await chats.setActive(-99999, false)).toBe(false);
  });
});
