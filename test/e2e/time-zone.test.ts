import { Task } from '@taskbot/db/entities/Task';
import { groupChat, privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { TEST_SECRET } from '../support/stack';
import { buttonData, type Person, type Sent, useTaskBot } from './tasks-harness';

// A person's time zone at first contact, end to end: the question at /start (a zone's button, a
// shared location, a typed city or offset, something that is no zone), the zone guessed from the
// Telegram language until they choose and the one-time note saying so, and a change of zone that
// moves whole-day due dates and pending reminders to the new zone's clock.

interface Keyboard {
  keyboard?: Array<Array<{ text: string; request_location?: boolean }>>;
  remove_keyboard?: boolean;
}

const HOUR = 3_600_000;

describe('time zone at first contact, end to end', () => {
  const bot = useTaskBot('time_zone', {
    DEFAULT_TIME_ZONE: 'UTC',
    DEFAULT_REMINDER_LEAD_MINUTES: '0',
    SCHEDULER_INTERVAL_MS: '100',
  });
  const { fake } = bot;
  const tasks = () => bot.database().dataSource.getRepository(Task);
  const zoneOf = async (person: Person): Promise<string | null> => {
    const [row] = await bot
      .database()
      .dataSource.query(`SELECT time_zone FROM users WHERE id = ${person.id}`);
    return row.time_zone;
  };
  /** The reply markup the bot sent with a message (the fake keeps only inline keyboards on it). */
  const markupOf = (message: Sent): Keyboard => {
    const call = fake.callsOf('sendMessage').find((c) => {
      const sent = (c.response as { result?: Sent }).result;
      return sent?.message_id === message.message_id && sent.chat.id === message.chat.id;
    });
    return (call?.payload.reply_markup ?? {}) as Keyboard;
  };
  /** /start in a private chat: the greeting with the question, and the hint with the location button. */
  const start = async (person: Person, greeting: string) => {
    const seq = await bot.say(person, '/start');
    const question = await bot.reply(person.id, greeting, seq);
    const hint = await bot.reply(person.id, '✍️', seq);
    return { question, hint };
  };
  const sendLocation = async (person: Person, latitude: number, longitude: number) => {
    const update = textMessage({ chat: privateChat(person), from: person, text: '' });
    const { text: _, entities: __, ...message } = update.message as unknown as Record<string, unknown>;
    const seq = bot.mark();
    const response = await fetch(`${bot.stack().gatewayUrl}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
      body: JSON.stringify({ ...update, message: { ...message, location: { latitude, longitude } } }),
    });
    expect(response.status).toBe(200);
    return seq;
  };
  /** Waits until every update said before has been handled: the chat's updates run in order. */
  const settled = async (person: Person, chat = privateChat(person)) => {
    await bot.ask(person, '/help', person.language_code === 'ru' ? 'Добавить' : 'Adding', chat);
  };

  it('asks at /start with the zones of the person’s language, and a button press chooses one', async () => {
    const boris = user(6_700_001, { first_name: 'Борис', language_code: 'ru' });
    const { question, hint } = await start(boris, 'Привет, Борис!');
    expect(question.text).toContain('В каком вы часовом поясе?');
    const labels = question.reply_markup?.inline_keyboard.flat().map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining(['Калининград', 'Москва', 'Камчатка', 'Минск', 'Ереван']));
    expect(hint.text).toContain('напишите свой город');
    expect(markupOf(hint).keyboard?.[0]?.[0]).toEqual({
      text: '📍 Отправить геопозицию',
      request_location: true,
    });

    const { answer, seq } = await bot.press(boris, question, buttonData(question, 'Новосибирск'));
    expect(answer).toContain('Сохранено');
    const confirmed = await bot.reply(boris.id, 'Часовой пояс: Asia/Novosibirsk (Новосибирск)', seq);
    expect(confirmed.text).toMatch(/Сейчас там \d\d:\d\d/);
    expect(markupOf(confirmed).remove_keyboard).toBe(true);
    await fake.waitForCall('editMessageReplyMarkup', (c) => c.payload.message_id === question.message_id);
    expect(await zoneOf(boris)).toBe('Asia/Novosibirsk');

    // Chosen: /start greets without asking again.
    const again = bot.mark();
    await bot.say(boris, '/start');
    const greeting = await bot.reply(boris.id, 'Привет, Борис!', again);
    expect(greeting.text).not.toContain('часовом поясе');
  });

  it('takes a shared location as the zone there, offline', async () => {
    const ann = user(6_700_002, { first_name: 'Ann', language_code: 'en' });
    const { question, hint } = await start(ann, 'Hi, Ann!');
    expect(question.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain('New York');
    expect(markupOf(hint).keyboard?.[0]?.[0]).toEqual({
      text: '📍 Send my location',
      request_location: true,
    });
    const seq = await sendLocation(ann, 52.52, 13.405);
    const confirmed = await bot.reply(ann.id, 'Time zone: Europe/Berlin (Berlin)', seq);
    expect(markupOf(confirmed).remove_keyboard).toBe(true);
    expect(await zoneOf(ann)).toBe('Europe/Berlin');
  });

  it('takes a city typed in English or Russian, without a reply', async () => {
    const carl = user(6_700_003, { first_name: 'Carl', language_code: 'en' });
    await start(carl, 'Hi, Carl!');
    await bot.ask(carl, 'New York', 'Time zone: America/New_York (New York)');
    expect(await zoneOf(carl)).toBe('America/New_York');

    const vera = user(6_700_004, { first_name: 'Вера', language_code: 'ru' });
    await start(vera, 'Привет, Вера!');
    await bot.ask(vera, 'екатеринбург', 'Часовой пояс: Asia/Yekaterinburg (Екатеринбург)');
    expect(await zoneOf(vera)).toBe('Asia/Yekaterinburg');
  });

  it('takes a typed offset, in reply to the hint too', async () => {
    const dan = user(6_700_005, { first_name: 'Dan', language_code: 'en' });
    const { hint } = await start(dan, 'Hi, Dan!');
    const seq = await bot.answer(dan, hint, 'GMT-4');
    await bot.reply(dan.id, 'Time zone: Etc/GMT+4 (UTC−4)', seq);
    expect(await zoneOf(dan)).toBe('Etc/GMT+4');
    await bot.ask(dan, '/settings tz Europe/Moscow', 'Time zone: Europe/Moscow');
  });

  it('says clearly when nothing matches and asks again; a longer text is still a task', async () => {
    const eve = user(6_700_006, { first_name: 'Eve', language_code: 'en' });
    const { hint } = await start(eve, 'Hi, Eve!');
    const bad = await bot.ask(eve, 'Atlantis', '“Atlantis” is not a time zone I know');
    expect(bad.text).toContain('/add Atlantis');
    const seq = await bot.answer(eve, hint, 'UTC+15');
    await bot.reply(eve.id, '“UTC+15” is not a time zone I know', seq);
    expect(await zoneOf(eve)).toBeNull();

    await bot.ask(eve, 'Buy milk and bread for the weekend', 'Buy milk and bread for the weekend');
    await bot.ask(eve, 'Berlin', 'Time zone: Europe/Berlin (Berlin)');
    expect(await zoneOf(eve)).toBe('Europe/Berlin');
    // Answered: a short text is a task again.
    await bot.ask(eve, 'Atlantis', '#');
    expect(await tasks().findOneBy({ title: 'Atlantis' })).not.toBeNull();
  });

  it('reads dates in the zone guessed from the language, and says so once', async () => {
    const fedor = user(6_700_007, { first_name: 'Фёдор', language_code: 'ru' });
    const seq = await bot.say(fedor, '/add Позвонить маме завтра в 9');
    await bot.reply(fedor.id, 'Позвонить маме', seq);
    const note = await bot.reply(
      fedor.id,
      'Время 09:00 — по часовому поясу «Москва»; сменить — /settings',
      seq,
    );
    expect(note.text).toContain('В каком вы часовом поясе?');
    expect(note.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain('Москва');
    await bot.reply(fedor.id, '✍️', seq);
    const call = await tasks().findOneByOrFail({ title: 'Позвонить маме' });
    expect(call.dueAt?.getUTCHours()).toBe(6);
    expect(await zoneOf(fedor)).toBeNull();

    const second = bot.mark();
    await bot.ask(fedor, '/add Купить цветы завтра в 18', 'Купить цветы');
    await settled(fedor);
    const notes = fake
      .callsOf('sendMessage')
      .filter((c) => c.seq > second && String(c.payload.text).includes('по часовому поясу'));
    expect(notes).toEqual([]);
    expect((await tasks().findOneByOrFail({ title: 'Купить цветы' })).dueAt?.getUTCHours()).toBe(15);

    // Someone whose language gives no guess has the configured zone, and is told that once too.
    const gina = user(6_700_008, { first_name: 'Gina', language_code: 'en' });
    await bot.ask(gina, '/add Call mom tomorrow 9:00', 'Read as 09:00 UTC time; /settings to change');
  });

  it('reads each sender’s own zone in a group, without asking there', async () => {
    const team = groupChat(-6_700_100, 'Team');
    const olga = user(6_700_009, { first_name: 'Ольга', language_code: 'ru' });
    const hank = user(6_700_010, { first_name: 'Hank', language_code: 'en' });
    const seq = bot.mark();
    await bot.ask(olga, '/add Созвон завтра в 10', 'Созвон', team);
    await bot.ask(hank, '/add Standup tomorrow 10:00', 'Standup', team);
    await settled(hank, team);
    expect((await tasks().findOneByOrFail({ title: 'Созвон' })).dueAt?.getUTCHours()).toBe(7);
    expect((await tasks().findOneByOrFail({ title: 'Standup' })).dueAt?.getUTCHours()).toBe(10);
    const asked = fake
      .callsOf('sendMessage')
      .filter(
        (c) =>
          c.seq > seq &&
          c.payload.chat_id === team.id &&
          /часовом поясе|Which time zone/.test(String(c.payload.text)),
      );
    expect(asked).toEqual([]);
  });

  it('moves whole-day due dates and pending reminders to the new zone’s clock', async () => {
    const irina = user(6_700_011, { first_name: 'Ирина', language_code: 'ru' });
    await bot.ask(irina, '/add Сдать отчёт завтра', 'Сдать отчёт');
    await bot.ask(irina, '/add Встреча завтра в 9', 'Встреча');
    await bot.ask(irina, '/add Полить цветы', 'Полить цветы');
    await settled(irina);
    const report = await tasks().findOneByOrFail({ title: 'Сдать отчёт' });
    const meeting = await tasks().findOneByOrFail({ title: 'Встреча' });
    const flowers = await tasks().findOneByOrFail({ title: 'Полить цветы' });
    // A reminder snoozed to a clock time, a few seconds from now in Moscow.
    const snoozed = new Date(Date.now() + 8_000);
    await tasks().update({ id: flowers.id }, { remindAt: snoozed, remindedAt: null });

    // Moscow (UTC+3) to Kaliningrad (UTC+2), from the settings screen.
    const menu = await bot.ask(irina, '/settings', 'Настройки');
    const { seq } = await bot.press(irina, menu, buttonData(menu, 'Часовой пояс'));
    const screen = await bot.edited(menu, 'Выберите часовой пояс', seq);
    await bot.reply(irina.id, 'Пришлите часовой пояс', seq);
    const before = bot.mark();
    const chosen = await bot.pressAndSee(irina, menu, screen, 'Калининград', 'Europe/Kaliningrad');
    expect(chosen.answer).toContain('Сохранено');
    await bot.reply(irina.id, 'Часовой пояс: Europe/Kaliningrad (Калининград)', before);

    const after = async (task: Task) => tasks().findOneByOrFail({ id: task.id });
    expect((await after(meeting)).dueAt).toEqual(meeting.dueAt);
    expect((await after(report)).dueAt?.getTime()).toBe((report.dueAt?.getTime() ?? 0) + HOUR);
    expect((await after(report)).remindAt?.getTime()).toBe((report.remindAt?.getTime() ?? 0) + HOUR);
    expect((await after(flowers)).remindAt?.getTime()).toBe(snoozed.getTime() + HOUR);

    // Back to Moscow: the reminder is at its Moscow clock again, and comes then.
    await bot.ask(irina, '/settings tz Europe/Moscow', 'Часовой пояс: Europe/Moscow');
    expect((await after(flowers)).remindAt?.getTime()).toBe(snoozed.getTime());
    await bot.reply(irina.id, '⏰ Напоминание: <b>Полить цветы</b>');
    expect((await after(report)).dueAt).toEqual(report.dueAt);
  });
});
