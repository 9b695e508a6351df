import { Task } from '@taskbot/db/entities/Task';
import { encodeCallback } from '@taskbot/domain/callback-data';
import { groupChat, user } from '@taskbot/fake-bot-api/updates';
import { buttonData, buttonLabels, useTaskBot } from './tasks-harness';

// The done history end to end: /tasks → 🔎 Filter → ✅ Done lists the chat's done tasks, newest done
// first, paged like the open list, each with ↩️ to reopen (rights checked, /undo takes it back);
// /stats opens the same list; a repeating task's done occurrences are there like any other; forged
// button data never shows or reopens another chat's tasks.

describe('the done history, end to end', () => {
  const bot = useTaskBot('history');
  const ann = user(6_400_001, { first_name: 'Ann', language_code: 'en', username: 'ann_history' });
  const boris = user(6_400_002, { first_name: 'Борис', language_code: 'ru', username: 'boris_history' });
  const carl = user(6_400_003, { first_name: 'Carl', language_code: 'en', username: 'carl_history' });
  const team = groupChat(-6_400_100, 'History team');

  const tasks = () => bot.database().dataSource.getRepository(Task);
  const stored = (title: string) => tasks().findOneByOrFail({ title });

  beforeAll(async () => {
    // Eleven tasks, done one after another: 11 is the newest done, 1 the oldest.
    for (let n = 1; n <= 11; n++) await bot.ask(ann, `/add Chore ${n}`, `Chore ${n}`);
    await bot.ask(ann, '/add Still open', 'Still open');
    await bot.ask(ann, '/tasks', 'Open tasks (12):');
    for (let n = 1; n <= 10; n++) await bot.ask(ann, `/done ${n}`, `Chore ${n}`);
    await bot.ask(ann, '/tasks', 'Open tasks (2):');
    await bot.ask(ann, '/done 1', 'Chore 11');
  });

  it('lists done tasks newest done first, ten a page, and reopens one in place', async () => {
    const list = await bot.ask(ann, '/tasks', 'Open tasks (1):');
    const choices = await bot.pressAndSee(ann, list, list, 'Filter', 'Show which tasks?');
    const first = await bot.pressAndSee(ann, list, choices, '✅ Done', '✅ Done (11):');
    const lines = first.text.split('\n');
    expect(lines[1]).toMatch(/^1\. Chore 11 — ✅ /);
    expect(lines[10]).toMatch(/^10\. Chore 2 — ✅ /);
    expect(first.text).toContain('Page 1 of 2');
    expect(first.text).not.toContain('Still open');
    expect(buttonLabels(first)).toContain('↩️ 1. Chore 11');

    const second = await bot.pressAndSee(ann, list, first, '▶️', 'Page 2 of 2');
    expect(second.text).toMatch(/\n11\. Chore 1 — ✅ /);
    const reopened = await bot.pressAndSee(ann, list, second, '↩️ 11. Chore 1', '✅ Done (10):');
    expect(reopened.answer).toBe('↩️ Reopened');
    expect((await stored('Chore 1')).status).toBe('open');
    expect((await stored('Chore 1')).doneAt).toBeNull();
    await bot.ask(ann, '/tasks', 'Open tasks (2):');

    // The reopening was Ann's change: /undo marks it done again, back in the history.
    await bot.ask(ann, '/undo', 'Chore 1');
    expect((await stored('Chore 1')).status).toBe('done');
  });

  it('opens the done list from /stats, in Russian too', async () => {
    const stats = await bot.ask(ann, '/stats', 'Done this week: 11');
    const done = await bot.pressAndSee(ann, stats, stats, '✅ Done', '✅ Done (11):');
    expect(done.text).toContain('Chore 11');

    await bot.ask(boris, '/add Купить хлеб', 'Купить хлеб');
    const list = await bot.ask(boris, '/tasks', 'Открытые задачи (1):');
    await bot.press(boris, list, buttonData(list, 'Готово 1.'));
    const statsRu = await bot.ask(boris, '/stats', 'Сделано за неделю: 1');
    const doneRu = await bot.pressAndSee(boris, statsRu, statsRu, '✅ Выполненные', '✅ Выполненные (1):');
    expect(doneRu.text).toContain('Купить хлеб');
    const back = await bot.pressAndSee(boris, statsRu, doneRu, '↩️ 1.', 'Здесь пока ничего не выполнено.');
    expect(back.answer).toBe('↩️ Задача снова открыта');
  });

  it('shows the done occurrences of a repeating task like any other', async () => {
    await bot.ask(carl, '/add Water plants every day at 9', 'Water plants');
    const list = await bot.ask(carl, '/tasks', 'Open tasks (1):');
    await bot.press(carl, list, buttonData(list, 'Done 1.'));
    const after = await bot.ask(carl, '/tasks', 'Open tasks (1):');
    await bot.press(carl, after, buttonData(after, 'Done 1.'));
    const stats = await bot.ask(carl, '/stats', 'Done this week: 2');
    const done = await bot.pressAndSee(carl, stats, stats, '✅ Done', '✅ Done (2):');
    expect(done.text).toMatch(/1\. 🔁 Water plants — ✅ [\s\S]*2\. 🔁 Water plants — ✅ /);
  });

  it('keeps the history to the chat, whatever the button data says', async () => {
    const annTask = await stored('Chore 5');
    const stats = await bot.ask(carl, '/stats', 'Done this week');
    // Ann's task id in Carl's chat: not found, and nothing changes.
    const forged = await bot.press(
      carl,
      stats,
      encodeCallback({ action: 'listReopen', taskId: annTask.id, page: 0 }),
    );
    expect(forged.answer).toBe('That task no longer exists.');
    expect((await stored('Chore 5')).status).toBe('done');
    const own = await bot.pressAndSee(carl, stats, stats, '✅ Done', '✅ Done (2):');
    expect(own.text).not.toContain('Chore');
  });

  it('lets only the author, the assignee or an admin reopen a group task', async () => {
    const card = await bot.ask(ann, '/add Team report', 'Team report', team);
    await bot.press(ann, card, buttonData(card, '✅ Done'));
    const stats = await bot.ask(carl, '/stats', 'Done this week: 1', team);
    const done = await bot.pressAndSee(carl, stats, stats, '✅ Done', '✅ Done (1):');
    const refused = await bot.press(carl, stats, buttonData(done, '↩️ 1. Team report'));
    expect(refused.answer).toContain('Only the author');
    expect((await stored('Team report')).status).toBe('done');
    const byAuthor = await bot.press(ann, stats, buttonData(done, '↩️ 1. Team report'));
    expect(byAuthor.answer).toBe('↩️ Reopened');
    expect((await stored('Team report')).status).toBe('open');
  });
});
