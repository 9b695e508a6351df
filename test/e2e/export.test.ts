import { Task } from '@taskbot/db/entities/Task';
import { groupChat, privateChat, user } from '@taskbot/fake-bot-api/updates';
import type { Message } from '@telegraf/types';
import { readExportCsv, readExportIcs } from '../support/export-files';
import { buttonData, type Sent, useTaskBot } from './tasks-harness';

// /export end to end: two documents uploaded to the fake Bot API (multipart), read back with a
// CSV parser and an iCalendar parser, field by field. Who may export what: in a group only its
// admins (getChatMember, as for projects); with nothing to export the bot says so rather than send
// empty files. The stack's files are capped at 4096 bytes (EXPORT_MAX_FILE_BYTES), so that a few
// dozen tasks make an export larger than the limit.

const MAX_FILE_BYTES = 4096;

describe('/export, end to end', () => {
  const bot = useTaskBot('export', { EXPORT_MAX_FILE_BYTES: String(MAX_FILE_BYTES) });
  const { fake } = bot;
  const ann = user(6_500_001, { first_name: 'Ann', language_code: 'en', username: 'ann_export' });
  const boris = user(6_500_002, { first_name: 'Борис', language_code: 'ru', username: 'boris_export' });
  const team = groupChat(-6_500_100, 'Export team');

  beforeAll(() => {
    fake.setChatMemberStatus(team.id, ann.id, 'administrator');
    fake.setChatMemberStatus(team.id, boris.id, 'member');
  });

  it('says there is nothing to export before there are tasks', async () => {
    await bot.ask(ann, '/export', 'There are no tasks to export here yet.');
    await bot.ask(boris, '/export', 'Выгружать пока нечего.');
    expect(fake.callsOf('sendDocument')).toHaveLength(0);
  });

  /** The documents the bot uploads into the chat after `since`, as the fake stored them. */
  async function documentsSent(chatId: number, since: number, count = 2) {
    const calls = await fake.waitForCalls(
      'sendDocument',
      count,
      (call) => call.seq > since && String(call.payload.chat_id) === String(chatId),
    );
    return calls.map((call) => {
      const message = (call.response as { result: Message.DocumentMessage }).result;
      const content = fake.fileContent(message.document.file_id);
      if (!content) throw new Error(`the fake has no upload ${message.document.file_id}`);
      return { message, name: content.file_name, text: content.bytes.toString('utf8') };
    });
  }

  /** The files the fake took into the chat after `since` (an upload cut short is no call). */
  const uploadsInto = (chatId: number, since: number) =>
    fake
      .callsOf('sendDocument')
      .filter((call) => call.seq > since && String(call.payload.chat_id) === String(chatId))
      .map((call) => ({ filename: fake.fileContent(documentOf(call).file_id)?.file_name }));
  const documentOf = (call: { response: unknown }) =>
    (call.response as { result: Message.DocumentMessage }).result.document;

  const byTitleId = (records: Array<Record<string, string>>, id: number) =>
    records.find((record) => record.id === String(id))?.title;
  const tasks = () => bot.database().dataSource.getRepository(Task);
  const replyTo = (from: typeof ann, message: Sent, text: string) =>
    bot.say(from, text, privateChat(from), { reply_to_message: message });

  it('sends a private chat’s tasks as a CSV table and a calendar that parsers read back', async () => {
    const tricky = await bot.ask(
      ann,
      '/add Позвонить "Анне", re: план tomorrow 10:00 #work !urgent',
      'Позвонить',
    );
    const noted = await replyTo(ann, tricky, 'line one\nline two');
    await bot.reply(ann.id, 'Note added', noted);
    await bot.ask(ann, '/add Water plants every day at 9', 'Water plants');
    await bot.ask(ann, '/add Two lines,\n"second" line', 'Two lines');
    const old = await bot.ask(ann, '/add Old thing', 'Old thing');
    await bot.press(ann, old, buttonData(old, '✅ Done'));
    const stored = await tasks().findOneByOrFail({ title: 'Позвонить "Анне", re: план' });
    const repeating = await tasks().findOneByOrFail({ title: 'Water plants' });
    const done = await tasks().findOneByOrFail({ title: 'Old thing' });
    const twoLines = await tasks().findOneByOrFail({ title: 'Two lines,\n"second" line' });

    const since = await bot.say(ann, '/export');
    const [csv, ics] = await documentsSent(ann.id, since);
    expect(csv?.name).toMatch(/^tasks-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv?.message.caption).toContain('4 tasks as a table (CSV)');
    expect(ics?.name).toMatch(/^tasks-\d{4}-\d{2}-\d{2}\.ics$/);

    const records = readExportCsv(csv?.text ?? '');
    expect(records).toHaveLength(4);
    expect(byTitleId(records, twoLines.id)).toBe(twoLines.title);
    const byTitle = (title: string) => records.find((record) => record.title === title);
    expect(byTitle(stored.title)).toMatchObject({
      id: String(stored.id),
      status: 'open',
      priority: 'urgent',
      project: 'work',
      due: `${stored.dueAt?.toISOString().slice(0, 19)}Z`,
      reminder: `${stored.remindAt?.toISOString().slice(0, 19)}Z`,
      author: "'@ann_export",
      notes: 'line one\nline two',
      files: '0',
    });
    expect(byTitle('Water plants')?.['repeat (RRULE)']).toBe(repeating.recurrence);
    expect(byTitle('Old thing')).toMatchObject({
      status: 'done',
      'done at': `${done.doneAt?.toISOString().slice(0, 19)}Z`,
    });

    const todos = readExportIcs(ics?.text ?? '');
    expect(todos).toHaveLength(4);
    // UIDs are task-<id>@<the bot's username>: stable, so a calendar updates rather than duplicates.
    const todo = (id: number) =>
      todos.find(
        (one) => /^task-(\d+)@\w+$/.exec(String(one.getFirstPropertyValue('uid')))?.[1] === String(id),
      );
    const call = todo(stored.id);
    expect(call?.getFirstPropertyValue('summary')).toBe(stored.title);
    expect(String(call?.getFirstPropertyValue('due'))).toBe(`${stored.dueAt?.toISOString().slice(0, 19)}Z`);
    expect(call?.getFirstPropertyValue('priority')).toBe(1);
    expect(call?.getFirstPropertyValue('status')).toBe('NEEDS-ACTION');
    expect(call?.getFirstPropertyValue('categories')).toBe('work');
    expect(call?.getFirstPropertyValue('description')).toBe('line one\nline two');
    const alarm = call?.getFirstSubcomponent('valarm');
    expect(alarm?.getFirstPropertyValue('action')).toBe('DISPLAY');
    const lead = ((stored.dueAt?.getTime() ?? 0) - (stored.remindAt?.getTime() ?? 0)) / 1000;
    const trigger = alarm?.getFirstProperty('trigger');
    expect(trigger?.getParameter('related')).toBe('END');
    expect((trigger?.getFirstValue() as { toSeconds(): number } | undefined)?.toSeconds()).toBe(-lead);
    expect(todo(twoLines.id)?.getFirstPropertyValue('summary')).toBe(twoLines.title);
    expect(String(todo(repeating.id)?.getFirstPropertyValue('rrule'))).toBe('FREQ=DAILY');
    expect(todo(done.id)?.getFirstPropertyValue('status')).toBe('COMPLETED');
    expect(todo(done.id)?.getFirstPropertyValue('completed')).toBeTruthy();
  });

  it('refuses a group’s export to anyone but its admins', async () => {
    await bot.ask(ann, '/add Team plan', 'Team plan', team);
    const seq = bot.mark();
    await bot.ask(boris, '/export', 'Выгрузить задачи группы может только её администратор.', team);
    expect(fake.callsOf('sendDocument').filter((call) => call.seq > seq)).toHaveLength(0);
  });

  it('sends no file larger than the limit and says which one it left out, in the person’s language', async () => {
    const big = groupChat(-6_500_200, 'Export big team');
    fake.setChatMemberStatus(big.id, ann.id, 'administrator');
    fake.setChatMemberStatus(big.id, boris.id, 'administrator');
    for (let n = 1; n <= 30; n += 1) await bot.ask(ann, `/add Quarterly report part ${n}`, `part ${n}`, big);

    // The table fits, the calendar (more lines a task) does not: the table comes, and a word on the calendar.
    const since = await bot.say(ann, '/export', big);
    const tooLarge = await bot.reply(big.id, 'would be larger than', since);
    expect(tooLarge.text).toMatch(/^⚠️ tasks-\d{4}-\d{2}-\d{2}\.ics would be larger than 4\.1 kB,/);
    const [csv] = await documentsSent(big.id, since, 1);
    expect(readExportCsv(csv?.text ?? '')).toHaveLength(30);
    expect(Buffer.byteLength(csv?.text ?? '')).toBeLessThanOrEqual(MAX_FILE_BYTES);
    expect(uploadsInto(big.id, since).map((call) => call.filename)).toEqual([csv?.name]);

    // Now the table is too large as well: nothing is uploaded at all.
    // (Boris writes them: each person may send 60 updates a minute.)
    for (let n = 31; n <= 45; n += 1)
      await bot.ask(boris, `/add Quarterly report part ${n}`, `part ${n}`, big);
    const again = await bot.say(boris, '/export', big);
    const refusal = await bot.reply(big.id, 'Файл tasks-', again);
    expect(refusal.text).toMatch(/^⚠️ Файл tasks-\d{4}-\d{2}-\d{2}\.csv вышел бы больше 4,1 кБ/);
    // The worker goes on: the next update is answered, and no upload of the refused export was made.
    await bot.ask(boris, '/export', 'Выгружать пока нечего.');
    expect(uploadsInto(big.id, again)).toEqual([]);
  });
});
