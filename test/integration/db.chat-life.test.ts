import { Chat } from '@taskbot/db/entities/Chat';
import { Project } from '@taskbot/db/entities/Project';
import { Task } from '@taskbot/db/entities/Task';
import { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import { ProjectRepository } from '@taskbot/db/repositories/ProjectRepository';
import { ReminderRepository } from '@taskbot/db/repositories/ReminderRepository';
import { TaskBoardRepository } from '@taskbot/db/repositories/TaskBoardRepository';
import { UserRepository } from '@taskbot/db/repositories/UserRepository';
import { createTestDatabase, type TestDatabase } from '../support/database';

// The life of a chat on the real databases: a group upgraded to a supergroup takes its tasks,
// projects and members along exactly once, whoever tells first and however often; a member who
// left sees nothing of the group any more; an edited message renames the task it made.

let db: TestDatabase;
let chats: ChatRepository;
let board: TaskBoardRepository;
let projects: ProjectRepository;
let reminders: ReminderRepository;

const ALICE = 8201;
const CAROL = 8202;
const DAN = 8203;
const FRAN = 8204;
const YESTERDAY = new Date(Date.now() - 24 * 3_600_000);
const TOMORROW = new Date(Date.now() + 48 * 3_600_000);

let nextUpdateId = 820_000_000_000;
const add = async (
  chatId: number,
  title: string,
  extra: Partial<Parameters<TaskBoardRepository['create']>[0]> = {},
) =>
  (
    await board.create({
      chatId,
      authorId: ALICE,
      title,
      sourceUpdateId: ++nextUpdateId,
      defaultLeadMinutes: 0,
      ...extra,
    })
  ).task;

const tasksOf = (chatId: number) =>
  db.dataSource.getRepository(Task).find({ where: { chatId }, order: { id: 'ASC' } });
const projectsOf = (chatId: number) => db.dataSource.getRepository(Project).find({ where: { chatId } });
const chatRow = (id: number) => db.dataSource.getRepository(Chat).findOneByOrFail({ id });
const supergroup = (id: number) => ({ id, type: 'supergroup' as const, title: 'Team' });

/** A group with two members, a project and two tasks, one of them in the project and assigned. */
async function groupWithWork(groupId: number) {
  await chats.register({ id: groupId, type: 'group' as const, title: 'Team' });
  await chats.addMember(groupId, ALICE);
  await chats.addMember(groupId, CAROL);
  const work = await projects.ensure(groupId, 'work');
  const planned = await add(groupId, 'Plan the release', {
    projectId: work.id,
    assigneeId: CAROL,
    sourceMessageId: 5,
  });
  const other = await add(groupId, 'Book the room');
  return { work, planned, other };
}

beforeAll(async () => {
  db = await createTestDatabase();
  chats = new ChatRepository(db.dataSource);
  board = new TaskBoardRepository(db.dataSource);
  projects = new ProjectRepository(db.dataSource);
  reminders = new ReminderRepository(db.dataSource);
  const users = new UserRepository(db.dataSource);
  await users.register({ id: ALICE, is_bot: false, first_name: 'Alice', username: 'alice' });
  await users.register({ id: CAROL, is_bot: false, first_name: 'Carol', username: 'carol' });
  await users.register({ id: DAN, is_bot: false, first_name: 'Dan', username: 'dan' });
  await users.register({ id: FRAN, is_bot: false, first_name: 'Fran', username: 'fran' });
});

afterAll(async () => {
  await db?.drop();
});

describe('a group upgraded to a supergroup', () => {
  it('takes its tasks, projects and members along once, however often Telegram says so', async () => {
    const { planned, other } = await groupWithWork(-8211);

    expect(await chats.migrate(-8211, supergroup(-1008211))).toEqual({
      outcome: 'moved',
      tasks: 2,
      projects: 1,
      members: 2,
    });
    for (let again = 0; again < 2; again++) {
      expect(await chats.migrate(-8211, supergroup(-1008211))).toEqual({
        outcome: 'already',
        tasks: 0,
        projects: 0,
        members: 0,
      });
    }

    const moved = await tasksOf(-1008211);
    expect(moved.map((task) => [task.id, task.title])).toEqual([
      [planned.id, 'Plan the release'],
      [other.id, 'Book the room'],
    ]);
    const [work] = await projectsOf(-1008211);
    expect(moved[0]?.projectId).toBe(work?.id);
    expect(moved[0]?.assigneeId).toBe(CAROL);
    // The group's message ids mean nothing in the supergroup.
    expect(moved[0]?.sourceMessageId).toBeNull();
    expect(await tasksOf(-8211)).toEqual([]);
    expect(await projectsOf(-8211)).toEqual([]);
    expect((await board.findUserByUsername('carol', -1008211))?.id).toBe(CAROL);
    expect(await board.findUserByUsername('carol', -8211)).toBeNull();
    expect(await chatRow(-8211)).toMatchObject({ active: false, migratedToChatId: -1008211 });
    expect(await chatRow(-1008211)).toMatchObject({
      active: true,
      migratedToChatId: null,
      type: 'supergroup',
    });
  });

  it('merges into a supergroup someone used first: its own tasks stay, a project of the same name is one', async () => {
    const { planned, other } = await groupWithWork(-8212);
    await chats.register(supergroup(-1008212));
    await chats.addMember(-1008212, ALICE);
    await chats.addMember(-1008212, DAN);
    const theirs = await projects.ensure(-1008212, 'work');
    await projects.archive(-1008212, theirs.id);
    const early = await add(-1008212, 'Written in the supergroup', { projectId: theirs.id });

    expect(await chats.migrate(-8212, supergroup(-1008212))).toMatchObject({ outcome: 'moved', tasks: 2 });

    const all = await tasksOf(-1008212);
    expect(all.map((task) => task.id).sort()).toEqual([early.id, planned.id, other.id].sort());
    const work = await projectsOf(-1008212);
    expect(work.map((project) => [project.id, project.name, project.archived])).toEqual([
      [theirs.id, 'work', false],
    ]);
    expect(all.find((task) => task.id === planned.id)?.projectId).toBe(theirs.id);
    for (const name of ['alice', 'carol', 'dan']) {
      expect([name, (await board.findUserByUsername(name, -1008212))?.username]).toEqual([name, name]);
    }
  });

  it('moves once when both of Telegram’s messages are handled at the same moment', async () => {
    await groupWithWork(-8213);
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () =>
        chats.migrate(-8213, supergroup(-1008213)).then((move) => move.outcome),
      ),
    );
    expect(outcomes.sort()).toEqual(['already', 'already', 'already', 'moved']);
    expect(await tasksOf(-1008213)).toHaveLength(2);
    expect(await projectsOf(-1008213)).toHaveLength(1);
  });

  it('has nothing to move for a group it never saw, and still knows the supergroup', async () => {
    expect(await chats.migrate(-8214, supergroup(-1008214))).toMatchObject({ outcome: 'unknown' });
    expect(await chatRow(-1008214)).toMatchObject({ type: 'supergroup', active: true });
  });
});

describe('a member who left', () => {
  it('is not assignable there and sees none of its tasks in /my or the digest, until they come back', async () => {
    await chats.register({ id: -8221, type: 'group' as const, title: 'Team' });
    await chats.register({ id: FRAN, type: 'private' as const, first_name: 'Fran' });
    await chats.addMember(-8221, ALICE);
    await chats.addMember(-8221, FRAN);
    const groupTask = await add(-8221, 'Group chore', { assigneeId: FRAN, dueAt: YESTERDAY });
    const ownTask = await add(FRAN, 'Own chore', { authorId: FRAN, dueAt: YESTERDAY });
    const alicesTask = await add(-8221, 'Alice’s chore', { dueAt: YESTERDAY });
    const assigned = async () => (await board.listAssigned(FRAN, 20)).map((task) => task.id);
    const digest = async (userId: number) =>
      (await reminders.findDigestTasks(userId, TOMORROW)).map((task) => task.id);
    expect(await assigned()).toEqual([groupTask.id]);
    expect(await digest(FRAN)).toEqual(expect.arrayContaining([groupTask.id, ownTask.id]));

    expect(await chats.removeMember(-8221, FRAN)).toBe(true);
    expect(await chats.removeMember(-8221, FRAN)).toBe(false);

    expect(await board.findUserByUsername('fran', -8221)).toBeNull();
    expect(await assigned()).toEqual([]);
    expect(await digest(FRAN)).toEqual([ownTask.id]);
    // Those still there see the group as before.
    expect(await digest(ALICE)).toContain(alicesTask.id);

    await chats.addMember(-8221, FRAN);
    expect(await assigned()).toEqual([groupTask.id]);
  });
});

describe('a task made from a message', () => {
  it('takes the title of the edited message, but not once someone renamed it by hand', async () => {
    await chats.register({ id: ALICE, type: 'private' as const, first_name: 'Alice' });
    const task = await add(ALICE, 'Buy milk', { sourceMessageId: 77 });

    const edited = await board.retitleFromSource(ALICE, 77, 'Buy oat milk');
    expect(edited).toMatchObject({ changed: true, task: { id: task.id, title: 'Buy oat milk' } });
    expect(await board.retitleFromSource(ALICE, 77, 'Buy oat milk')).toMatchObject({ changed: false });
    expect(await board.retitleFromSource(ALICE, 78, 'Another message')).toBeNull();

    await board.change(ALICE, task.id, { title: 'Buy milk at the market' }, 0);
    expect(await board.retitleFromSource(ALICE, 77, 'Buy soy milk')).toBeNull();
    expect((await board.findInChat(ALICE, task.id))?.title).toBe('Buy milk at the market');
  });
});
