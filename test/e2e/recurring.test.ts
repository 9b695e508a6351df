import { Task } from '@taskbot/db/entities/Task';
import { groupChat, privateChat, user } from '@taskbot/fake-bot-api/updates';
import { waitFor } from '../support/amqp';
import { buttonData, buttonLabels, type Person, type Sent, useTaskBot } from './tasks-harness';

// Repeating tasks through gateway, RabbitMQ and both workers, on the database of the run: quick-add
// in English and Russian, the 🔁 button (presets, a typed phrase, clearing, a forged press),
// completion making exactly one next occurrence when two presses race, /undo of that, deleting one
// or the whole series, and the reminder of the next occurrence. The scheduler looks every 100 ms
// with no lead time, so a reminder moved a moment ahead rings at once.

describe('repeating tasks, end to end', () => {
  const bot = useTaskBot('recurring', { SCHEDULER_INTERVAL_MS: '100', DEFAULT_REMINDER_LEAD_MINUTES: '0' });
  const { fake } = bot;
  const ann = user(6_300_001, { first_name: 'Ann', language_code: 'en', username: 'ann_r' });
  const boris = user(6_300_002, { first_name: 'Борис', language_code: 'ru', username: 'boris_r' });
  const carl = user(6_300_003, { first_name: 'Carl', language_code: 'en', username: 'carl_r' });
  const group = groupChat(-6_300_100, 'Household');
  const tasks = () => bot.database().dataSource.getRepository(Task);
  /** The first task of that title (not an occurrence made by completing one). */
  const stored = async (title: string) => {
    const first = (await tasks().findBy({ title })).find((task) => task.nextOfTaskId === null);
    if (!first) throw new Error(`no task "${title}"`);
    return first;
  };
  const followersOf = (taskId: number) => tasks().findBy({ nextOfTaskId: taskId });

  /** Chooses the person's zone, so that no first-contact question comes between the replies. */
  const inZone = async (person: Person, zone: string) => {
    const seq = await bot.say(person, `/settings tz ${zone}`);
    await bot.reply(privateChat(person).id, '', seq);
  };

  /** Adds a task whose card the reply is; `fragment` is looked for in the card. */
  const add = (person: Person, text: string, fragment: string) => bot.ask(person, `/add ${text}`, fragment);

  beforeAll(async () => {
    await inZone(ann, 'Europe/Moscow');
    await inZone(boris, 'Europe/Moscow');
  });

  it('reads a repetition in English from quick-add and shows it on the card', async () => {
    const card = await add(ann, 'Call mom every Monday 10:00', 'Call mom');
    expect(card.text).toContain('🔁 every Monday at 10:00');
    expect(card.text).toMatch(/📅 Mon \d+ \w{3} 10:00/);
    const row = await stored('Call mom');
    expect(row.recurrence).toBe('FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0');
  });

  it('reads a repetition in Russian and describes it in Russian', async () => {
    const card = await add(boris, 'Полить цветы каждый день в 9', 'Полить цветы');
    expect(card.text).toContain('🔁 каждый день в 9:00');
    expect(buttonLabels(card)).toContain('🔁 Повтор');
    expect((await stored('Полить цветы')).recurrence).toBe('FREQ=DAILY;BYHOUR=9;BYMINUTE=0');
  });

  it('sets, changes by a typed phrase and clears the repetition with the 🔁 button, in place', async () => {
    const card = await add(ann, 'Pay rent', 'Pay rent');
    const menu = await bot.pressAndSee(ann, card, card, '🔁 Repeat', 'Pay rent');
    const monthly = await bot.pressAndSee(ann, card, menu, 'Every month', '🔁 every month');
    expect((await stored('Pay rent')).recurrence).toMatch(/^FREQ=MONTHLY;BYMONTHDAY=\d+$/);
    expect(monthly.text).toMatch(/📅 /);

    const again = await bot.pressAndSee(ann, card, monthly, '🔁 Repeat', 'Pay rent');
    const { seq } = await bot.press(ann, card, buttonData(again, 'Other'));
    const question = await bot.reply(privateChat(ann).id, 'How should', seq);
    const typed = await bot.answer(ann, question, 'every 2 weeks');
    expect((await bot.reply(privateChat(ann).id, '🔁 every 2 weeks', typed)).text).toContain('Pay rent');
    expect((await stored('Pay rent')).recurrence).toBe('FREQ=WEEKLY;INTERVAL=2');

    const { seq: asked } = await bot.press(ann, card, buttonData(again, 'Other'));
    const second = await bot.reply(privateChat(ann).id, 'How should', asked);
    const nonsense = await bot.answer(ann, second, 'whenever I feel like it');
    await bot.reply(privateChat(ann).id, 'could not read a repetition', nonsense);

    const menuAgain = await bot.pressAndSee(ann, card, card, '🔁 Repeat', 'Pay rent');
    const cleared = await bot.pressAndSee(ann, card, menuAgain, 'No repeat', 'Pay rent');
    expect(cleared.text).not.toContain('🔁 every');
    expect((await stored('Pay rent')).recurrence).toBeNull();
  });

  it('refuses the 🔁 button, forged or not, to someone who may not change the task', async () => {
    await bot.ask(carl, '/start', 'Carl', group);
    const card = await bot.ask(ann, '/add Take out the trash', 'Take out the trash', group);
    const forged = buttonData(card, 'Repeat').replace(/:r$/, ':rd');
    expect(forged).toMatch(/^c:\d+:rd$/);
    expect((await bot.press(carl, card, forged)).answer).toContain('Only the author');
    expect((await bot.press(carl, card, buttonData(card, 'Repeat'))).answer).toContain('Only the author');
    expect((await stored('Take out the trash')).recurrence).toBeNull();
  });

  it('makes exactly one next occurrence when ✅ is pressed twice at once, and /undo takes both back', async () => {
    const card = await add(ann, 'Stretch every day at 8', 'Stretch');
    const first = await stored('Stretch');
    const done = buttonData(card, 'Done');
    const answers = await Promise.all([bot.press(ann, card, done), bot.press(ann, card, done)]);
    expect(answers.some(({ answer }) => answer.includes('🔁 Next:'))).toBe(true);
    const next = await followersOf(first.id);
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({
      title: 'Stretch',
      status: 'open',
      recurrence: first.recurrence,
      seriesId: first.id,
      dueAt: new Date((first.dueAt?.getTime() ?? 0) + 86_400_000),
    });
    expect((await tasks().findOneByOrFail({ id: first.id })).status).toBe('done');

    await bot.ask(ann, '/undo', 'Undone: the change to “Stretch”');
    expect((await tasks().findOneByOrFail({ id: first.id })).status).toBe('open');
    expect(await followersOf(first.id)).toHaveLength(0);
  });

  it('/undo of a completion refuses once the next occurrence was changed', async () => {
    const card = await add(ann, 'Read a chapter every day at 21', 'Read a chapter');
    const first = await stored('Read a chapter');
    await bot.press(ann, card, buttonData(card, 'Done'));
    const [next] = await followersOf(first.id);
    if (!next) throw new Error('no next occurrence');
    await tasks().update({ id: next.id }, { priorityId: 4 });
    await bot.ask(ann, '/undo', 'Not undone: the task has changed since');
    expect((await tasks().findOneByOrFail({ id: first.id })).status).toBe('done');
  });

  it('/done N of a repeating task says when it is next due', async () => {
    await add(boris, 'Зарядка по будням в 7', 'Зарядка');
    await bot.ask(boris, '/tasks repeating', '🔁 Повторяющиеся');
    const listed = await bot.ask(boris, '/tasks повтор', '🔁 Зарядка');
    const line = listed.text.split('\n').find((text) => text.includes('Зарядка')) ?? '';
    const number = /^(\d+)\./.exec(line)?.[1];
    const reply = await bot.ask(boris, `/done ${number}`, 'Готово');
    expect(reply.text).toMatch(/🔁 Следующая: /);
    expect(await followersOf((await stored('Зарядка')).id)).toHaveLength(1);
  });

  it('asks "this one or the whole series" and deletes one occurrence', async () => {
    const card = await add(ann, 'Feed the cat every day at 7', 'Feed the cat');
    const confirm = await bot.pressAndSee(ann, card, card, 'Delete', 'whole series');
    expect(confirm.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      '🗑 This one',
      '🗑 Whole series',
      '⬅️ Back',
    ]);
    await bot.pressAndSee(ann, card, confirm, 'This one', 'Deleted');
    expect(await tasks().countBy({ title: 'Feed the cat' })).toBe(0);
  });

  it('deletes the whole series: the open occurrences go, the done ones stay', async () => {
    const card = await add(ann, 'Water the garden every day at 6', 'Water the garden');
    const first = await stored('Water the garden');
    await bot.press(ann, card, buttonData(card, 'Done'));
    const [next] = await followersOf(first.id);
    if (!next) throw new Error('no next occurrence');
    const nextCard = await bot.ask(ann, '/search garden', 'garden');
    const shown = await bot.pressAndSee(ann, nextCard, nextCard, '1.', 'Water the garden');
    const confirm = await bot.pressAndSee(ann, nextCard, shown, 'Delete', 'whole series');
    const deleted = await bot.pressAndSee(ann, nextCard, confirm, 'Whole series', 'Deleted');
    expect(deleted.answer).toContain('in the series');
    expect(await tasks().countBy({ title: 'Water the garden', status: 'open' })).toBe(0);
    expect(await tasks().countBy({ title: 'Water the garden', status: 'done' })).toBe(1);
  });

  it('reminds of the next occurrence, whose ✅ makes the one after', async () => {
    const card = await add(ann, 'Take vitamins every day at 9', 'Take vitamins');
    const first = await stored('Take vitamins');
    await bot.press(ann, card, buttonData(card, 'Done'));
    const [next] = await followersOf(first.id);
    if (!next?.dueAt) throw new Error('no next occurrence');
    // Its reminder was armed like any task's (no lead time in this stack): at its due time.
    expect(next.remindAt).toEqual(next.dueAt);
    expect(next.remindedAt).toBeNull();

    const soon = new Date(Date.now() + 300);
    await tasks().update({ id: next.id }, { remindAt: soon });
    const call = await fake.waitForCall(
      'sendMessage',
      (c) =>
        String(c.payload.text).startsWith('⏰ Reminder:') && String(c.payload.text).includes('Take vitamins'),
    );
    const reminder = (call.response as { result: Sent }).result;
    await waitFor(
      'the reminder claimed',
      async () => (await tasks().findOneByOrFail({ id: next.id })).remindedAt !== null,
    );

    const { answer } = await bot.press(ann, reminder, buttonData(reminder, 'Done'));
    expect(answer).toContain('🔁 Next:');
    const after = await followersOf(next.id);
    expect(after).toHaveLength(1);
    expect(after[0]?.seriesId).toBe(first.id);
    const series = await tasks().findBy({ title: 'Take vitamins' });
    expect(series.map((task) => task.recurrence)).toEqual(Array(3).fill('FREQ=DAILY;BYHOUR=9;BYMINUTE=0'));
  });
});
