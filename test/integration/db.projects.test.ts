import { Project } from '@taskbot/db/entities/Project';
import { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import { PriorityRepository } from '@taskbot/db/repositories/PriorityRepository';
import { ProjectRepository } from '@taskbot/db/repositories/ProjectRepository';
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
    const all = await new PriorityRepository(db.dataSource).all();

    expect(all.map((priority) => [priority.id, priority.code, priority.rank])).toEqual([
      [1, 'low', 1],
      [2, 'normal', 2],
      [3, 'high', 3],
      [4, 'urgent', 4],
    ]);
  });
});

describe('projects', () => {
  it('are created on first use and found again by name', async () => {
    const created = await projects.findOrCreate(CHAT, 'Website');
    const found = await projects.findOrCreate(CHAT, '  Website ');

    expect(found.id).toBe(created.id);
    expect(created).toMatchObject({ chatId: CHAT, name: 'Website', archived: false });
  });

  it('with the same name in two chats are two projects', async () => {
    const here = await projects.findOrCreate(CHAT, 'Shared name');
    const there = await projects.findOrCreate(OTHER_CHAT, 'Shared name');

    expect(there.id).not.toBe(here.id);
    expect(there.chatId).toBe(OTHER_CHAT);
  });

  it('created by several workers at once exist once', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => projects.findOrCreate(CHAT, 'Race')));

    expect(new Set(results.map((project) => project.id)).size).toBe(1);
  });

  it('need a name', async () => {
    await expect(projects.findOrCreate(CHAT, '   ')).rejects.toThrow('must not be empty');
  });

  it('of a chat are listed in creation order, without archived ones or other chats’ projects', async () => {
    const archived = await projects.findOrCreate(CHAT, 'Old');
    await db.dataSource.getRepository(Project).update({ id: archived.id }, { archived: true });

    const names = (await projects.listByChat(CHAT)).map((project) => project.name);
    expect(names).toEqual(['Website', 'Shared name', 'Race']);
  });
});
