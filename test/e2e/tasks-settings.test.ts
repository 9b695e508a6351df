import { ConversationStore } from '@taskbot/db/cache/ConversationStore';
import { user } from '@taskbot/fake-bot-api/updates';
import { Redis } from 'ioredis';
import { buttonData, type Person, type Sent, useTaskBot } from './tasks-harness';

// /settings end to end, in English and Russian: the menu and its buttons, values typed in reply
// to the bot's questions and after /settings, and every bad value refused with a reason.

describe('settings, end to end', () => {
  const bot = useTaskBot('settings', {
    DEFAULT_TIME_ZONE: 'Europe/Berlin',
    DEFAULT_REMINDER_LEAD_MINUTES: '20',
  });
  const ann = user(6_400_001, { first_name: 'Ann', language_code: 'en' });
  const boris = user(6_400_002, { first_name: 'Борис', language_code: 'ru' });

  const row = async (person: Person) => {
    const [found] = await bot
      .database()
      .dataSource.query(
        `SELECT language, time_zone, reminder_lead_minutes, digest_time, quiet_start, quiet_end FROM users WHERE id = ${person.id}`,
      );
    return {
      language: found.language,
      timeZone: found.time_zone,
      lead: found.reminder_lead_minutes === null ? null : Number(found.reminder_lead_minutes),
      digest: found.digest_time,
      quietStart: found.quiet_start,
      quietEnd: found.quiet_end,
    };
  };

  /** Presses a button that asks a question, answers it, and returns the reply. */
  const askAndAnswer = async (
    person: Person,
    menu: Sent,
    shown: Sent,
    label: string,
    question: string,
    text: string,
  ) => {
    const { seq } = await bot.press(person, menu, buttonData(shown, label));
    const asked = await bot.reply(person.id, question, seq);
    return bot.answer(person, asked, text);
  };

  it('shows the configured defaults to someone who chose nothing', async () => {
    const menu = await bot.ask(ann, '/settings', '⚙️ <b>Settings</b>');
    expect(menu.text).toContain('Language: English');
    expect(menu.text).toContain('Time zone: Europe/Berlin');
    expect(menu.text).toContain('Remind before due: 20 min');
    expect(menu.text).toContain('Daily digest: off');
    expect(menu.text).toContain('Quiet hours: off');
  });

  it('sets the lead time, digest and quiet hours with buttons, editing the menu', async () => {
    const menu = await bot.ask(ann, '/settings', '⚙️ <b>Settings</b>');
    const leads = await bot.pressAndSee(ann, menu, menu, 'Reminder', 'How long before the due time');
    const lead = await bot.pressAndSee(ann, menu, leads, '30 min', 'Remind before due: 30 min');
    expect(lead.answer).toContain('Saved');
    const digests = await bot.pressAndSee(ann, menu, lead, 'Digest', 'When should I send the daily digest?');
    const digest = await bot.pressAndSee(ann, menu, digests, '08:00', 'Daily digest: 08:00');
    const quiets = await bot.pressAndSee(ann, menu, digest, 'Quiet hours', 'When should I keep quiet?');
    const quiet = await bot.pressAndSee(ann, menu, quiets, '22:00–07:00', 'Quiet hours: 22:00–07:00');
    expect(await row(ann)).toMatchObject({
      lead: 30,
      digest: '08:00',
      quietStart: '22:00',
      quietEnd: '07:00',
    });

    const back = await bot.pressAndSee(ann, menu, quiet, 'Digest', 'When should I send');
    const off = await bot.pressAndSee(ann, menu, back, 'Off', 'Daily digest: off');
    const quietAgain = await bot.pressAndSee(ann, menu, off, 'Quiet hours', 'When should I keep quiet?');
    await bot.pressAndSee(ann, menu, quietAgain, 'Off', 'Quiet hours: off');
    expect(await row(ann)).toMatchObject({ digest: null, quietStart: null, quietEnd: null });
  });

  it('has the question on record before it is sent, so an answer right after it is taken', async () => {
    // The answer goes to the command worker, which can see it before the callback worker hears
    // back from Telegram. Here Telegram takes 400 ms to accept the question: it is on record all
    // that time, and the answer sent the moment the question shows is taken.
    const menu = await bot.ask(ann, '/settings', '⚙️ <b>Settings</b>');
    const redis = new Redis(process.env.REDIS_URL ?? '');
    try {
      bot.fake.failNext('sendMessage', { hangMs: 400 });
      const { seq } = await bot.press(ann, menu, buttonData(menu, 'Time zone'));
      const pending = await new ConversationStore(redis, bot.prefix).prompt(
        ann.id,
        ann.id,
        menu.message_id + 1,
      );
      expect(pending?.prompt).toEqual({ kind: 'setting', setting: 'timeZone', userId: ann.id });
      const asked = await bot.reply(ann.id, 'Send your time zone', seq);
      const answered = await bot.answer(ann, asked, 'America/Chicago');
      await bot.reply(ann.id, 'Time zone: America/Chicago', answered);
      expect((await row(ann)).timeZone).toBe('America/Chicago');
    } finally {
      redis.disconnect();
    }
  });

  it('takes a reply to an older message of the bot as no answer to the question asked since', async () => {
    const menu = await bot.ask(ann, '/settings', '⚙️ <b>Settings</b>');
    const { seq } = await bot.press(ann, menu, buttonData(menu, 'Time zone'));
    const asked = await bot.reply(ann.id, 'Send your time zone', seq);
    // In a private chat, text that answers no question is a new task.
    const stray = await bot.answer(ann, menu, 'Europe/Paris');
    await bot.reply(ann.id, 'Europe/Paris', stray);
    expect((await row(ann)).timeZone).not.toBe('Europe/Paris');
    const answered = await bot.answer(ann, asked, 'Asia/Tokyo');
    await bot.reply(ann.id, 'Time zone: Asia/Tokyo', answered);
  });

  it('asks for a time zone, a digest time and quiet hours, and takes the typed answer', async () => {
    const menu = await bot.ask(ann, '/settings', '⚙️ <b>Settings</b>');
    let seq = await askAndAnswer(ann, menu, menu, 'Time zone', 'Send your time zone', 'Asia/Tokyo');
    await bot.reply(ann.id, 'Time zone: Asia/Tokyo', seq);
    seq = await askAndAnswer(ann, menu, menu, 'Time zone', 'Send your time zone', 'Nowhere/City');
    await bot.reply(ann.id, '“Nowhere/City” is not a time zone I know', seq);

    const digests = await bot.pressAndSee(ann, menu, menu, 'Digest', 'When should I send');
    seq = await askAndAnswer(ann, menu, digests, 'Other', 'Send the digest time', '7:45');
    await bot.reply(ann.id, 'Daily digest: 07:45', seq);
    seq = await askAndAnswer(ann, menu, digests, 'Other', 'Send the digest time', '25:00');
    await bot.reply(ann.id, '“25:00” is not a time like 08:30', seq);

    const quiets = await bot.pressAndSee(ann, menu, menu, 'Quiet hours', 'When should I keep quiet?');
    seq = await askAndAnswer(ann, menu, quiets, 'Other', 'Send quiet hours', '23:30-06:00');
    await bot.reply(ann.id, 'Quiet hours: 23:30–06:00', seq);
    seq = await askAndAnswer(ann, menu, quiets, 'Other', 'Send quiet hours', 'whenever');
    await bot.reply(ann.id, '“whenever” is not a range like 22:00-07:00', seq);

    expect(await row(ann)).toMatchObject({
      timeZone: 'Asia/Tokyo',
      digest: '07:45',
      quietStart: '23:30',
      quietEnd: '06:00',
    });
  });

  it('takes values typed after /settings and refuses bad ones with the reason', async () => {
    await bot.ask(ann, '/settings lead 45', 'Remind before due: 45 min');
    await bot.ask(ann, '/settings lead 99999', 'a number of minutes from 0 to 10080');
    await bot.ask(ann, '/settings lead soon', 'a number of minutes from 0 to 10080');
    await bot.ask(ann, '/settings digest 21:15', 'Daily digest: 21:15');
    await bot.ask(ann, '/settings digest off', 'Daily digest: off');
    await bot.ask(ann, '/settings quiet 22:00-08:00', 'Quiet hours: 22:00–08:00');
    await bot.ask(ann, '/settings quiet 10:00-10:00', 'is not a range like');
    await bot.ask(ann, '/settings tz UTC', 'Time zone: UTC');
    await bot.ask(ann, '/settings colour blue', 'Settings by text');
    expect(await row(ann)).toMatchObject({ lead: 45, digest: null, quietStart: '22:00', timeZone: 'UTC' });
  });

  it('switches the language with its button, and everything after speaks it', async () => {
    const menu = await bot.ask(ann, '/settings', '⚙️ <b>Settings</b>');
    const russian = await bot.pressAndSee(ann, menu, menu, 'Русский', '⚙️ <b>Настройки</b>');
    expect(russian.text).toContain('Язык: Русский');
    expect(russian.answer).toContain('Сохранено');
    await bot.ask(ann, '/help', 'Добавить');
    const english = await bot.pressAndSee(ann, menu, russian, 'English', '⚙️ <b>Settings</b>');
    expect(english.text).toContain('Language: English');
    await bot.ask(ann, '/settings lang ru', 'Язык: Русский');
    await bot.ask(ann, '/settings lang en', 'Language: English');
    await bot.ask(ann, '/settings lang de', 'Settings by text');
    expect((await row(ann)).language).toBe('en');
  });

  it('works in Russian, with the same checks', async () => {
    const menu = await bot.ask(boris, '/settings', '⚙️ <b>Настройки</b>');
    expect(menu.text).toContain('Напоминать до срока: 20 мин');
    const leads = await bot.pressAndSee(boris, menu, menu, 'Напоминание', 'За сколько до срока напоминать?');
    await bot.pressAndSee(boris, menu, leads, '60 мин', 'Напоминать до срока: 60 мин');
    let seq = await askAndAnswer(
      boris,
      menu,
      menu,
      'Часовой пояс',
      'Пришлите часовой пояс',
      'Asia/Novosibirsk',
    );
    await bot.reply(boris.id, 'Часовой пояс: Asia/Novosibirsk', seq);
    seq = await askAndAnswer(boris, menu, menu, 'Часовой пояс', 'Пришлите часовой пояс', 'Луна');
    await bot.reply(boris.id, '«Луна» — не похоже на часовой пояс', seq);
    const digests = await bot.pressAndSee(boris, menu, menu, 'Сводка', 'Когда присылать');
    seq = await askAndAnswer(boris, menu, digests, 'Другое', 'Пришлите время сводки', '9.30');
    await bot.reply(boris.id, 'Ежедневная сводка: 09:30', seq);
    await bot.ask(boris, '/settings quiet выкл', 'Тихие часы: выкл.');
    await bot.ask(boris, '/settings lead -5', 'число минут от 0 до 10080');
    expect(await row(boris)).toMatchObject({ lead: 60, timeZone: 'Asia/Novosibirsk', digest: '09:30' });
  });
});
