import { Task } from '@taskbot/db/entities/Task';
import { User } from '@taskbot/db/entities/User';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('the task manager columns', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  it('start empty for a new user, so every setting falls back to its default', async () => {
    const users = db.dataSource.getRepository(User);
    await users.insert({ id: 7001, firstName: 'Ann' });

    expect(await users.findOneByOrFail({ id: 7001 })).toMatchObject({
      language: null,
      timeZone: null,
      reminderLeadMinutes: null,
      digestTime: null,
      quietStart: null,
      quietEnd: null,
      lastDigestOn: null,
    });
  });

  it('keep every user setting as written', async () => {
    const users = db.dataSource.getRepository(User);
    const settings = {
      language: 'ru',
      timeZone: 'America/Argentina/ComodRivadavia',
      reminderLeadMinutes: 10_080,
      digestTime: '08:30',
      quietStart: '22:00',
      quietEnd: '07:00',
      lastDigestOn: '2026-01-31',
    };
    await users.insert({ id: 7002, firstName: 'Boris', ...settings });

    expect(await users.findOneByOrFail({ id: 7002 })).toMatchObject(settings);
  });

  it('keep reminder instants exactly, to the microsecond, and find due reminders by remind_at', async () => {
    await db.dataSource.query("INSERT INTO chats (id, type) VALUES (-7100, 'group')");
    const tasks = db.dataSource.getRepository(Task);
    const remindAt = new Date('2026-03-29T00:45:00.123Z');
    const remindedAt = new Date('2026-03-29T00:45:01.5Z');
    await tasks.insert([
      { chatId: -7100, authorId: 7001, title: 'due', remindAt, remindedAt },
      { chatId: -7100, authorId: 7001, title: 'later', remindAt: new Date('2027-01-01T00:00:00Z') },
      { chatId: -7100, authorId: 7001, title: 'no reminder' },
    ]);

    const due = await tasks
      .createQueryBuilder('task')
      .where('task.remindAt <= :now', { now: new Date('2026-04-01T00:00:00Z') })
      .getMany();
    expect(due.map((task) => [task.title, task.remindAt, task.remindedAt])).toEqual([
      ['due', remindAt, remindedAt],
    ]);
    const untouched = await tasks.findOneByOrFail({ title: 'no reminder' });
    expect([untouched.remindAt, untouched.remindedAt]).toEqual([null, null]);
  });
});
