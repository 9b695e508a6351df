import { Task } from '@taskbot/db/entities/Task';
import { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import { TaskBoardRepository } from '@taskbot/db/repositories/TaskBoardRepository';
import type { PlanNext } from '@taskbot/db/repositories/TaskSeries';
import { UserRepository } from '@taskbot/db/repositories/UserRepository';
import { snapshotOf } from '@taskbot/domain/task-snapshot';
import { createTestDatabase, type TestDatabase } from '../support/database';

// Repeating tasks on the real databases: completing an occurrence makes exactly one next one, even
// when completions race; /undo takes back both together unless the next one changed; a whole
// series is deleted at once.

let db: TestDatabase;
let board: TaskBoardRepository;

const AUTHOR = 7101;
const CHAT = -1007101;
const DAY = 86_400_000;
const RULE = 'FREQ=DAILY;BYHOUR=9;BYMINUTE=0';
const FIRST_DUE = new Date('2027-03-15T09:00:00Z');
let nextUpdateId = 810_000_000_000;

/** The next occurrence a day after the completed one: the domain's rule is not under test here. */
const dayLater: PlanNext = (task) => new Date((task.dueAt?.getTime() ?? 0) + DAY);

const addRepeating = async () =>
  (
    await board.create({
      chatId: CHAT,
      authorId: AUTHOR,
      title: 'Water the plants',
      sourceUpdateId: ++nextUpdateId,
      defaultLeadMinutes: 15,
      dueAt: FIRST_DUE,
      recurrence: RULE,
    })
  ).task;

const followers = (taskId: number) => db.dataSource.getRepository(Task).findBy({ nextOfTaskId: taskId });

beforeAll(async () => {
  db = await createTestDatabase();
  board = new TaskBoardRepository(db.dataSource);
  await new UserRepository(db.dataSource).register({ id: AUTHOR, is_bot: false, first_name: 'Author' });
  await new ChatRepository(db.dataSource).register({ id: CHAT, type: 'supergroup' as const, title: 'Home' });
});

afterAll(async () => {
  await db.drop();
});

describe('completing a repeating task', () => {
  it('marks it done and makes the next occurrence with the same fields, its reminder armed', async () => {
    const task = await addRepeating();
    const result = await board.series.complete(CHAT, task.id, dayLater, 15);
    expect(result?.changed).toBe(true);
    expect(result?.after.status).toBe('done');
    expect(result?.next).toMatchObject({
      title: 'Water the plants',
      status: 'open',
      recurrence: RULE,
      seriesId: task.id,
      nextOfTaskId: task.id,
      dueAt: new Date(FIRST_DUE.getTime() + DAY),
      remindAt: new Date(FIRST_DUE.getTime() + DAY - 15 * 60_000),
      remindedAt: null,
    });
  });

  it('makes exactly one next occurrence when completions race', async () => {
    const task = await addRepeating();
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => board.series.complete(CHAT, task.id, dayLater, 15)),
    );
    expect(results.filter((result) => result?.changed)).toHaveLength(1);
    expect(await followers(task.id)).toHaveLength(1);
  });

  it('is refused by the database a second next occurrence of the same task', async () => {
    const task = await addRepeating();
    await board.series.complete(CHAT, task.id, dayLater, 15);
    const tasks = db.dataSource.getRepository(Task);
    await expect(
      tasks.insert({ chatId: CHAT, authorId: AUTHOR, title: 'twin', nextOfTaskId: task.id }),
    ).rejects.toThrow();
  });

  it('keeps the series of the first task along the occurrences', async () => {
    const first = await addRepeating();
    const second = (await board.series.complete(CHAT, first.id, dayLater, 15))?.next;
    const third = second && (await board.series.complete(CHAT, second.id, dayLater, 15))?.next;
    expect(third).toMatchObject({ seriesId: first.id, dueAt: new Date(FIRST_DUE.getTime() + 2 * DAY) });
  });

  it('passes the series start and the author to the plan of the next date', async () => {
    const first = await addRepeating();
    const second = (await board.series.complete(CHAT, first.id, dayLater, 15))?.next;
    const seen: Array<{ start: Date | null; author: number | undefined }> = [];
    await board.series.complete(
      CHAT,
      second?.id ?? 0,
      (_task, series) => {
        seen.push({ start: series.start, author: series.author?.id });
        return undefined;
      },
      15,
    );
    expect(seen).toEqual([{ start: FIRST_DUE, author: AUTHOR }]);
  });
});

describe('undoing a completion', () => {
  it('reopens the task and removes the occurrence it made', async () => {
    const task = await addRepeating();
    const result = await board.series.complete(CHAT, task.id, dayLater, 15);
    if (!result?.next) throw new Error('no next occurrence');
    const plan = await board.series.undoCompletion(
      CHAT,
      snapshotOf(result.before),
      snapshotOf(result.after),
      snapshotOf(result.next),
    );
    expect(plan.ok).toBe(true);
    expect((await board.findInChat(CHAT, task.id))?.status).toBe('open');
    expect(await board.findInChat(CHAT, result.next.id)).toBeNull();
  });

  it('refuses, and changes nothing, when the occurrence it made was changed since', async () => {
    const task = await addRepeating();
    const result = await board.series.complete(CHAT, task.id, dayLater, 15);
    if (!result?.next) throw new Error('no next occurrence');
    await board.change(CHAT, result.next.id, { title: 'Water the plants and the lawn' }, 15);
    const plan = await board.series.undoCompletion(
      CHAT,
      snapshotOf(result.before),
      snapshotOf(result.after),
      snapshotOf(result.next),
    );
    expect(plan).toEqual({ ok: false, reason: 'changedSince' });
    expect((await board.findInChat(CHAT, task.id))?.status).toBe('done');
    expect(await board.findInChat(CHAT, result.next.id)).not.toBeNull();
  });
});

describe('deleting a whole series', () => {
  it('deletes the task and the open occurrences of its series; done ones stay', async () => {
    const first = await addRepeating();
    const second = (await board.series.complete(CHAT, first.id, dayLater, 15))?.next;
    const third = second && (await board.series.complete(CHAT, second.id, dayLater, 15))?.next;
    const removed = await board.series.removeSeries(CHAT, third?.id ?? 0);
    expect(removed?.map(({ task }) => task.id)).toEqual([third?.id]);
    expect(await board.findInChat(CHAT, first.id)).not.toBeNull();
    expect(await board.series.removeSeries(CHAT, third?.id ?? 0)).toBeNull();
  });

  it('takes the open occurrences of the series along when pressed on an earlier one', async () => {
    const first = await addRepeating();
    const second = (await board.series.complete(CHAT, first.id, dayLater, 15))?.next;
    const removed = await board.series.removeSeries(CHAT, first.id);
    expect(removed?.map(({ task }) => task.id)).toEqual([first.id, second?.id]);
  });
});

describe('the repeating filter of a list', () => {
  it('shows only open tasks with a repetition', async () => {
    const task = await addRepeating();
    await board.create({
      chatId: CHAT,
      authorId: AUTHOR,
      title: 'One-off',
      sourceUpdateId: ++nextUpdateId,
      defaultLeadMinutes: 15,
    });
    const { tasks } = await board.listOpen({
      chatId: CHAT,
      filter: { kind: 'recurring' },
      page: 0,
      pageSize: 100,
      now: new Date(),
    });
    expect(tasks.map((one) => one.id)).toContain(task.id);
    expect(tasks.every((one) => one.recurrence !== null)).toBe(true);
  });
});
