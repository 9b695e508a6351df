import { Chat } from '@taskbot/db/entities/Chat';
import { Project } from '@taskbot/db/entities/Project';
import { Task } from '@taskbot/db/entities/Task';
import { commandEntities, groupChat, privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { waitFor } from '../support/amqp';
import { deadQueueOf, queueDepth } from '../support/broker';
import { TEST_SECRET } from '../support/stack';
import { buttonData, type Person, type Chat as TgChat, useTaskBot } from './tasks-harness';

// The life of each chat as Telegram reports it, through the gateway, RabbitMQ and both workers:
// people who block and unblock the bot, groups that remove or add it, members who leave, a group
// upgraded to a supergroup, and edited messages. Reminders are looked for every 100 ms with no lead
// time, so a task made due now rings at once; another person's reminder or digest going out proves
// the scheduler looked at what did not go out.

const bot = useTaskBot('chat_life', { SCHEDULER_INTERVAL_MS: '100', DEFAULT_REMINDER_LEAD_MINUTES: '0' });
const { fake } = bot;
const repo = <T extends object>(entity: new () => T) => bot.database().dataSource.getRepository(entity);
const chatRow = (id: number) => repo(Chat).findOneByOrFail({ id });
const task = (title: string) => repo(Task).findOneByOrFail({ title });

let nextId = 900_000_000;
const post = async <U extends { update_id: number }>(update: U): Promise<U> => {
  const response = await fetch(`${bot.stack().gatewayUrl}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
    body: JSON.stringify(update),
  });
  expect(response.status).toBe(200);
  return update;
};
const unix = () => Math.floor(Date.now() / 1000);

/** A `my_chat_member` (the bot itself) or `chat_member` update: `member` went from `was` to `is`. */
const membership = (
  kind: 'my_chat_member' | 'chat_member',
  chat: TgChat,
  from: Person,
  was: string,
  is: string,
  member: object = fake.bot,
) => ({
  update_id: ++nextId,
  [kind]: {
    chat,
    from,
    date: unix(),
    old_chat_member: { user: member, status: was },
    new_chat_member: { user: member, status: is },
  },
});
/** A service message (a member left or joined, a migration) in `chat`. */
const service = (chat: TgChat, from: Person, fields: object) => ({
  update_id: ++nextId,
  message: { message_id: ++nextId, date: unix(), chat, from, ...fields },
});
const edit = (sent: ReturnType<typeof textMessage>, text: string) => ({
  update_id: ++nextId,
  edited_message: { ...sent.message, text, entities: commandEntities(text), edit_date: unix() },
});

/** Resolves once the command worker handled (and acknowledged) the update `count` times. */
const handled = (update: { update_id: number }, count = 1) =>
  waitFor(`update ${update.update_id} to be handled ${count} time(s)`, () => {
    const lines = bot.stack().app('command-worker').output().split('\n');
    const done = lines.filter(
      (line) =>
        line.includes('"message":"message handled"') &&
        line.includes(`"message_id":"update:${update.update_id}"`),
    );
    return done.length >= count;
  });

const sentTo = (chatId: number, since: number) =>
  fake.callsSince(since).filter((call) => call.payload.chat_id === chatId);
const deadLetters = () =>
  Promise.all(
    (['commands', 'callbacks', 'telegram'] as const).map((kind) => queueDepth(deadQueueOf(bot.prefix, kind))),
  );

/** The task is due now: its reminder goes out at the scheduler's next look, if its chat is active. */
const makeDue = async (title: string) => {
  const now = new Date();
  await repo(Task).update({ id: (await task(title)).id }, { dueAt: now, remindAt: now, remindedAt: null });
};
const wantsDigest = (person: Person) =>
  repo(Task).manager.query(
    `UPDATE users SET digest_time = '00:00', last_digest_on = NULL WHERE id = ${person.id}`,
  );
/** A reminder of the task in the chat (in a group it names its person first). */
const reminderTo = (chatId: number, title: string) =>
  fake.waitForCall('sendMessage', (call) => {
    const text = String(call.payload.text);
    return call.payload.chat_id === chatId && text.startsWith('⏰') && text.includes(`<b>${title}</b>`);
  });
const digestTo = (person: Person) => bot.reply(person.id, '🗓 Your tasks for');

describe('a person who blocks the bot', () => {
  it('hears nothing while blocked, and gets answers, reminders and the digest again after unblocking', async () => {
    const erin = user(9_301_001, { first_name: 'Erin', language_code: 'en' });
    const cleo = user(9_301_002, { first_name: 'Cleo', language_code: 'en' });
    await bot.ask(erin, '/add Pay the rent', 'Pay the rent');
    await bot.ask(cleo, '/add Water the plants', 'Water the plants');

    fake.blockChat(erin.id);
    await post(membership('my_chat_member', privateChat(erin), erin, 'member', 'kicked'));
    await waitFor('her chat to be inactive', async () => !(await chatRow(erin.id)).active);
    const blockedAt = bot.mark();
    await makeDue('Pay the rent');
    await wantsDigest(erin);
    await makeDue('Water the plants');
    await wantsDigest(cleo);
    await reminderTo(cleo.id, 'Water the plants');
    await digestTo(cleo);
    expect(sentTo(erin.id, blockedAt)).toEqual([]);

    fake.unblockChat(erin.id);
    await post(membership('my_chat_member', privateChat(erin), erin, 'kicked', 'member'));
    await reminderTo(erin.id, 'Pay the rent');
    expect((await digestTo(erin)).text).toContain('Pay the rent');
    await bot.ask(erin, '/tasks', 'Pay the rent');
    expect((await chatRow(erin.id)).active).toBe(true);
  });

  it('is back with /start after the bot learned of the block from a refused reply', async () => {
    const fay = user(9_301_003, { first_name: 'Fay', language_code: 'en' });
    await bot.ask(fay, '/start', 'Hi, Fay');
    fake.blockChat(fay.id);
    await bot.say(fay, '/add Renew the visa');
    await waitFor('her chat to be inactive', async () => !(await chatRow(fay.id)).active);

    fake.unblockChat(fay.id);
    await bot.ask(fay, '/start', 'Hi, Fay');
    expect((await chatRow(fay.id)).active).toBe(true);
    await makeDue('Renew the visa');
    await reminderTo(fay.id, 'Renew the visa');
  });
});

describe('a group and the bot', () => {
  it('sends nothing more to a group that removed it, tries a refused reply once, and greets it when added back', async () => {
    const gus = user(9_301_010, { first_name: 'Gus', language_code: 'en' });
    const club = groupChat(-9_301_100, 'Garden club');
    await bot.ask(gus, '/add Mow the lawn', 'Mow the lawn', club);
    await bot.ask(gus, '/add Buy seeds', 'Buy seeds');

    fake.blockChat(club.id);
    await post(membership('my_chat_member', club, gus, 'member', 'kicked'));
    await waitFor('the group to be inactive', async () => !(await chatRow(club.id)).active);
    const removedAt = bot.mark();
    await makeDue('Mow the lawn');
    await makeDue('Buy seeds');
    await reminderTo(gus.id, 'Buy seeds');
    // A command typed just before the removal, reaching the worker late: refused once, not retried.
    const late = await post(textMessage({ chat: club, from: gus, text: '/tasks' }));
    await handled(late);

    expect(sentTo(club.id, removedAt).map((call) => [call.method, call.response.ok])).toEqual([
      ['sendMessage', false],
    ]);
    expect((await task('Mow the lawn')).remindedAt).toBeNull();
    expect(await deadLetters()).toEqual([0, 0, 0]);

    fake.unblockChat(club.id);
    await post(membership('my_chat_member', club, gus, 'kicked', 'member'));
    await bot.reply(club.id, 'I keep this group’s tasks', removedAt);
    await reminderTo(club.id, 'Mow the lawn');
  });

  it('counts a group Telegram no longer finds as gone, without retrying', async () => {
    const hal = user(9_301_011, { first_name: 'Hal', language_code: 'en' });
    const band = groupChat(-9_301_110, 'Old band');
    await bot.ask(hal, '/add Sell the amp', 'Sell the amp', band);
    const since = bot.mark();
    fake.failNext('sendMessage', { code: 400, description: 'Bad Request: chat not found' });
    await handled(await post(textMessage({ chat: band, from: hal, text: '/tasks' })));

    expect((await chatRow(band.id)).active).toBe(false);
    expect(sentTo(band.id, since)).toHaveLength(1);
    expect(await deadLetters()).toEqual([0, 0, 0]);
  });

  it('greets a group that adds it once, in the adder’s language, though Telegram delivers it twice', async () => {
    const boris = user(9_301_012, { first_name: 'Борис', language_code: 'ru' });
    const dacha = groupChat(-9_301_120, 'Дача');
    const since = bot.mark();
    const added = membership('my_chat_member', dacha, boris, 'left', 'member');
    await post(added);
    await post(added);
    await handled(added, 2);
    await handled(await post(membership('my_chat_member', dacha, boris, 'member', 'administrator')));

    const greetings = sentTo(dacha.id, since);
    expect(greetings).toHaveLength(1);
    expect(String(greetings[0]?.payload.text)).toContain('Привет! Я веду задачи этой группы');
    expect((await chatRow(dacha.id)).active).toBe(true);
  });
});

describe('a member who leaves a group', () => {
  it('is no longer assignable there and no longer sees its tasks in /my, whether they left or were removed', async () => {
    const ann = user(9_301_020, { first_name: 'Ann', language_code: 'en', username: 'ann_life' });
    const carol = user(9_301_021, { first_name: 'Carol', language_code: 'en', username: 'carol_life' });
    const dan = user(9_301_022, { first_name: 'Dan', language_code: 'en', username: 'dan_life' });
    const club = groupChat(-9_301_200, 'Book club');
    await bot.ask(carol, '/add Pick a book', 'Pick a book', club);
    await bot.ask(dan, '/add Order snacks', 'Order snacks', club);
    await bot.ask(ann, '/add Read chapter one @carol_life', '👤 @carol_life', club);
    await bot.ask(ann, '/add Bring tea @dan_life', '👤 @dan_life', club);
    expect((await bot.ask(carol, '/my', 'Assigned to you')).text).toContain('Read chapter one');
    expect((await bot.ask(dan, '/my', 'Assigned to you')).text).toContain('Bring tea');

    await handled(await post(service(club, carol, { left_chat_member: carol })));
    await handled(await post(membership('chat_member', club, ann, 'member', 'kicked', dan)));

    await bot.ask(carol, '/my', 'No open tasks are assigned to you');
    await bot.ask(dan, '/my', 'No open tasks are assigned to you');
    await bot.ask(ann, '/add Lead the talk @carol_life', 'don’t know @carol_life', club);
    await bot.ask(ann, '/add Lead the talk @dan_life', 'don’t know @dan_life', club);

    await handled(await post(service(club, dan, { new_chat_members: [dan] })));
    await bot.ask(ann, '/add Lead the talk @dan_life', '👤 @dan_life', club);
  });
});

describe('a group upgraded to a supergroup', () => {
  const migrate = (old: TgChat, upgraded: TgChat, by: Person) => ({
    from: service(upgraded, by, { migrate_from_chat_id: old.id }),
    to: service(old, by, { migrate_to_chat_id: upgraded.id }),
  });

  it('keeps its tasks, projects and members, moved once, when the supergroup’s message comes first, and is not greeted as new', async () => {
    const ivy = user(9_301_030, { first_name: 'Ivy', language_code: 'en' });
    const jon = user(9_301_031, { first_name: 'Jon', language_code: 'en', username: 'jon_life' });
    const old = groupChat(-9_301_300, 'Band');
    const upgraded = groupChat(-1_000_009_301_300, 'Band');
    await bot.ask(jon, '/add Tune the guitar', 'Tune the guitar', old);
    const card = await bot.ask(ivy, '/add Book the hall #gigs @jon_life', 'Book the hall', old);

    const { from, to } = migrate(old, upgraded, ivy);
    await post(from);
    await post(to);
    await post(from);
    await handled(from, 2);
    await handled(to);
    // Telegram also reports the bot "added" to the supergroup.
    const joinedAt = bot.mark();
    await handled(await post(membership('my_chat_member', upgraded, ivy, 'left', 'member')));
    expect(sentTo(upgraded.id, joinedAt)).toEqual([]);

    expect((await bot.ask(ivy, '/tasks', 'Book the hall', upgraded)).text).toContain('Tune the guitar');
    for (const title of ['Book the hall', 'Tune the guitar']) {
      expect(await repo(Task).countBy({ title, chatId: upgraded.id })).toBe(1);
    }
    expect(await repo(Project).countBy({ chatId: upgraded.id, name: 'gigs' })).toBe(1);
    expect(await repo(Project).countBy({ chatId: old.id })).toBe(0);
    await bot.ask(ivy, '/add Print posters @jon_life', '👤 @jon_life', upgraded);

    const { answer } = await bot.press(ivy, card, buttonData(card, 'Done'));
    expect(answer).toContain('became a supergroup');
    expect((await task('Book the hall')).status).toBe('open');
  });

  it('merges into a supergroup someone used first, when the old group’s message comes first', async () => {
    const kim = user(9_301_032, { first_name: 'Kim', language_code: 'en' });
    const lou = user(9_301_033, { first_name: 'Lou', language_code: 'en' });
    const old = groupChat(-9_301_310, 'Choir');
    const upgraded = groupChat(-1_000_009_301_310, 'Choir');
    await bot.ask(kim, '/add Learn the alto part #songs', 'Learn the alto part', old);
    await bot.ask(lou, '/add Rent the robes #songs', 'Rent the robes', upgraded);

    const { from, to } = migrate(old, upgraded, kim);
    await post(to);
    await post(from);
    await handled(to);
    await handled(from);

    expect((await bot.ask(lou, '/tasks', 'Learn the alto part', upgraded)).text).toContain('Rent the robes');
    const songs = await repo(Project).findBy({ chatId: upgraded.id, name: 'songs' });
    expect(songs).toHaveLength(1);
    expect((await task('Learn the alto part')).projectId).toBe(songs[0]?.id);
    expect((await task('Rent the robes')).projectId).toBe(songs[0]?.id);
    expect((await chatRow(old.id)).migratedToChatId).toBe(upgraded.id);
  });
});

describe('an edited message', () => {
  it('renames the task its /add or plain text made, but not a task renamed by hand since', async () => {
    const max = user(9_301_040, { first_name: 'Max', language_code: 'en' });
    const chat = privateChat(max);
    const typo = await post(textMessage({ chat, from: max, text: '/add Buy mlik' }));
    await bot.reply(max.id, 'Buy mlik');
    await post(edit(typo, '/add Buy milk !high'));
    await bot.reply(max.id, 'The task is now called “Buy milk”');
    expect(await repo(Task).countBy({ title: 'Buy milk' })).toBe(1);

    const plain = await post(textMessage({ chat, from: max, text: 'Call mun' }));
    await bot.reply(max.id, 'Call mun');
    await post(edit(plain, 'Call mum'));
    await bot.reply(max.id, 'The task is now called “Call mum”');

    const original = await post(textMessage({ chat, from: max, text: '/add Fix the bike' }));
    const card = await bot.reply(max.id, 'Fix the bike');
    const { seq } = await bot.press(max, card, buttonData(card, 'Edit'));
    const question = await bot.reply(max.id, 'Send the new title', seq);
    await bot.reply(max.id, 'Fix the red bike', await bot.answer(max, question, 'Fix the red bike'));
    const since = bot.mark();
    await handled(await post(edit(original, '/add Fix the car')));

    expect(await repo(Task).countBy({ title: 'Fix the red bike' })).toBe(1);
    expect(await repo(Task).countBy({ title: 'Fix the car' })).toBe(0);
    expect(sentTo(max.id, since)).toEqual([]);
  });
});
