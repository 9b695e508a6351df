import { Task } from '@taskbot/db/entities/Task';
import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import { callbackQuery, groupChat, privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { deleteTopology } from '../support/broker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort, type Stack, startStack, TEST_SECRET, uniquePrefix } from '../support/stack';

// The task manager through gateway, RabbitMQ and both workers: cards and their buttons, lists with
// paging, /done and /undo, groups and who may change what, in English and Russian.

interface Sent {
  message_id: number;
  chat: { id: number; type: string };
  text: string;
  date: number;
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
}

describe('the task manager, end to end', () => {
  const fake = new FakeBotApi();
  const prefix = uniquePrefix('tasks');
  let database: TestDatabase;
  let stack: Stack;
  const ann = user(6_100_001, { first_name: 'Ann', language_code: 'en', username: 'ann' });
  const boris = user(6_100_002, { first_name: 'Борис', language_code: 'ru', username: 'boris' });
  const carl = user(6_100_003, { first_name: 'Carl', language_code: 'en', username: 'carl' });
  const group = groupChat(-6_100_100, 'Team');

  const mark = () => fake.calls.at(-1)?.seq ?? 0;

  const post = async (update: unknown) => {
    const response = await fetch(`${stack.gatewayUrl}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
  };

  const say = async (
    from: typeof ann,
    text: string,
    chat = privateChat(from),
    extra: Record<string, unknown> = {},
  ) => {
    const update = textMessage({ chat, from, text });
    Object.assign(update.message as object, extra);
    const seq = mark();
    await post(update);
    return seq;
  };

  const reply = async (chatId: number, fragment: string, since = 0): Promise<Sent> => {
    const call = await fake.waitForCall(
      'sendMessage',
      (c) => c.seq > since && c.payload.chat_id === chatId && String(c.payload.text).includes(fragment),
    );
    return (call.response as { result: Sent }).result;
  };

  const press = async (from: typeof ann, message: Sent, data: string) => {
    const update = callbackQuery({ from, message: message as never, data });
    const seq = mark();
    await post(update);
    const answer = await fake.waitForCall(
      'answerCallbackQuery',
      (c) => c.payload.callback_query_id === update.callback_query?.id,
    );
    const edit = fake
      .callsSince(seq, 'editMessageText')
      .find((c) => c.payload.message_id === message.message_id);
    return { answer: String(answer.payload.text ?? ''), edit };
  };

  const edited = async (message: Sent, fragment: string, since: number) =>
    (
      await fake.waitForCall(
        'editMessageText',
        (c) =>
          c.seq > since &&
          c.payload.message_id === message.message_id &&
          String(c.payload.text).includes(fragment),
      )
    ).payload as { text: string; reply_markup?: Sent['reply_markup'] };

  const buttonData = (message: { reply_markup?: Sent['reply_markup'] }, label: string) => {
    const found = message.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes(label));
    if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(message.reply_markup)}`);
    return found.callback_data;
  };

  beforeAll(async () => {
    const apiRoot = await fake.start();
    database = await createTestDatabase();
    stack = await startStack({
      databaseUrl: database.url,
      apiRoot,
      queuePrefix: prefix,
      port: await freePort(),
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await fake.stop();
    await database?.drop();
    await deleteTopology(prefix);
  });

  it('registers the command menu in English and Russian at start', () => {
    const calls = fake.callsOf('setMyCommands');
    expect(calls.some((c) => c.payload.language_code === 'ru')).toBe(true);
    expect(calls.some((c) => c.payload.language_code === undefined)).toBe(true);
  });

  it('greets and explains in the person’s language', async () => {
    let seq = await say(ann, '/help');
    expect((await reply(ann.id, 'Adding', seq)).text).toContain('#project');
    seq = await say(boris, '/start');
    await reply(boris.id, 'Привет, Борис!', seq);
  });

  it('adds a task with /add and answers with its card and buttons', async () => {
    const seq = await say(ann, '/add Buy <milk> !high');
    const card = await reply(ann.id, 'Buy &lt;milk&gt;', seq);
    expect(card.text).toContain('❗ high');
    const labels = card.reply_markup?.inline_keyboard.flat().map((b) => b.text);
    expect(labels).toEqual([
      '✅ Done',
      '❗ Priority',
      '📁 Project',
      '📅 Due',
      '⏰ Remind',
      '✏️ Edit',
      '🗑 Delete',
    ]);
  });

  it('changes priority, due date and done state from the card, editing it in place', async () => {
    let seq = await say(ann, '/add Water plants');
    const card = await reply(ann.id, 'Water plants', seq);

    seq = mark();
    await press(ann, card, buttonData(card, 'Priority'));
    const menu = await edited(card, 'Water plants', seq);
    seq = mark();
    await press(ann, card, buttonData(menu, 'urgent'));
    expect((await edited(card, '❗ urgent', seq)).text).toContain('🔴');

    seq = mark();
    await press(ann, card, buttonData(card, 'Due'));
    const dueMenu = await edited(card, 'Water plants', seq);
    seq = mark();
    await press(ann, card, buttonData(dueMenu, 'Tomorrow'));
    expect((await edited(card, '📅', seq)).text).toMatch(/📅 \w{3} \d+ \w{3} 23:59/);
    const stored = await database.dataSource.getRepository(Task).findOneByOrFail({ title: 'Water plants' });
    expect(stored.dueAt).toBeInstanceOf(Date);
    expect(stored.remindAt?.getTime()).toBe((stored.dueAt?.getTime() ?? 0) - 15 * 60_000);

    seq = mark();
    const done = await press(ann, card, buttonData(card, 'Done'));
    expect(done.answer).toContain('Done');
    const doneCard = await edited(card, '✅ Done', seq);
    expect(buttonData(doneCard, 'Reopen')).toMatch(/^c:\d+:u$/);
  });

  it('deletes only after confirmation', async () => {
    let seq = await say(ann, '/add Temporary');
    const card = await reply(ann.id, 'Temporary', seq);
    seq = mark();
    await press(ann, card, buttonData(card, 'Delete'));
    const confirm = await edited(card, 'Delete this task for good?', seq);
    seq = mark();
    await press(ann, card, buttonData(confirm, 'Yes, delete'));
    await edited(card, 'Deleted', seq);
    expect(await database.dataSource.getRepository(Task).countBy({ title: 'Temporary' })).toBe(0);
  });

  it('lists ten tasks a page, pages by editing the same message, and /done takes the shown number', async () => {
    for (let i = 1; i <= 12; i += 1) {
      const seq = await say(boris, `/add Задача ${String(i).padStart(2, '0')}`);
      await reply(boris.id, `Задача ${String(i).padStart(2, '0')}`, seq);
    }
    let seq = await say(boris, '/tasks');
    const list = await reply(boris.id, 'Открытые задачи (12)', seq);
    expect(list.text).toContain('Страница 1 из 2');
    seq = mark();
    await press(boris, list, buttonData(list, 'Дальше'));
    const second = await edited(list, 'Страница 2 из 2', seq);
    expect(second.text).toContain('11. Задача 11');

    seq = await say(boris, '/done 12');
    await reply(boris.id, 'Готово: <b>Задача 12</b>', seq);
    seq = await say(boris, '/undo');
    await reply(boris.id, 'Отменено: изменение «Задача 12»', seq);
    expect(
      (await database.dataSource.getRepository(Task).findOneByOrFail({ title: 'Задача 12' })).status,
    ).toBe('open');
    seq = await say(boris, '/done 40');
    await reply(boris.id, 'нет задачи 40', seq);
  });

  it('refuses forged and foreign button data without changing anything', async () => {
    let seq = await say(ann, '/add Mine only');
    const card = await reply(ann.id, 'Mine only', seq);
    const forged = await press(ann, card, 'c:999999:d');
    expect(forged.answer).toContain('no longer exists');
    const garbage = await press(ann, card, 'c:1:zz');
    expect(garbage.answer).toContain('no longer works');
    seq = mark();
    expect(fake.callsSince(seq, 'editMessageText')).toHaveLength(0);
  });

  it('in a group lets the author, the assignee and admins change a task, and refuses others', async () => {
    let seq = await say(carl, '/start', group);
    await reply(group.id, 'Carl', seq);
    seq = await say(ann, '/add Book the room @carl', group);
    const card = await reply(group.id, 'Book the room', seq);
    expect(card.text).toContain('👤 @carl');

    const refused = await press(boris, card, buttonData(card, 'Done'));
    expect(refused.answer).toContain('Менять эту задачу могут только');
    expect(
      (await database.dataSource.getRepository(Task).findOneByOrFail({ title: 'Book the room' })).status,
    ).toBe('open');

    fake.setChatMemberStatus(group.id, 6_100_004, 'administrator');
    const admin = user(6_100_004, { first_name: 'Dana', language_code: 'en' });
    seq = mark();
    await press(admin, card, buttonData(card, 'Done'));
    await edited(card, '✅ Done', seq);
  });

  it('stores settings typed as text and refuses a time zone it does not know', async () => {
    let seq = await say(ann, '/settings tz Europe/Moscow');
    await reply(ann.id, 'Time zone: Europe/Moscow', seq);
    seq = await say(ann, '/settings tz Mars/Olympus');
    await reply(ann.id, 'not a time zone I know', seq);
    const [row] = await database.dataSource.query(`SELECT time_zone FROM users WHERE id = ${ann.id}`);
    expect(row.time_zone).toBe('Europe/Moscow');
  });

  it('answers an unknown command and an empty /add with a hint', async () => {
    let seq = await say(ann, '/frobnicate');
    await reply(ann.id, 'don’t know that command', seq);
    seq = await say(boris, '/add');
    await reply(boris.id, 'Напишите, что сделать', seq);
  });
});
