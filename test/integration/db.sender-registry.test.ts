import { Chat } from '@taskbot/db/entities/Chat';
import { User } from '@taskbot/db/entities/User';
import { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import { SenderRegistry } from '@taskbot/db/repositories/SenderRegistry';
import { UserRepository } from '@taskbot/db/repositories/UserRepository';
import { createTestDatabase, type TestDatabase } from '../support/database';

// Every update registers its sender and chat. In the steady state that costs one SELECT: the upserts
// are skipped while nothing about the person or chat changed. Proven by counting statements.

let db: TestDatabase;
let registry: SenderRegistry;
let chats: ChatRepository;
const statements: string[] = [];

const PERSON = { id: 9101, is_bot: false, first_name: 'Ada', username: 'ada', language_code: 'en' };
const PRIVATE = { id: 9101, type: 'private' as const, first_name: 'Ada' };
const GROUP = { id: -1009101, type: 'supergroup' as const, title: 'Team' };

const writes = () => statements.filter((sql) => /^\s*(INSERT|UPDATE|DELETE)/i.test(sql));

beforeAll(async () => {
  db = await createTestDatabase();
  chats = new ChatRepository(db.dataSource);
  registry = new SenderRegistry(db.dataSource, new UserRepository(db.dataSource), chats);
  db.dataSource.subscribers.push({ afterQuery: (event) => void statements.push(event.query) });
});

afterAll(async () => {
  await db?.drop();
});

beforeEach(() => {
  statements.length = 0;
});

describe('registering the sender of an update', () => {
  it('writes a new person and chat, then reads both in one statement', async () => {
    const { user, chat } = await registry.register(PERSON, PRIVATE);
    expect(user).toMatchObject({ id: 9101, firstName: 'Ada', username: 'ada', languageCode: 'en' });
    expect(chat).toMatchObject({ id: 9101, type: 'private' as const, title: 'Ada', active: true });
    expect(writes()).toHaveLength(2);
    // Read as TypeORM itself reads them: the same types (numbers, dates, booleans) and values.
    expect(user).toEqual(await new UserRepository(db.dataSource).findById(PERSON.id));
    expect(chat).toEqual(await chats.findById(PRIVATE.id));
    expect(user).toBeInstanceOf(User);
    expect(chat).toBeInstanceOf(Chat);

    statements.length = 0;
    const again = await registry.register(PERSON, PRIVATE);
    expect(again.user).toEqual(user);
    expect(again.chat).toEqual(chat);
    expect(statements).toHaveLength(1);
  });

  it('writes again what changed, and only that', async () => {
    await registry.register(PERSON, PRIVATE);
    statements.length = 0;
    const renamed = await registry.register({ ...PERSON, username: 'ada_l' }, PRIVATE);
    expect(renamed.user.username).toBe('ada_l');
    expect(writes()).toHaveLength(1);
    expect(writes()[0]).toMatch(/users/);
  });

  it('reads settings stored by others, and the chat state too', async () => {
    await registry.register(PERSON, PRIVATE);
    await new UserRepository(db.dataSource).updateSettings(PERSON.id, {
      language: 'ru',
      timeZone: 'Asia/Tokyo',
    });
    await chats.setActive(PRIVATE.id, false);
    statements.length = 0;
    const { user, chat } = await registry.register(PERSON, PRIVATE);
    expect(user).toMatchObject({ language: 'ru', timeZone: 'Asia/Tokyo' });
    expect(chat.active).toBe(false);
    expect(statements).toHaveLength(1);
    await chats.setActive(PRIVATE.id, true);
  });

  it('records a group member once', async () => {
    await registry.register(PERSON, GROUP);
    expect(await chats.isMember(GROUP.id, PERSON.id)).toBe(true);
    statements.length = 0;
    await registry.register(PERSON, GROUP);
    expect(writes()).toHaveLength(0);
  });

  it('writes everything again when a row it remembers writing is gone', async () => {
    await registry.register(PERSON, GROUP);
    await db.dataSource.query(`DELETE FROM chat_members WHERE chat_id = ${GROUP.id}`);
    await db.dataSource.query(`DELETE FROM chats WHERE id = ${GROUP.id}`);
    const { chat } = await registry.register(PERSON, GROUP);
    expect(chat).toMatchObject({ id: GROUP.id, title: 'Team' });
    expect(await chats.isMember(GROUP.id, PERSON.id)).toBe(true);
  });
});
