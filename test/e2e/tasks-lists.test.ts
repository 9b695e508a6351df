import { groupChat, privateChat, user } from '@taskbot/fake-bot-api/updates';
import { buttonData, useTaskBot } from './tasks-harness';

// Lists end to end, in English and Russian: /today, /overdue, the filter buttons of /tasks (which
// edit the same message), /search, /stats and /my.

describe('lists, searches and statistics, end to end', () => {
  const bot = useTaskBot('lists');
  const ann = user(6_300_001, { first_name: 'Ann', language_code: 'en', username: 'ann_lists' });
  const boris = user(6_300_002, { first_name: 'Борис', language_code: 'ru', username: 'boris_lists' });
  const group = groupChat(-6_300_100, 'Lists team');

  beforeAll(async () => {
    await bot.ask(ann, '/add Pay bills today !urgent', 'Pay bills');
    await bot.ask(ann, '/add Old report 01.01.2020', 'Old report');
    await bot.ask(ann, '/add Report draft 25.12.2099 #work', 'Report draft');
    await bot.ask(ann, '/add Call 100% of clients !low', 'Call 100%');
  });

  it('/today and /overdue list what is due today and what is late', async () => {
    const today = await bot.ask(ann, '/today', '📅 Due today (1):');
    expect(today.text).toContain('Pay bills');
    const overdue = await bot.ask(ann, '/overdue', '⚠️ Overdue (1):');
    expect(overdue.text).toContain('⚠️');
    expect(overdue.text).toContain('Old report');
    await bot.ask(boris, '/today', 'Здесь пусто');
  });

  it('filters /tasks by buttons, editing the same message', async () => {
    const list = await bot.ask(ann, '/tasks', '📋 Open tasks (4):');
    expect(list.text).toMatch(/1\. 🔴 Pay bills[\s\S]*4\. ⚪ Call 100%/);
    const choices = await bot.pressAndSee(ann, list, list, 'Filter', 'Show which tasks?');
    const urgent = await bot.pressAndSee(ann, list, choices, 'urgent', '❗ Priority urgent (1):');
    expect(urgent.text).toContain('Pay bills');
    const again = await bot.pressAndSee(ann, list, urgent, 'Filter', 'Show which tasks?');
    const late = await bot.pressAndSee(ann, list, again, 'Overdue', '⚠️ Overdue (1):');
    const byProject = await bot.pressAndSee(
      ann,
      list,
      await bot.pressAndSee(ann, list, late, 'Filter', 'Show which tasks?'),
      '📁 work',
      '📁 work (1):',
    );
    expect(byProject.text).toContain('Report draft');
    const today = await bot.pressAndSee(
      ann,
      list,
      await bot.pressAndSee(ann, list, byProject, 'Filter', 'Show which tasks?'),
      'Today',
      '📅 Due today (1):',
    );
    const all = await bot.pressAndSee(
      ann,
      list,
      await bot.pressAndSee(ann, list, today, 'Filter', 'Show which tasks?'),
      'All',
      'Open tasks (4):',
    );
    const highOnly = await bot.pressAndSee(
      ann,
      list,
      await bot.pressAndSee(ann, list, all, 'Filter', 'Show which tasks?'),
      'high',
      'Nothing here',
    );
    expect(highOnly.text).toContain('/tasks');
  });

  it('filters in Russian too', async () => {
    await bot.ask(boris, '/add Купить хлеб сегодня', 'Купить хлеб');
    const list = await bot.ask(boris, '/tasks', '📋 Открытые задачи (1):');
    const choices = await bot.pressAndSee(boris, list, list, 'Фильтр', 'Какие задачи показать?');
    const overdue = await bot.pressAndSee(boris, list, choices, 'Просрочены', 'Здесь пусто');
    const back = await bot.pressAndSee(boris, list, overdue, 'Фильтр', 'Какие задачи показать?');
    const today = await bot.pressAndSee(boris, list, back, 'Сегодня', '📅 На сегодня (1):');
    const done = await bot.press(boris, list, buttonData(today, 'Готово 1.'));
    expect(done.answer).toContain('Готово: Купить хлеб');
    await bot.edited(list, 'Здесь пусто', done.seq);
  });

  it('/search finds titles by words, reads % literally, and explains an empty search', async () => {
    const found = await bot.ask(ann, '/search report', '🔎 Found 2:');
    expect(found.text).toContain('Old report');
    expect(found.text).toContain('Report draft');
    const card = await bot.pressAndSee(ann, found, found, '1.', '<b>');
    expect(card.text).toMatch(/Report draft|Old report/);
    expect((await bot.ask(ann, '/search 100%', '🔎 Found 1:')).text).toContain('Call 100%');
    await bot.ask(ann, '/search zebra', '🔎 Nothing found for “zebra”');
    await bot.ask(ann, '/search', 'Send /search and some words');
    await bot.ask(boris, '/search', 'Отправьте /search и слова');
    await bot.ask(boris, '/search хлеб', '🔎 Найдено: 1');
    await bot.ask(boris, '/search зебра', 'ничего нет');
  });

  it('/stats counts open, done this week and overdue', async () => {
    await bot.ask(ann, '/tasks', 'Open tasks (4)');
    await bot.ask(ann, '/done 1', 'Done: <b>Pay bills</b>');
    const stats = await bot.ask(ann, '/stats', '📊 Open: 3');
    expect(stats.text).toContain('✅ Done this week: 1');
    expect(stats.text).toContain('⚠️ Overdue: 1');
    const russian = await bot.ask(boris, '/stats', '📊 Открыто: 0');
    expect(russian.text).toContain('✅ Сделано за неделю: 1');
  });

  it('/my lists what is assigned to me in every chat', async () => {
    await bot.ask(boris, '/start', 'Привет', group);
    await bot.ask(ann, '/add Review the budget @boris_lists', 'Review the budget', group);
    await bot.ask(ann, '/add Check the slides @boris_lists !high', 'Check the slides', group);
    const mine = await bot.ask(boris, '/my', '👤 Назначены вам (2):', privateChat(boris));
    expect(mine.text).toMatch(/1\. 🟠 Check the slides[\s\S]*2\. Review the budget/);
    await bot.ask(ann, '/my', 'No open tasks are assigned to you.');
  });

  it('/my typed in a group answers in private, so the group sees no one else’s chats', async () => {
    const other = groupChat(-6_300_200, 'Salary team');
    await bot.ask(boris, '/start', 'Привет', other);
    await bot.ask(ann, '/add Salary review @boris_lists', 'Salary review', other);
    const since = bot.mark();
    await bot.say(boris, '/my', group);
    const privately = await bot.reply(boris.id, 'Назначены вам', since);
    expect(privately.text).toContain('Salary review');
    expect(privately.text).toContain('Review the budget');
    const inGroup = await bot.reply(group.id, 'в личные сообщения', since);
    expect(inGroup.text).not.toContain('Salary review');
  });

  it('/my in a group, from someone the bot may not write to, lists only that group’s tasks', async () => {
    bot.fake.blockChat(boris.id);
    try {
      const since = bot.mark();
      await bot.say(boris, '/my', group);
      const inGroup = await bot.reply(group.id, 'только ваши задачи этой группы', since);
      expect(inGroup.text).toContain('Review the budget');
      expect(inGroup.text).not.toContain('Salary review');
    } finally {
      bot.fake.unblockChat(boris.id);
    }
  });
});
