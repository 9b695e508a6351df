import { TaskFile } from '@taskbot/db/entities/TaskFile';
import { TaskNote } from '@taskbot/db/entities/TaskNote';
import type { Message } from '@taskbot/fake-bot-api/types';
import {
  documentMessage,
  type FileMessageOptions,
  groupChat,
  photoMessage,
  privateChat,
  user,
  voiceMessage,
} from '@taskbot/fake-bot-api/updates';
import { topology } from '@taskbot/messaging/topology';
import { waitFor } from '../support/amqp';
import { kindDepth, queueDepth } from '../support/broker';
import { TEST_SECRET } from '../support/stack';
import { buttonData, type Chat, type Person, type Sent, useTaskBot } from './tasks-harness';

// Files on tasks through gateway, RabbitMQ and both workers, against the fake Bot API: a photo with
// "/add …" as its caption adds the task with the photo, a file sent in reply to a card attaches it,
// the card's 📎 button sends the files back by their file_id, a task keeps at most 10, and only
// those who may change a task attach to it; a forged button sends nothing of another chat's task.

type Builder = (options: FileMessageOptions) => { update_id: number; message: unknown };

describe('files on tasks, end to end', () => {
  const bot = useTaskBot('files');
  const { fake } = bot;
  const ann = user(6_400_001, { first_name: 'Ann', language_code: 'en', username: 'ann_f' });
  const boris = user(6_400_002, { first_name: 'Борис', language_code: 'ru', username: 'boris_f' });
  const carl = user(6_400_003, { first_name: 'Carl', language_code: 'en', username: 'carl_f' });
  const team = groupChat(-6_400_100, 'Team');
  const other = groupChat(-6_400_200, 'Other team');

  const files = () => bot.database().dataSource.getRepository(TaskFile);
  const deadLetters = () => {
    const layout = topology(bot.prefix);
    return queueDepth(layout.deadQueue(layout.queues.commands));
  };
  const filesOfTask = (taskId: number) => files().find({ where: { taskId }, order: { id: 'ASC' } });
  const taskIdOf = (card: Sent) => Number(/^#(\d+)/.exec(card.text)?.[1]);

  /**
   * A person sends a file (the fake learns it, as Telegram knows every file it delivered) and the
   * update goes to the webhook; resolves the message as sent and the mark taken before it.
   */
  async function sendFile(
    build: Builder,
    from: Person,
    options: Omit<Partial<FileMessageOptions>, 'replyTo'> & { replyTo?: Sent } = {},
    chat: Chat = privateChat(from),
  ): Promise<{ message: Message; seq: number; update: unknown }> {
    const { replyTo, ...rest } = options;
    const update = fake.seeUpdate(
      build({ chat, from, ...rest, ...(replyTo ? { replyTo: replyTo as unknown as Message } : {}) }) as never,
    );
    const seq = bot.mark();
    await post(update);
    return { message: (update as { message: Message }).message, seq, update };
  }

  async function post(update: unknown): Promise<void> {
    const response = await fetch(`${bot.stack().gatewayUrl}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
  }

  let card: Sent;
  let photoFileId: string;

  it('a photo with "/add …" as its caption adds the task with the photo, and the card counts it', async () => {
    const { message, seq } = await sendFile(photoMessage, ann, {
      caption: '/add Fix the sink tomorrow 9:00',
    });
    card = await bot.reply(ann.id, 'Fix the sink', seq);

    expect(card.text).toContain('📎 1');
    const largest = message.photo?.at(-1);
    photoFileId = largest?.file_id ?? '';
    expect(await filesOfTask(taskIdOf(card))).toEqual([
      expect.objectContaining({ kind: 'photo', fileId: photoFileId, fileUniqueId: largest?.file_unique_id }),
    ]);
  });

  it('a document and a voice message sent in reply to the card attach to its task, once each, a caption as a note', async () => {
    const document = await sendFile(documentMessage, ann, {
      replyTo: card,
      fileName: 'quote.pdf',
      caption: 'The plumber’s quote',
    });
    const answer = await bot.reply(ann.id, 'Attached to', document.seq);
    expect(answer.text).toContain('2 of 10');
    // Its caption is kept as a note on the task.
    expect(answer.text).toContain('Note added (1)');
    const notes = await bot
      .database()
      .dataSource.getRepository(TaskNote)
      .findBy({ taskId: taskIdOf(card) });
    expect(notes.map((note) => note.text)).toEqual(['The plumber’s quote']);
    const redrawn = await bot.edited(card, '📎 2', document.seq);
    expect(buttonData(redrawn, '📎 2')).toBe(`c:${taskIdOf(card)}:f`);

    // Telegram delivers the update again: the worker has handled it and does nothing more.
    await post(document.update);
    // The same file sent again, in a new message: one attachment still.
    const sameFile: Builder = (options) => {
      const update = documentMessage(options);
      return { ...update, message: { ...update.message, document: document.message.document } };
    };
    const again = await sendFile(sameFile, ann, { replyTo: card });
    await bot.reply(ann.id, 'has this file already', again.seq);

    const voice = await sendFile(voiceMessage, ann, { replyTo: card, duration: 4 });
    await bot.reply(ann.id, '3 of 10', voice.seq);
    expect((await filesOfTask(taskIdOf(card))).map((file) => file.kind)).toEqual([
      'photo',
      'document',
      'voice',
    ]);
  });

  it('the 📎 button sends the files back into the chat by their file_id, in reply to the card', async () => {
    const shown = await bot.edited(card, '📎 3', 0);
    const { answer, seq } = await bot.press(ann, card, buttonData(shown, '📎 3'));
    expect(answer).toBe('📎 Sending 3');

    const stored = await filesOfTask(taskIdOf(card));
    const photo = await fake.waitForCall('sendPhoto', (c) => c.seq > seq && c.payload.chat_id === ann.id);
    const document = await fake.waitForCall(
      'sendDocument',
      (c) => c.seq > seq && c.payload.chat_id === ann.id,
    );
    const voice = await fake.waitForCall('sendVoice', (c) => c.seq > seq && c.payload.chat_id === ann.id);
    expect(photo.payload.photo).toBe(photoFileId);
    expect([document.payload.document, voice.payload.voice]).toEqual([stored[1]?.fileId, stored[2]?.fileId]);
    expect(photo.payload.reply_parameters).toMatchObject({ message_id: card.message_id });
    expect([photo, document, voice].every((call) => call.response.ok)).toBe(true);
  });

  it('a task keeps 10 files: the 11th is refused naming the limit', async () => {
    for (let n = 4; n <= 10; n += 1) {
      const { seq } = await sendFile(documentMessage, ann, { replyTo: card, fileName: `page-${n}.pdf` });
      await bot.reply(ann.id, `${n} of 10`, seq);
    }
    const eleventh = await sendFile(documentMessage, ann, { replyTo: card, fileName: 'page-11.pdf' });
    const refusal = await bot.reply(ann.id, 'has 10 files', eleventh.seq);

    expect(refusal.text).toContain('the most a task keeps');
    expect(await filesOfTask(taskIdOf(card))).toHaveLength(10);
  });

  it('in a group only those who may change the task attach to it; others are told why, in their language', async () => {
    const teamCard = await bot.ask(ann, '/add Order chairs', 'Order chairs', team);
    await bot.ask(boris, '/start', 'Привет', team);
    await bot.ask(carl, '/start', 'Hi', team);

    const byBoris = await sendFile(photoMessage, boris, { replyTo: teamCard }, team);
    await bot.reply(team.id, 'Прикреплять файлы к задаче могут только', byBoris.seq);
    const byCarl = await sendFile(documentMessage, carl, { replyTo: teamCard }, team);
    await bot.reply(team.id, 'Only the author, the assignee or a chat admin can attach files', byCarl.seq);
    expect(await filesOfTask(taskIdOf(teamCard))).toEqual([]);

    const byAnn = await sendFile(photoMessage, ann, { replyTo: teamCard, caption: 'the old ones' }, team);
    await bot.reply(team.id, '1 of 10', byAnn.seq);
    expect(await filesOfTask(taskIdOf(teamCard))).toHaveLength(1);
  });

  it('a forged 📎 button naming another chat’s task sends nothing of it', async () => {
    const otherCard = await bot.ask(carl, '/add Carl’s own task', 'Carl’s own task', other);
    const forged = `c:${taskIdOf(card)}:f`;

    const { answer, seq } = await bot.press(carl, otherCard, forged);

    expect(answer).toBe('That task no longer exists.');
    const sentFiles = fake
      .callsSince(seq)
      .filter((call) => /^send(Photo|Document|Voice|Video)$/.test(call.method));
    expect(sentFiles).toEqual([]);
  });

  it('a file Telegram no longer has is skipped with a note, and the others still come', async () => {
    const card = await bot.ask(ann, '/add Keep the receipts', 'Keep the receipts');
    const known = await sendFile(documentMessage, ann, { replyTo: card, fileName: 'kept.pdf' });
    await bot.reply(ann.id, '1 of 10', known.seq);
    // Delivered without the fake learning the file: Telegram has no such file for this bot.
    const unknown = documentMessage({
      chat: privateChat(ann),
      from: ann,
      replyTo: card as unknown as Message,
    });
    let seq = bot.mark();
    await post(unknown);
    await bot.reply(ann.id, '2 of 10', seq);

    const shown = await bot.edited(card, '📎 2', seq);
    ({ seq } = await bot.press(ann, card, buttonData(shown, '📎 2')));

    const note = await bot.reply(ann.id, 'could not be sent', seq);
    expect(note.text).toContain('1 of the files');
    const sent = fake.callsSince(seq, 'sendDocument').filter((call) => call.response.ok);
    expect(sent.map((call) => call.payload.document)).toEqual([known.message.document?.file_id]);
  });

  it('a file sent to a card the bot may no longer edit is kept and answered, and nothing is retried', async () => {
    const card = await bot.ask(ann, '/add Frame the picture', 'Frame the picture');
    fake.failNext('editMessageText', { code: 400, description: 'Bad Request: message to edit not found' });
    const sent = await sendFile(photoMessage, ann, { replyTo: card });
    await bot.reply(ann.id, '1 of 10', sent.seq);
    await fake.waitForCall(
      'editMessageText',
      (c) => c.seq > sent.seq && c.payload.message_id === card.message_id,
    );

    await waitFor('the work queue to be empty', async () => (await kindDepth(bot.prefix, 'commands')) === 0);
    // Neither retried nor dead-lettered with a "did not work" notice: the file is attached.
    expect(bot.stack().app('command-worker').output()).not.toContain('will retry');
    expect(await deadLetters()).toBe(0);
    const edits = fake
      .callsSince(sent.seq, 'editMessageText')
      .filter((c) => c.payload.message_id === card.message_id);
    expect(edits.map((call) => call.response.ok)).toEqual([false]);
    expect(await filesOfTask(taskIdOf(card))).toHaveLength(1);
  });

  it('a forwarded photo becomes a task with the photo attached and its origin as the first note', async () => {
    const forwarded: Builder = (options) => {
      const update = photoMessage({ ...options, caption: 'Wallpaper for the hall #home' });
      Object.assign(update.message as object, {
        forward_origin: {
          type: 'user',
          date: 1_700_000_000,
          sender_user: { id: 6_400_078, is_bot: false, first_name: 'Zoe' },
        },
      });
      return update;
    };
    const { message, seq } = await sendFile(forwarded, ann);
    const card = await bot.reply(ann.id, 'Wallpaper for the hall', seq);

    expect(card.text).toContain('📁 home');
    expect(card.text).toContain('📎 1');
    expect(card.text).toContain('forwarded from Zoe');
    expect(await filesOfTask(taskIdOf(card))).toEqual([
      expect.objectContaining({ kind: 'photo', fileId: message.photo?.at(-1)?.file_id, authorId: ann.id }),
    ]);
    const { seq: pressed } = await bot.press(ann, card, buttonData(card, '📎 1'));
    const sent = await fake.waitForCall('sendPhoto', (c) => c.seq > pressed && c.payload.chat_id === ann.id);
    expect([sent.payload.photo, sent.response.ok]).toEqual([message.photo?.at(-1)?.file_id, true]);
  });
});
