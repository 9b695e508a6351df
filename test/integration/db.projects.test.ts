import { Priority } from '@taskbot/db/entities/Priority';
import { Project } from '@taskbot/db/entities/Project';
import { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import { ProjectRepository } from '@taskbot/db/repositories/ProjectRepository';
import { PRIORITIES } from '@taskbot/domain/priority';
import { createTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
let projects: ProjectRepository;

const CHAT = -3001;
const OTHER_CHAT = -3002;

beforeAll(async () => {
  db = await createTestDatabase();
  projects = new ProjectRepository(db.dataSource);
  const chats = new ChatRepository(db.dataSource);
  await chats.register({ id: CHAT, type: 'group', title: 'Projects' });
  await chats.register({ id: OTHER_CHAT, type: 'group', title: 'Elsewhere' });
});

afterAll(async () => {
  await db.drop();
});

describe('priorities', () => {
  it('are listed from low to urgent', async () => {
    const all = await db.dataSource.getRepository(Priority).find({ order: { rank: 'ASC' } });

    expect(all.map((priority) => [priority.id, priority.code, priority.rank])).toEqual([
      [1, 'low', 1],
      [2, 'normal', 2],
      [3, 'high', 3],
      [4, 'urgent', 4],
    ]);
  });

  it('in the table are the domain’s, which is their single source', async () => {
    const rows = await db.dataSource.getRepository(Priority).find({ order: { id: 'ASC' } });

    expect(rows.map(({ id, code }) => ({ id, code }))).toEqual(
      PRIORITIES.map(({ id, code }) => ({ id, code })),
    );
  });
});

describe('projects', () => {
  it('are created on first use and found again by name', async () => {
    const created = await projects.ensure(CHAT, 'Website');
    const found = await projects.ensure(CHAT, '  Website ');

    expect(created).toEqual({ id: created.id, name: 'Website', changed: true });
    expect(found).toEqual({ id: created.id, name: 'Website', changed: false });
    expect(await projects.listByChat(CHAT)).toEqual([
      expect.objectContaining({ id: created.id, chatId: CHAT, name: 'Website', archived: false }),
    ]);
  });

  it('with the same name in two chats are two projects', async () => {
    const here = await projects.ensure(CHAT, 'Shared name');
    const there = await projects.ensure(OTHER_CHAT, 'Shared name');

    expect(there.id).not.toBe(here.id);
    expect((await projects.listByChat(OTHER_CHAT)).map((project) => project.id)).toEqual([there.id]);
  });

  it('created by several workers at once exist once', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => projects.ensure(CHAT, 'Race')));

    expect(new Set(results.map((project) => project.id)).size).toBe(1);
  });

  it('need a name', async () => {
    await expect(projects.ensure(CHAT, '   ')).rejects.toThrow(RangeError);
    await expect(projects.ensure(CHAT, 'x'.repeat(129))).rejects.toThrow(RangeError);
  });

  it('of a chat are listed in creation order, without archived ones or other chats’ projects', async () => {
    const archived = await projects.ensure(CHAT, 'Old');
    await db.dataSource.getRepository(Project).update({ id: archived.id }, { archived: true });

    const names = (await projects.listByChat(CHAT)).map((project) => project.name);
    expect(names).toEqual(['Website', 'Shared name', 'Race']);
  });
});
