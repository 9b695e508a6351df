import { Task } from '@taskbot/db/entities/Task';
import { groupChat, privateChat, user } from '@taskbot/fake-bot-api/updates';
import { buttonData, buttonLabels, useTaskBot } from './tasks-harness';

// The task manager through gateway, RabbitMQ and both workers: cards and their buttons, editing by
// ForceReply, lists with paging, /done and /undo, groups and who may change what, mistakes, in
// English and Russian.

describe('the task manager, end to end', () => {
  const bot = useTaskBot('tasks');
  const { fake } = bot;
  const ann = user(6_100_001, { first_name: 'Ann', language_code: 'en', username: 'ann' });
  const boris = user(6_100_002, { first_name: 'Борис', language_code: 'ru', username: 'boris' });
  const carl = user(6_100_003, { first_name: 'Carl', language_code: 'en', username: 'carl' });
  const group = groupChat(-6_100_100, 'Team');
  const tasks = () => bot.database().dataSource.getRepository(Task);
  const stored = (title: string) => tasks().findOneByOrFail({ title });

  it('registers the command menu in English and Russian at start', () => {
    const calls = fake.callsOf('setMyCommands');
    expect(calls.some((c) => c.payload.language_code === 'ru')).toBe(true);
    expect(calls.some((c) => c.payload.language_code === undefined)).toBe(true);
  });

  it('greets and explains in the person’s language', async () => {
    expect((await bot.ask(ann, '/help', 'Adding')).text).toContain('#project');
    await bot.ask(boris, '/start', 'Привет, Борис!');
    expect((await bot.ask(boris, '/help', 'Добавить')).text).toContain('#проект');
  });

  it('adds a task with /add and answers with its card and buttons', async () => {
    const card = await bot.ask(ann, '/add Buy <milk> !high', 'Buy &lt;milk&gt;');
    expect(card.text).toContain('❗ high');
    expect(buttonLabels(card)).toEqual([
      '✅ Done',
      '❗ Priority',
      '📁 Project',
      '📅 Due',
      '⏰ Remind',
      '✏️ Edit',
      '🔁 Repeat',
      '🗑 Delete',
    ]);
  });

  it('adds plain text in a private chat, in Russian, with the buttons in Russian', async () => {
    const card = await bot.ask(boris, 'Полить цветы завтра #дом !срочно', 'Полить цветы');
    expect(card.text).toContain('❗ срочно');
    expect(card.text).toContain('📁 дом');
    expect(card.text).toMatch(/📅 .*23:59/);
    expect(buttonLabels(card)).toEqual([
      '✅ Готово',
      '❗ Приоритет',
      '📁 Проект',
      '📅 Срок',
      '⏰ Напомнить',
      '✏️ Изменить',
      '🔁 Повтор',
      '🗑 Удалить',
    ]);
  });

  it('changes priority, due date and done state from the card, editing it in place', async () => {
    const card = await bot.ask(ann, '/add Water plants', 'Water plants');
    const menu = await bot.pressAndSee(ann, card, card, 'Priority', 'Water plants');
    expect((await bot.pressAndSee(ann, card, menu, 'urgent', '❗ urgent')).text).toContain('🔴');

    const dueMenu = await bot.pressAndSee(ann, card, card, 'Due', 'Water plants');
    expect(buttonLabels(dueMenu)).toEqual([
      '📅 Today',
      '📅 Tomorrow',
      '📅 Next week',
      '🚫 No date',
      '⬅️ Back',
    ]);
    expect((await bot.pressAndSee(ann, card, dueMenu, 'Tomorrow', '📅')).text).toMatch(
      /📅 \w{3} \d+ \w{3} 23:59/,
    );
    const row = await stored('Water plants');
    expect(row.dueAt).toBeInstanceOf(Date);
    expect(row.remindAt?.getTime()).toBe((row.dueAt?.getTime() ?? 0) - 15 * 60_000);
    const noDate = await bot.pressAndSee(ann, card, card, 'Due', 'Water plants');
    await bot.pressAndSee(ann, card, noDate, 'No date', 'Water plants');
    expect(await stored('Water plants')).toMatchObject({ dueAt: null, remindAt: null });

    const done = await bot.pressAndSee(ann, card, card, 'Done', '✅ Done');
    expect(done.answer).toContain('Done');
    expect(buttonData(done, 'Reopen')).toMatch(/^c:\d+:u$/);
    const reopened = await bot.pressAndSee(ann, card, done, 'Reopen', 'Water plants');
    expect(reopened.answer).toContain('Reopened');
    expect((await stored('Water plants')).status).toBe('open');
  });

  it('renames a task through ✏️ Edit and a reply to the bot’s question', async () => {
    const card = await bot.ask(boris, '/add Старое название', 'Старое название');
    const { seq } = await bot.press(boris, card, buttonData(card, 'Изменить'));
    const question = await bot.reply(boris.id, 'Пришлите новое название', seq);
    const answered = await bot.answer(boris, question, 'Новое название');
    const renamed = await bot.reply(boris.id, 'Новое название', answered);
    expect(renamed.text).toMatch(/^#\d+ Новое название\n/);
    expect(renamed).toMatchObject({
      entities: [{ type: 'bold', offset: renamed.text.indexOf('Н'), length: 14 }],
    });
    expect(await tasks().countBy({ title: 'Старое название' })).toBe(0);

    const again = await bot.press(boris, card, buttonData(card, 'Изменить'));
    const second = await bot.reply(boris.id, 'Пришлите новое название', again.seq);
    const empty = await bot.answer(boris, second, '   ');
    await bot.reply(boris.id, 'Напишите, что сделать', empty);
    expect(await tasks().countBy({ title: 'Новое название' })).toBe(1);
  });

  it('deletes only after confirmation, and /undo right after the delete brings the task back', async () => {
    const card = await bot.ask(ann, '/add Temporary', 'Temporary');
    const confirm = await bot.pressAndSee(ann, card, card, 'Delete', 'Delete this task for good?');
    expect(await tasks().countBy({ title: 'Temporary' })).toBe(1);
    const deleted = await bot.pressAndSee(ann, card, confirm, 'Yes, delete', 'Deleted');
    expect(deleted.answer).toContain('Deleted');
    expect(await tasks().countBy({ title: 'Temporary' })).toBe(0);

    await bot.ask(ann, '/undo', 'Undone: deleting “Temporary”');
    const back = await stored('Temporary');
    // The old card's buttons keep working: the task is back under its id.
    expect(buttonData(card, 'Done')).toBe(`c:${back.id}:d`);
    await bot.pressAndSee(ann, card, card, 'Done', '✅ Done');
  });

  it('a retried /undo (its reply failed) repeats what it undid instead of undoing more', async () => {
    await bot.ask(boris, '/add Первая', 'Первая');
    const card = await bot.ask(boris, '/add Вторая', 'Вторая');
    const confirm = await bot.pressAndSee(boris, card, card, 'Удалить', 'насовсем');
    await bot.pressAndSee(boris, card, confirm, 'Да, удалить', 'Удалена');

    fake.failNext('sendMessage', { code: 500 });
    const seq = await bot.say(boris, '/undo');
    // The first reply fails, the job runs again and replies the same.
    await fake.waitForCalls(
      'sendMessage',
      2,
      (c) => c.seq > seq && String(c.payload.text).includes('Отменено: удаление «Вторая»'),
    );
    expect(await tasks().countBy({ title: 'Вторая' })).toBe(1);
    expect(await tasks().countBy({ title: 'Первая' })).toBe(1);
    // The next /undo takes the add before.
    await bot.ask(boris, '/undo', 'Отменено: добавление «Вторая»');
    await bot.ask(boris, '/undo', 'Отменено: добавление «Первая»');
    expect(await tasks().countBy({ title: 'Первая' })).toBe(0);
  });

  it('lists ten tasks a page, pages by editing the same message, and /done takes the shown number', async () => {
    const russian = user(6_100_005, { first_name: 'Вера', language_code: 'ru' });
    for (let i = 1; i <= 12; i += 1) {
      await bot.ask(
        russian,
        `/add Задача ${String(i).padStart(2, '0')}`,
        `Задача ${String(i).padStart(2, '0')}`,
      );
    }
    const list = await bot.ask(russian, '/tasks', 'Открытые задачи (12)');
    expect(list.text).toContain('Страница 1 из 2');
    const second = await bot.pressAndSee(russian, list, list, 'Дальше', 'Страница 2 из 2');
    expect(second.text).toContain('11. Задача 11');

    // Numbers are those of the page last shown: 12 is on page 2.
    await bot.ask(russian, '/done 12', 'Готово: <b>Задача 12</b>');
    await bot.pressAndSee(russian, list, second, 'Назад', 'Страница 1 из 2');
    await bot.ask(russian, '/undo', 'Отменено: изменение «Задача 12»');
    expect((await stored('Задача 12')).status).toBe('open');
    await bot.ask(russian, '/done 40', 'нет задачи 40');
    await bot.ask(russian, '/done x', 'номер из последнего списка');
  });

  it('refuses forged and foreign button data without changing anything', async () => {
    const card = await bot.ask(ann, '/add Mine only', 'Mine only');
    const before = bot.mark();
    expect((await bot.press(ann, card, 'c:999999:d')).answer).toContain('no longer exists');
    expect((await bot.press(ann, card, 'c:1:zz')).answer).toContain('no longer works');
    expect((await bot.press(ann, card, 'nonsense')).answer).toContain('no longer works');
    expect((await bot.press(ann, card, `c:${(await stored('Mine only')).id}:p9`)).answer).toContain(
      'no longer works',
    );
    // A task of another chat, pressed here: not found in this chat.
    const borisTask = await stored('Полить цветы');
    expect((await bot.press(ann, card, `c:${borisTask.id}:d`)).answer).toContain('no longer exists');
    expect(fake.callsSince(before, 'editMessageText')).toHaveLength(0);
    expect((await stored('Полить цветы')).status).toBe('open');
  });

  it('in a group lets the author, the assignee and admins change a task, and refuses others', async () => {
    await bot.ask(carl, '/start', 'Carl', group);
    const card = await bot.ask(ann, '/add Book the room @carl', 'Book the room', group);
    expect(card.text).toContain('👤 @carl');

    const refused = await bot.press(boris, card, buttonData(card, 'Done'));
    expect(refused.answer).toContain('Менять эту задачу могут только');
    const russianMenu = await bot.press(boris, card, buttonData(card, 'Delete'));
    expect(russianMenu.answer).toContain('Менять эту задачу могут только');
    expect(await tasks().countBy({ title: 'Book the room' })).toBe(1);
    expect((await stored('Book the room')).status).toBe('open');

    const byAssignee = await bot.pressAndSee(carl, card, card, 'Priority', 'Book the room');
    await bot.pressAndSee(carl, card, byAssignee, 'high', '❗ high');

    fake.setChatMemberStatus(group.id, 6_100_004, 'administrator');
    const admin = user(6_100_004, { first_name: 'Dana', language_code: 'en' });
    await bot.pressAndSee(admin, card, card, 'Done', '✅ Done');
  });

  it('in a group a reply to a member’s message with /add assigns the task to them', async () => {
    const member = user(6_100_006, { first_name: 'Eve', language_code: 'en' });
    const seq = await bot.say(ann, '/add Print the slides', group, {
      reply_to_message: { message_id: 1, chat: group, date: 1, from: member, text: 'I can do it' },
    });
    expect((await bot.reply(group.id, 'Print the slides', seq)).text).toContain('👤 Eve');
    expect((await stored('Print the slides')).assigneeId).toBe(member.id);
  });

  it('reminds by the assignee’s lead time, not by the lead time of whoever changes the due date', async () => {
    await bot.ask(carl, '/settings lead 60', 'Remind before due: 60 min', privateChat(carl));
    fake.setChatMemberStatus(group.id, 6_100_007, 'administrator');
    const admin = user(6_100_007, { first_name: 'Fay', language_code: 'en' });
    await bot.ask(admin, '/settings lead 5', 'Remind before due: 5 min', privateChat(admin));

    const card = await bot.ask(ann, '/add Prepare the demo @carl', 'Prepare the demo', group);
    const menu = await bot.pressAndSee(admin, card, card, 'Due', 'Prepare the demo');
    await bot.pressAndSee(admin, card, menu, 'Tomorrow', '📅');
    const row = await stored('Prepare the demo');
    expect((row.dueAt?.getTime() ?? 0) - (row.remindAt?.getTime() ?? 0)).toBe(60 * 60_000);

    // Without an assignee, the author's: Ann has none of her own, so the default 15 minutes.
    const own = await bot.ask(ann, '/add Unassigned demo', 'Unassigned demo', group);
    const ownMenu = await bot.pressAndSee(admin, own, own, 'Due', 'Unassigned demo');
    await bot.pressAndSee(admin, own, ownMenu, 'Today', '📅');
    const unassigned = await stored('Unassigned demo');
    expect((unassigned.dueAt?.getTime() ?? 0) - (unassigned.remindAt?.getTime() ?? 0)).toBe(15 * 60_000);
  });

  it('stores settings typed as text and refuses a time zone it does not know', async () => {
    await bot.ask(ann, '/settings tz Europe/Moscow', 'Time zone: Europe/Moscow');
    await bot.ask(ann, '/settings tz Mars/Olympus', 'not a time zone I know');
    const [row] = await bot.database().dataSource.query(`SELECT time_zone FROM users WHERE id = ${ann.id}`);
    expect(row.time_zone).toBe('Europe/Moscow');
  });

  it('answers every mistake with a short hint in the person’s language and writes nothing', async () => {
    const before = await tasks().count();
    await bot.ask(ann, '/frobnicate', 'don’t know that command');
    await bot.ask(boris, '/frobnicate', 'не знаю такой команды');
    await bot.ask(boris, '/add', 'Напишите, что сделать');
    await bot.ask(ann, '/add !high #work', 'Please write what to do');
    await bot.ask(ann, '/add Party 31.02', 'could not read the date “31.02”');
    await bot.ask(boris, '/add Встреча 25:61', 'Не получилось понять дату «25:61»');
    await bot.ask(ann, `/add ${'long '.repeat(900)}`, 'That title is too long');
    await bot.ask(boris, `/add ${'длинно '.repeat(700)}`, 'Слишком длинное название');
    await bot.ask(ann, '/add Call @nobody_here', 'don’t know @nobody_here', group);
    expect(await tasks().count()).toBe(before);
  });
});
