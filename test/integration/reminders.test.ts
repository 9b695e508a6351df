import { PassThrough } from 'node:stream';
import { Task } from '@taskbot/db/entities/Task';
import { User } from '@taskbot/db/entities/User';
import { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import { ReminderRepository } from '@taskbot/db/repositories/ReminderRepository';
import { UserRepository } from '@taskbot/db/repositories/UserRepository';
import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import { createLogger } from '@taskbot/logger/logger';
import { Broker } from '@taskbot/messaging/broker';
import { type BusMessage, decodeMessage } from '@taskbot/messaging/bus-message';
import { Publisher } from '@taskbot/messaging/publisher';
import { topology } from '@taskbot/messaging/topology';
import { OwnMessages } from '@taskbot/reminders/own-messages';
import { Scheduler } from '@taskbot/reminders/scheduler';
import { inCallScope } from '@taskbot/telegram/call-scope';
import { createTelegramClient } from '@taskbot/telegram/client';
import { Redis } from 'ioredis';
import { gate, takeAll } from '../support/amqp';
import { deleteTopology } from '../support/broker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_TOKEN, uniquePrefix } from '../support/stack';

// The scheduler and the sending side on real PostgreSQL or MySQL, RabbitMQ and Redis, with the fake
// Bot API as Telegram: what is due goes out once, however many schedulers run and whatever fails
// in between. The clock is the test's: every tick is told what time it is.

const logger = createLogger({
  service: 'reminders-test',
  level: process.env.TEST_LOG_LEVEL ?? 'error',
  ...(process.env.TEST_LOG_LEVEL ? {} : { stream: new PassThrough() }),
});
const ALICE = 6_100_001;
const BORIS = 6_100_002;
const GROUP = -1_006_100_001;
const at = (iso: string) => new Date(iso);

describe('reminders and digests', () => {
  const fake = new FakeBotApi();
  const prefix = uniquePrefix('reminders');
  let db: TestDatabase;
  let redis: Redis;
  let broker: Broker;
  let publisher: Publisher;
  let reminders: ReminderRepository;
  let own: OwnMessages;
  let clock: Date;
  let nextTitle = 0;

  const scheduler = (repository: ReminderRepository = reminders) =>
    new Scheduler({
      reminders: repository,
      publisher,
      logger,
      intervalMs: 50,
      defaults: { timeZone: 'UTC', leadMinutes: 15 },
      now: () => clock,
    });

  /** What the command worker does with the `telegram` queue: each message as the job its id names. */
  const deliver = async (): Promise<BusMessage[]> => {
    const taken = await takeAll(topology(prefix).queues.telegram);
    const messages: BusMessage[] = [];
    for (const raw of taken) {
      const decoded = decodeMessage(raw.content);
      if (!decoded.ok) throw new Error(decoded.error);
      const message = decoded.message;
      if (message.kind !== 'reminder' && message.kind !== 'digest')
        throw new Error(`unexpected ${message.kind}`);
      await inCallScope(String(raw.properties.messageId), 'own', () => own.handle(message));
      messages.push(message);
    }
    return messages;
  };

  const sentTo = (chatId: number) =>
    fake.callsOf('sendMessage').filter((call) => call.payload.chat_id === chatId);

  const addTask = async (fields: Partial<Task>): Promise<Task> => {
    nextTitle += 1;
    return db.dataSource.getRepository(Task).save({
      chatId: ALICE,
      authorId: ALICE,
      title: `Task ${nextTitle}`,
      status: 'open',
      ...fields,
    });
  };
  const taskRow = (id: number) => db.dataSource.getRepository(Task).findOneByOrFail({ id });
  const setUser = (id: number, fields: Partial<User>) =>
    db.dataSource.getRepository(User).update({ id }, fields);

  beforeAll(async () => {
    const apiRoot = await fake.start();
    db = await createTestDatabase();
    redis = new Redis(process.env.REDIS_URL ?? '', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    await new Promise((resolve) => redis.once('ready', resolve));
    broker = await Broker.connect({ url: process.env.RABBITMQ_URL ?? '', layout: topology(prefix), logger });
    publisher = await Publisher.create(broker, logger);
    reminders = new ReminderRepository(db.dataSource);
    const users = new UserRepository(db.dataSource);
    const chats = new ChatRepository(db.dataSource);
    await users.register({ id: ALICE, is_bot: false, first_name: 'Alice', language_code: 'en' });
    await users.register({ id: BORIS, is_bot: false, first_name: 'Boris', language_code: 'ru' });
    await chats.register({ id: ALICE, type: 'private' as const, first_name: 'Alice' });
    await chats.register({ id: GROUP, type: 'supergroup' as const, title: 'Team' });
    const telegram = createTelegramClient({
      token: TEST_TOKEN,
      apiRoot,
      redis,
      prefix,
      logger,
      // Telegram's flood limits are not what these tests are about; they would only slow them down.
      limits: { chatPerSecond: 1_000, groupPerMinute: 1_000, globalPerSecond: 1_000 },
    });
    own = new OwnMessages({
      reminders,
      users,
      chats,
      telegram,
      logger,
      defaults: { timeZone: 'UTC', leadMinutes: 15 },
      now: () => clock,
    });
  });

  afterAll(async () => {
    await broker?.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis?.disconnect();
    await fake.stop();
    await db?.drop();
    await deleteTopology(prefix);
  });

  beforeEach(async () => {
    fake.reset();
    clock = at('2026-12-01T09:00:00Z');
    await db.dataSource.query('DELETE FROM tasks');
    await takeAll(topology(prefix).queues.telegram);
    await setUser(ALICE, {
      timeZone: null,
      quietStart: null,
      quietEnd: null,
      digestTime: null,
      lastDigestOn: null,
    });
  });

  it('two schedulers over one database: the reminder goes out once, and is claimed', async () => {
    const task = await addTask({ dueAt: at('2026-12-01T09:15:00Z'), remindAt: at('2026-12-01T09:00:00Z') });

    const reports = await Promise.all([scheduler().tick(), scheduler().tick()]);
    const messages = await deliver();

    expect(messages.length).toBeGreaterThanOrEqual(1);
    expect(reports.reduce((sum, report) => sum + report.reminders, 0)).toBe(1);
    const sent = sentTo(ALICE);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.payload.text).toContain(`Reminder: <b>${task.title}</b>`);
    expect(sent[0]?.payload.text).toContain('Due Tue 1 Dec 09:15');
    expect((await taskRow(task.id)).remindedAt).toEqual(clock);

    expect(await scheduler().tick()).toEqual({ reminders: 0, held: 0, digests: 0 });
    expect(await deliver()).toEqual([]);
  });

  it('reminds the group of a task nobody is assigned whose author was forgotten, naming nobody', async () => {
    const task = await addTask({ chatId: GROUP, authorId: null, remindAt: at('2026-12-01T08:59:00Z') });

    expect((await scheduler().tick()).reminders).toBe(1);
    await deliver();

    const sent = sentTo(GROUP);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.payload.text).toContain(`Reminder: <b>${task.title}</b>`);
    expect(sent[0]?.payload.text).not.toContain('tg://user');
  });

  it('a restart between publishing and claiming publishes again, and still sends once', async () => {
    const task = await addTask({ remindAt: at('2026-12-01T08:59:00Z') });
    // The first scheduler loses its database right after the broker confirmed the message.
    const crashing = Object.create(reminders) as ReminderRepository;
    crashing.markReminded = () => Promise.reject(new Error('Connection terminated unexpectedly'));

    expect(await scheduler(crashing).tick()).toEqual({ reminders: 0, held: 0, digests: 0 });
    expect((await taskRow(task.id)).remindedAt).toBeNull();
    expect(await scheduler().tick()).toMatchObject({ reminders: 1 });

    const messages = await deliver();
    expect(messages).toHaveLength(2);
    expect(sentTo(ALICE)).toHaveLength(1);
  });

  it('holds a reminder through the person’s quiet hours and sends it when they end', async () => {
    await setUser(ALICE, { timeZone: 'Europe/Moscow', quietStart: '22:00', quietEnd: '07:00' });
    const task = await addTask({ remindAt: at('2026-12-01T20:00:00Z') }); // 23:00 in Moscow
    clock = at('2026-12-01T20:30:00Z');

    expect(await scheduler().tick()).toEqual({ reminders: 0, held: 1, digests: 0 });
    clock = at('2026-12-02T03:59:00Z'); // 06:59
    expect(await scheduler().tick()).toEqual({ reminders: 0, held: 1, digests: 0 });
    expect(await deliver()).toEqual([]);
    expect((await taskRow(task.id)).remindedAt).toBeNull();

    clock = at('2026-12-02T04:00:00Z'); // 07:00: quiet hours are over
    expect(await scheduler().tick()).toMatchObject({ reminders: 1, held: 0 });
    await deliver();
    expect(sentTo(ALICE)).toHaveLength(1);
  });

  it('does not send a reminder that was snoozed or done after it was published', async () => {
    const snoozed = await addTask({ remindAt: at('2026-12-01T08:30:00Z') });
    const done = await addTask({ remindAt: at('2026-12-01T08:30:00Z') });
    await scheduler().tick();
    expect(await reminders.snooze(snoozed.id, at('2026-12-01T09:15:00Z'))).toBe(true);
    await db.dataSource.getRepository(Task).update({ id: done.id }, { status: 'done' });

    expect(await deliver()).toHaveLength(2);
    expect(sentTo(ALICE)).toHaveLength(0);

    clock = at('2026-12-01T09:15:00Z');
    expect(await scheduler().tick()).toMatchObject({ reminders: 1 });
    await deliver();
    expect(sentTo(ALICE)).toHaveLength(1);
    expect(sentTo(ALICE)[0]?.payload.text).toContain(snoozed.title);
  });

  it('names the assignee in a group and speaks their language, in their quiet hours too', async () => {
    await setUser(BORIS, { timeZone: 'Asia/Tokyo', quietStart: '22:00', quietEnd: '07:00' });
    // 09:00 UTC is 18:00 in Tokyo: not quiet for Boris, whatever Alice's settings are.
    await setUser(ALICE, { quietStart: '08:00', quietEnd: '10:00' });
    await addTask({ chatId: GROUP, assigneeId: BORIS, remindAt: at('2026-12-01T09:00:00Z') });

    expect(await scheduler().tick()).toMatchObject({ reminders: 1, held: 0 });
    await deliver();
    const [sent] = sentTo(GROUP);
    expect(sent?.payload.text).toContain(`<a href="tg://user?id=${BORIS}">Boris</a>, напоминание`);
  });

  it('leaves alone reminders of chats that blocked the bot', async () => {
    const chats = new ChatRepository(db.dataSource);
    await chats.setActive(GROUP, false);
    try {
      await addTask({ chatId: GROUP, remindAt: at('2026-12-01T08:00:00Z') });
      expect(await scheduler().tick()).toEqual({ reminders: 0, held: 0, digests: 0 });
    } finally {
      await chats.setActive(GROUP, true);
    }
  });

  describe('the daily digest', () => {
    beforeEach(() => setUser(ALICE, { digestTime: '09:00', timeZone: 'UTC' }));

    it('says nothing on a day without tasks due, and does not ask again that day', async () => {
      await addTask({ dueAt: at('2026-12-02T12:00:00Z') }); // tomorrow
      await addTask({ dueAt: at('2026-12-01T12:00:00Z'), status: 'done' });
      clock = at('2026-12-01T09:05:00Z');

      expect(await scheduler().tick()).toMatchObject({ digests: 0 });
      expect(await deliver()).toEqual([]);
      const alice = await db.dataSource.getRepository(User).findOneByOrFail({ id: ALICE });
      expect(alice.lastDigestOn).toBe('2026-12-01');
    });

    it('lists overdue and today’s tasks once, in the person’s private chat, from every chat', async () => {
      await addTask({ title: 'Send the report', dueAt: at('2026-11-30T17:00:00Z') });
      await addTask({ title: 'Call Bob', chatId: GROUP, dueAt: at('2026-12-01T15:00:00Z') });
      await addTask({
        title: 'Not mine',
        chatId: GROUP,
        authorId: ALICE,
        assigneeId: BORIS,
        dueAt: at('2026-12-01T10:00:00Z'),
      });
      await addTask({ title: 'Tomorrow', dueAt: at('2026-12-02T10:00:00Z') });
      clock = at('2026-12-01T08:59:00Z');
      expect(await scheduler().tick()).toMatchObject({ digests: 0 });

      clock = at('2026-12-01T09:00:00Z');
      expect(await scheduler().tick()).toMatchObject({ digests: 1 });
      expect(await deliver()).toEqual([
        { kind: 'digest', userId: ALICE, chatId: ALICE, localDate: '2026-12-01' },
      ]);
      clock = at('2026-12-01T18:00:00Z');
      expect(await scheduler().tick()).toMatchObject({ digests: 0 });
      expect(await deliver()).toEqual([]);

      const sent = sentTo(ALICE);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.payload.text).toBe(
        [
          '🗓 Your tasks for 2026-12-01:',
          '',
          '<b>⚠️ Overdue</b>',
          '• Send the report — Mon 30 Nov 17:00',
          '',
          '<b>📅 Due today</b>',
          '• Call Bob — Tue 1 Dec 15:00 · Team',
        ].join('\n'),
      );
    });
  });

  describe('the loop', () => {
    it('survives a database outage: the tick is logged as failed and the next one works', async () => {
      await addTask({ remindAt: at('2026-12-01T08:00:00Z') });
      const down = Object.create(reminders) as ReminderRepository;
      down.findDue = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
      down.findDigestReaders = down.findDue as never;

      expect(await scheduler(down).tick()).toEqual({ reminders: 0, held: 0, digests: 0 });
      expect(await scheduler().tick()).toMatchObject({ reminders: 1 });
    });

    it('runs one tick at a time, and stop waits for the tick in progress and plans no more', async () => {
      const blocked = gate();
      const entered = gate();
      let calls = 0;
      const slow = Object.create(reminders) as ReminderRepository;
      slow.findDue = async (...args) => {
        calls += 1;
        entered.open();
        await blocked.promise;
        return reminders.findDue(...args);
      };
      await addTask({ remindAt: at('2026-12-01T08:00:00Z') });
      const loop = scheduler(slow);
      loop.start();
      await entered.promise;

      let stopped = false;
      const stopping = loop.stop().then(() => {
        stopped = true;
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(stopped).toBe(false);
      blocked.open();
      await stopping;

      expect(calls).toBe(1);
      // The tick was told to stop before it got to the reminder: it stays due for the next run.
      expect(await deliver()).toEqual([]);
    });
  });
});
