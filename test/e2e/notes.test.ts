import { Task } from '@taskbot/db/entities/Task';
import { TaskNote } from '@taskbot/db/entities/TaskNote';
import { MAX_NOTE_LENGTH, MAX_NOTES_PER_TASK } from '@taskbot/domain/task-extras';
import { groupChat, privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { TEST_SECRET } from '../support/stack';
import { buttonData, buttonLabels, type Sent, useTaskBot } from './tasks-harness';

// Notes on tasks and forwarded messages, through gateway, RabbitMQ and both workers: a text reply
// to a task's card is a note (shown on the card and listed by 📝), within the limits and only by
// those who may change the task; a reply to a question stays an answer and a command stays a
// command; a forwarded message in a private chat becomes a task with its origin as the first note.

describe('notes and forwarded messages, end to end', () => {
  const bot = useTaskBot('notes');
  const { fake } = bot;
  const ann = user(6_400_001, { first_name: 'Ann', language_code: 'en', username: 'ann_n' });
  const boris = user(6_400_002, { first_name: 'Борис', language_code: 'ru', username: 'boris_n' });
  const carl = user(6_400_003, { first_name: 'Carl', language_code: 'en', username: 'carl_n' });
  const team = groupChat(-6_400_100, 'Team');

  const tasks = () => bot.database().dataSource.getRepository(Task);
  const notes = () => bot.database().dataSource.getRepository(TaskNote);
  const taskOf = (card: Sent) => Number(/^#(\d+)/.exec(card.text)?.[1]);
  /** Replies to `message` with `text`; resolves with the mark taken before. */
  const replyTo = (from: typeof ann, message: Sent, text: string, chat = privateChat(from)) =>
    bot.say(from, text, chat, { reply_to_message: message });

  it('adds a note by replying to a card; the card shows it and 📝 lists the notes', async () => {
    const card = await bot.ask(ann, '/add Call the plumber', 'Call the plumber');
    expect(buttonLabels(card).some((label) => label.startsWith('📝'))).toBe(false);

    const first = await replyTo(ann, card, 'He comes <after> 10');
    expect((await bot.reply(ann.id, 'Note added', first)).text).toBe('📝 Note added (1).');
    const redrawn = await bot.edited(card, '📝 1 · Ann: He comes &lt;after&gt; 10', first);
    expect(buttonLabels(redrawn)).toContain('📝 1');

    const second = await replyTo(ann, redrawn, 'Bring the spare key');
    await bot.reply(ann.id, '📝 Note added (2).', second);

    // Shown again from a list, the card has the newest note and the count.
    const list = await bot.ask(ann, '/tasks', 'Call the plumber');
    const shown = await bot.pressAndSee(ann, list, list, '✏️', 'Call the plumber');
    expect(shown.text).toContain('📝 2 · Ann: Bring the spare key');

    const listed = await bot.pressAndSee(ann, list, shown, '📝 2', 'Notes on');
    expect(listed.text).toMatch(/Notes on <b>#\d+ Call the plumber<\/b> \(2\)/);
    expect(listed.text.indexOf('Bring the spare key')).toBeLessThan(listed.text.indexOf('He comes'));
    expect(listed.text).toMatch(/<b>Ann<\/b> · \S+ \d+ \S+ \d\d:\d\d/);
    await bot.pressAndSee(ann, list, listed, 'Back', '📝 2 · Ann');

    const stored = await notes().find({ where: { taskId: taskOf(card) }, order: { id: 'ASC' } });
    expect(stored.map(({ authorId, kind, text }) => ({ authorId, kind, text }))).toEqual([
      { authorId: ann.id, kind: 'note', text: 'He comes <after> 10' },
      { authorId: ann.id, kind: 'note', text: 'Bring the spare key' },
    ]);
  });

  it('keeps replies to questions as answers and replies that are commands as commands', async () => {
    const card = await bot.ask(boris, '/add Старое имя', 'Старое имя');
    const { seq } = await bot.press(boris, card, buttonData(card, 'Изменить'));
    const question = await bot.reply(boris.id, 'Пришлите новое название', seq);
    const answered = await bot.answer(boris, question, 'Новое имя');
    await bot.reply(boris.id, 'Новое имя', answered);

    const command = await replyTo(boris, card, '/tasks');
    await bot.reply(boris.id, 'Новое имя', command);
    expect(await notes().countBy({ taskId: taskOf(card) })).toBe(0);
    expect(await tasks().countBy({ title: '/tasks' })).toBe(0);
  });

  it('refuses a note over the limit with its length, and the note past the most a task keeps', async () => {
    const card = await bot.ask(ann, '/add Long story', 'Long story');
    const long = await replyTo(ann, card, 'x'.repeat(MAX_NOTE_LENGTH + 1));
    const refused = await bot.reply(ann.id, 'too long', long);
    expect(refused.text).toContain(`${MAX_NOTE_LENGTH + 1} characters, the limit is ${MAX_NOTE_LENGTH}`);

    const taskId = taskOf(card);
    await notes().insert(
      Array.from({ length: MAX_NOTES_PER_TASK - 1 }, (_, i) => ({
        taskId,
        authorId: ann.id,
        kind: 'note' as const,
        text: `note ${i}`,
        sourceUpdateId: null,
      })),
    );
    const last = await replyTo(ann, card, 'The twentieth');
    await bot.reply(ann.id, `Note added (${MAX_NOTES_PER_TASK})`, last);
    const tooMany = await replyTo(ann, card, 'One too many');
    expect((await bot.reply(ann.id, 'Nothing was saved', tooMany)).text).toContain(
      `has ${MAX_NOTES_PER_TASK} notes`,
    );
    expect(await notes().countBy({ taskId })).toBe(MAX_NOTES_PER_TASK);
  });

  it('in a group refuses a note from someone who may not change the task', async () => {
    const card = await bot.ask(ann, '/add Book the room', 'Book the room', team);
    const refused = await replyTo(carl, card, 'I will not', team);
    expect((await bot.reply(team.id, 'add notes', refused)).text).toBe(
      'Only the author, the assignee or a chat admin can add notes to this task.',
    );
    const byAuthor = await replyTo(ann, card, 'Room 4', team);
    await bot.reply(team.id, 'Note added (1)', byAuthor);
    const redrawn = await bot.edited(card, '📝 1 · Ann: Room 4', byAuthor);
    expect(await notes().countBy({ taskId: taskOf(card) })).toBe(1);

    // Anyone in the chat may read them, as they may see the card.
    const listed = await bot.pressAndSee(carl, card, redrawn, '📝 1', 'Notes on');
    expect(listed.text).toContain('Room 4');
  });

  it('shows nothing for a forged 📝 button naming a task of another chat', async () => {
    const card = await bot.ask(ann, '/add Team secret', 'Team secret', team);
    await bot.reply(team.id, 'Note added', await replyTo(ann, card, 'The code is 1234', team));
    const own = await bot.ask(carl, '/add Carl’s own', 'Carl’s own');
    const mark = bot.mark();
    const pressed = await bot.press(carl, own, `c:${taskOf(card)}:n`);
    expect(pressed.answer).toBe('That task no longer exists.');
    expect(fake.callsSince(mark, 'editMessageText')).toHaveLength(0);
    expect(fake.callsSince(mark, 'sendMessage')).toHaveLength(0);
  });

  it('makes a forwarded message a task with its origin and link as the first note', async () => {
    const seq = await bot.say(ann, 'Read the annual report tomorrow 10:00 #work !high', undefined, {
      forward_origin: {
        type: 'channel',
        date: 1_700_000_000,
        chat: { id: -1_006_400_900, type: 'channel', title: 'Daily News', username: 'dailynews' },
        message_id: 42,
      },
    });
    const card = await bot.reply(ann.id, 'Read the annual report', seq);
    expect(card.text).toContain('📁 work');
    expect(card.text).toContain('❗ high');
    expect(card.text).toContain('📝 1 · ↪️ forwarded from Daily News');
    const listed = await bot.pressAndSee(ann, card, card, '📝 1', 'Forwarded from');
    expect(listed.text).toContain('Daily News\nhttps://t.me/dailynews/42');
    expect(await notes().findOneByOrFail({ taskId: taskOf(card) })).toMatchObject({
      kind: 'origin',
      authorId: ann.id,
      text: 'Daily News\nhttps://t.me/dailynews/42',
    });
  });

  it('names a forwarded photo without a caption by what it is and who sent it', async () => {
    const seq = await bot.say(boris, 'unused', undefined, {
      text: undefined,
      entities: undefined,
      photo: [{ file_id: 'photo-1', file_unique_id: 'u-photo-1', width: 90, height: 90 }],
      forward_origin: {
        type: 'user',
        date: 1_700_000_000,
        sender_user: { id: 6_400_077, is_bot: false, first_name: 'Zoe' },
      },
    });
    const card = await bot.reply(boris.id, 'Переслано от Zoe: фото', seq);
    expect(card.text).toContain('📝 1 · ↪️ переслано от Zoe');
  });

  it('makes nothing of a forward in a group', async () => {
    const seq = await bot.say(ann, 'Forwarded into the group', team, {
      forward_origin: { type: 'hidden_user', date: 1_700_000_000, sender_user_name: 'Someone' },
    });
    await bot.ask(ann, '/tasks', 'Open tasks', team);
    const sent = fake.callsSince(seq, 'sendMessage').map((call) => String(call.payload.text));
    expect(sent.filter((text) => text.includes('Forwarded into the group'))).toEqual([]);
    expect(await tasks().countBy({ title: 'Forwarded into the group' })).toBe(0);
  });

  it('adds one note for an update Telegram delivers twice', async () => {
    const card = await bot.ask(ann, '/add Twice told', 'Twice told');
    const update = textMessage({ chat: privateChat(ann), from: ann, text: 'Only once' });
    Object.assign(update.message as object, { reply_to_message: card });
    const post = async () => {
      const response = await fetch(`${bot.stack().gatewayUrl}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
        body: JSON.stringify(update),
      });
      expect(response.status).toBe(200);
    };
    const mark = bot.mark();
    await post();
    await bot.reply(ann.id, 'Note added (1)', mark);
    await post();
    // Both deliveries are through once a later message of the chat is answered (one chat, one order).
    await bot.ask(ann, '/tasks', 'Twice told');
    expect(await notes().countBy({ taskId: taskOf(card), text: 'Only once' })).toBe(1);
  });
});
