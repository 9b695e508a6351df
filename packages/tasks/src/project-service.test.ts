import type { ProjectRepository } from '@taskbot/db/repositories/ProjectRepository';
import { ProjectService, type ProjectStores } from './project-service';
import { type Asker, Rights } from './rights';

// What the project service lets whom do, and that a chat's cached list goes with every write.

const GROUP = { id: -100, type: 'group' as const };
const ADMIN = 3;
const MEMBER = 4;
const as = (userId: number): Asker => ({ user: { id: userId }, chat: GROUP });
const PROJECT = { id: 5, chatId: GROUP.id, name: 'Home', archived: false };

function setUp() {
  const writes: string[] = [];
  const dropped: number[] = [];
  const projects = {
    ensure: async (_chatId: number, name: string, mayRestore: () => Promise<boolean>) => {
      writes.push(`ensure ${name}`);
      // An archived project of that name: back only for someone who may.
      return (await mayRestore())
        ? { id: 5, name, changed: true }
        : { id: 5, name, changed: false, archived: true as const };
    },
    create: async (_chatId: number, name: string) => {
      writes.push(`create ${name}`);
      return { project: { ...PROJECT, name } };
    },
    rename: async (_chatId: number, _id: number, name: string) => {
      if (name.length === 0) throw new RangeError('A project name must be 1 to 128 characters');
      writes.push(`rename ${name}`);
      return { ...PROJECT, name };
    },
    archive: async () => {
      writes.push('archive');
      return { ...PROJECT, archived: true };
    },
  } as unknown as ProjectRepository;
  const stores = {
    projects,
    cache: { invalidateProjects: async (chatId: number) => void dropped.push(chatId) },
  } as unknown as ProjectStores;
  const rights = new Rights(
    { isAdmin: (_chatId, _userId, lookup) => lookup() },
    { getChatMember: async (_chatId, userId) => ({ status: userId === ADMIN ? 'administrator' : 'member' }) },
  );
  return { service: new ProjectService(stores, rights), writes, dropped };
}

describe("a group's projects", () => {
  it('are renamed and archived by its admins only; a refusal writes nothing', async () => {
    const { service, writes, dropped } = setUp();
    expect(await service.rename(as(MEMBER), 5, 'Work')).toBe('notAllowed');
    expect(await service.archive(as(MEMBER), 5)).toBe('notAllowed');
    expect(writes).toEqual([]);
    expect(dropped).toEqual([]);
    expect(await service.rename(as(ADMIN), 5, 'Work')).toMatchObject({ name: 'Work' });
    expect(await service.archive(as(ADMIN), 5)).toMatchObject({ archived: true });
    expect(writes).toEqual(['rename Work', 'archive']);
    expect(dropped).toEqual([GROUP.id, GROUP.id]);
  });

  it('say a name out of bounds is bad instead of failing', async () => {
    const { service } = setUp();
    expect(await service.rename(as(ADMIN), 5, '')).toBe('bad');
  });

  it('come back out of the archive through a new task only for an admin', async () => {
    const { service, dropped } = setUp();
    expect(await service.ensure(as(MEMBER), 'Home')).toMatchObject({ archived: true, changed: false });
    expect(dropped).toEqual([]);
    expect(await service.ensure(as(ADMIN), 'Home')).toMatchObject({ changed: true });
    expect(dropped).toEqual([GROUP.id]);
  });

  it('are created by anyone, and the cached list goes', async () => {
    const { service, dropped } = setUp();
    expect(await service.create(GROUP.id, 'Garden')).toMatchObject({ project: { name: 'Garden' } });
    expect(dropped).toEqual([GROUP.id]);
  });
});
