import { groupChat, privateChat, user } from '@taskbot/fake-bot-api/updates';
import { buttonData, buttonLabels, type Sent, useTaskBot } from './tasks-harness';

// /forget_me through gateway, RabbitMQ and both workers: the question lists what goes and what
// stays; in a group it says where it works; somebody else's press, forged or expired data and a
// cancel delete nothing; the person's own press deletes them, and pressing again is harmless.

describe('/forget_me, end to end', () => {
  const bot = useTaskBot('forget');
  const ann = user(6_800_001, { first_name: 'Ann', language_code: 'en', username: 'ann_f' });
  const boris = user(6_800_002, { first_name: 'Борис', language_code: 'ru', username: 'boris_f' });
  const carl = user(6_800_003, { first_name: 'Carl', language_code: 'en', username: 'carl_f' });
  const team = groupChat(-6_800_100, 'Team');
  const query = <T>(sql: string): Promise<T[]> => bot.database().dataSource.query(sql);
  const count = async (sql: string) => Number((await query<{ n: unknown }>(sql))[0]?.n);
  const annRows = () =>
    Promise.all([
      count(`SELECT COUNT(*) AS n FROM users WHERE id = ${ann.id}`),
      count(`SELECT COUNT(*) AS n FROM chats WHERE id = ${ann.id}`),
      count(`SELECT COUNT(*) AS n FROM chat_members WHERE user_id = ${ann.id}`),
      count(`SELECT COUNT(*) AS n FROM tasks WHERE ${ann.id} IN (chat_id, author_id, assignee_id)`),
    ]);

  let question: Sent;

  /** Whether the last edit of the message took its buttons away (an edit without reply_markup does). */
  const buttonsGone = (message: Sent) => {
    const edits = bot.fake
      .callsOf('editMessageText')
      .filter((call) => call.payload.message_id === message.message_id);
    return edits.length > 0 && edits.at(-1)?.payload.reply_markup === undefined;
  };

  beforeAll(async () => {
    bot.fake.setChatMemberStatus(team.id, boris.id, 'administrator');
    await bot.ask(ann, '/add Buy milk', 'Buy milk');
    await bot.ask(ann, '/add Call the bank', 'Call the bank');
    await bot.ask(ann, '/add Team plan', 'Team plan', team);
    await bot.ask(boris, '/add Fix the bug @ann_f', 'Fix the bug', team);
  });

  it('answers in a group that it works in the private chat, and keeps everything', async () => {
    const reply = await bot.ask(ann, '/forget_me', 'private chat only', team);
    expect(reply.reply_markup).toBeUndefined();
    expect(await annRows()).toEqual([1, 1, 1, 4]);
  });

  it('asks in the private chat, listing what goes and what stays, with two buttons', async () => {
    question = await bot.ask(ann, '/forget_me', 'Forget me');
    expect(question.text).toContain('tasks of our private chat, with their notes and files: 2');
    expect(question.text).toContain('your membership of groups I know: 1');
    expect(question.text).toContain('you as the assignee of group tasks (no more reminders to you): 1');
    expect(question.text).toContain('tasks you wrote in groups stay with the group, without your name: 1');
    expect(question.text).toContain('messages in Telegram chats: I cannot delete them');
    expect(buttonLabels(question)).toEqual(['🗑 Yes, forget me', '✖️ Cancel']);
  });

  it('ignores a press by anybody else, or forged data, saying so', async () => {
    const confirm = buttonData(question, 'Yes, forget me');
    const byBoris = await bot.press(boris, question, confirm);
    expect(byBoris.answer).toBe('Подтвердить может только тот, кто попросил.');

    const borisChat = await bot.ask(boris, '/tasks', 'Открытых задач нет');
    const forged = await bot.press(boris, borisChat, confirm);
    expect(forged.answer).toContain('только тот, кто попросил');

    const inGroup = await bot.ask(ann, '/tasks', 'Team plan', team);
    const fromGroup = await bot.press(ann, inGroup, confirm);
    expect(fromGroup.answer).toContain('private chat only');

    expect(await annRows()).toEqual([1, 1, 1, 4]);
  });

  it('deletes nothing on cancel, or when the confirmation has expired', async () => {
    const cancelled = await bot.pressAndSee(ann, question, question, 'Cancel', 'nothing was deleted');
    expect(cancelled.text).toBe('Cancelled: nothing was deleted.');
    expect(buttonsGone(question)).toBe(true);

    const again = await bot.ask(ann, '/forget_me', 'Forget me');
    const { seq } = await bot.press(ann, again, `fg:y:${ann.id}:1700000000`);
    await bot.edited(again, 'has expired', seq);
    expect(await annRows()).toEqual([1, 1, 1, 4]);
  });

  it('forgets the person on their own press, and a second press finds nothing left', async () => {
    question = await bot.ask(ann, '/forget_me', 'Forget me');
    const done = await bot.pressAndSee(ann, question, question, 'Yes, forget me', 'I have forgotten you');
    expect(done.text).toContain('tasks of our private chat, with their notes and files: 2');
    expect(buttonsGone(question)).toBe(true);
    expect(await annRows()).toEqual([0, 0, 0, 0]);

    const stays = await query<{ title: string; author_id: unknown; assignee_id: unknown }>(
      `SELECT title, author_id, assignee_id FROM tasks WHERE chat_id = ${team.id} ORDER BY id`,
    );
    expect(stays.map((row) => [row.title, row.author_id, row.assignee_id === null])).toEqual([
      ['Team plan', null, true],
      ['Fix the bug', expect.anything(), true],
    ]);

    const { seq } = await bot.press(ann, question, buttonData(question, 'Yes, forget me'));
    await bot.edited(question, 'Nothing was left to delete this time', seq);
    expect(await annRows()).toEqual([0, 0, 0, 0]);
  });

  it('lets the group’s admins change a task whose author is forgotten, and the person start afresh', async () => {
    const list = await bot.ask(boris, '/tasks', 'Team plan', team);
    const [plan] = await query<{ id: unknown }>(`SELECT id FROM tasks WHERE title = 'Team plan'`);
    const done = `ld:${Number(plan?.id)}:a:0`;
    expect((await bot.press(carl, list, done)).answer).toContain('the author, the assignee or a chat admin');
    expect((await bot.press(boris, list, done)).answer).toBe('✅ Готово: Team plan');

    await bot.ask(ann, '/add New start', 'New start', privateChat(ann));
    expect(await annRows()).toEqual([1, 1, 0, 1]);
  });
});
