import { Input, Telegram, TelegramError } from 'telegraf';
import { FakeBotApi } from './fake-bot-api';
import { UploadedFile } from './files/uploaded-file';
import { rawBotApiCall } from './raw-bot-api-call';
import type { Document, Message, PhotoSize } from './types';
import { documentMessage, photoMessage, privateChat, user, videoMessage, voiceMessage } from './updates';

// A 2x1 PNG: the fake reads a photo's size from the image, as Telegram does.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DAwMDAAAANAAH/sVFhAAAAAElFTkSuQmCC',
  'base64',
);

describe('photos, documents, voice messages and videos', () => {
  const fake = new FakeBotApi();
  const alice = user(42, { first_name: 'Alice' });
  const chat = privateChat(alice);
  let apiRoot: string;
  let telegram: Telegram;

  const rejection = async (promise: Promise<unknown>): Promise<TelegramError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof TelegramError)) throw new Error(`expected a TelegramError, got ${String(error)}`);
    return error;
  };
  const incoming = (update: { message: unknown }): Message =>
    (fake.pushUpdate(update as never) as unknown as { message: Message }).message;

  beforeAll(async () => {
    apiRoot = await fake.start();
    telegram = new Telegram('123:abc', { apiRoot });
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  describe('builders', () => {
    it('a captioned photo carries its sizes, the caption and a bot_command caption entity', () => {
      const { message } = photoMessage({ chat, from: alice, caption: '/add Fix the sink' });
      const photo = message.photo as PhotoSize[];

      expect(photo.map(({ width, height }) => [width, height])).toEqual([
        [90, 68],
        [320, 240],
        [800, 600],
        [1280, 960],
      ]);
      expect(new Set(photo.map((size) => size.file_unique_id)).size).toBe(4);
      expect(message.caption).toBe('/add Fix the sink');
      expect(message.caption_entities).toEqual([{ type: 'bot_command', offset: 0, length: 4 }]);
      expect(message.text).toBeUndefined();
    });

    it('a document, a voice message and a video carry what Telegram tells of each', () => {
      const document = documentMessage({ chat, from: alice, fileName: 'report.pdf' }).message.document;
      const voice = voiceMessage({ chat, from: alice, duration: 7 }).message.voice;
      const video = videoMessage({ chat, from: alice }).message.video;

      expect(document).toMatchObject({ file_name: 'report.pdf', mime_type: 'application/pdf' });
      expect(voice).toMatchObject({ duration: 7, mime_type: 'audio/ogg' });
      expect(video).toMatchObject({ width: 1280, height: 720, mime_type: 'video/mp4' });
      expect(document?.file_id).not.toBe(documentMessage({ chat, from: alice }).message.document?.file_id);
    });

    it('a file can reply to a message', () => {
      const card = incoming(photoMessage({ chat, from: alice }));
      const { message } = documentMessage({ chat, from: alice, replyTo: card });
      expect(message.reply_to_message?.message_id).toBe(card.message_id);
    });
  });

  describe('sending a file by its file_id', () => {
    it('sends back a photo that came in, with all its sizes and the new caption', async () => {
      const received = incoming(photoMessage({ chat, from: alice }));
      const largest = received.photo?.at(-1) as PhotoSize;

      const sent = await telegram.sendPhoto(42, largest.file_id, {
        caption: 'Fix the sink',
        caption_entities: [{ type: 'bold', offset: 0, length: 3 }],
      });

      expect(sent.photo).toEqual(received.photo);
      expect(sent.caption).toBe('Fix the sink');
      expect(sent.caption_entities).toEqual([{ type: 'bold', offset: 0, length: 3 }]);
      expect(sent.from?.id).toBe(fake.bot.id);
      expect(fake.messagesOf(42).at(-1)).toEqual(sent);
      expect(fake.callsOf('sendPhoto')[0]?.payload.photo).toBe(largest.file_id);
    });

    it('sends a document, a voice message and a video the fake has seen', async () => {
      const document = incoming(documentMessage({ chat, from: alice, fileName: 'plan.txt' })).document;
      const voice = incoming(voiceMessage({ chat, from: alice })).voice;
      const video = incoming(videoMessage({ chat, from: alice })).video;

      expect((await telegram.sendDocument(42, document?.file_id ?? '')).document).toEqual(document);
      expect((await telegram.sendVoice(42, voice?.file_id ?? '')).voice).toEqual(voice);
      expect((await telegram.sendVideo(42, video?.file_id ?? '')).video).toEqual(video);
    });

    it('a file the fake never saw answers 400 as Telegram does', async () => {
      const error = await rejection(telegram.sendPhoto(42, 'AgACAgIAAxkBAAIBnot-a-file'));
      expect(error.code).toBe(400);
      expect(error.description).toBe('Bad Request: wrong file identifier/HTTP URL specified');
    });

    it('a file of another kind, an over-long caption or no file at all is refused', async () => {
      const document = incoming(documentMessage({ chat, from: alice })).document as Document;

      expect((await rejection(telegram.sendPhoto(42, document.file_id))).description).toBe(
        'Bad Request: type of file mismatch',
      );
      const long = telegram.sendDocument(42, document.file_id, { caption: 'x'.repeat(1025) });
      expect((await rejection(long)).description).toBe('Bad Request: message caption is too long');
      const { body } = await rawBotApiCall(apiRoot, 'sendVoice', { chat_id: 42 });
      expect(body).toMatchObject({ ok: false, description: 'Bad Request: there is no voice in the request' });
    });

    it('replies to a message and keeps an inline keyboard, as a text message does', async () => {
      const card = await telegram.sendMessage(42, 'Card');
      const document = incoming(documentMessage({ chat, from: alice })).document as Document;
      const sent = await telegram.sendDocument(42, document.file_id, {
        reply_parameters: { message_id: card.message_id },
        reply_markup: { inline_keyboard: [[{ text: 'Open', callback_data: 'c:1:o' }]] },
      });
      expect(sent.reply_to_message?.message_id).toBe(card.message_id);
      expect(sent.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe('Open');
    });
  });

  describe('uploads (multipart/form-data)', () => {
    it('a document upload gets fresh ids, its name and type; its bytes can be read back', async () => {
      const csv = Buffer.from('title,due\nBuy milk,2026-12-06\n');
      const sent = await telegram.sendDocument(42, Input.fromBuffer(csv, 'tasks.csv'), {
        caption: 'Your tasks',
      });

      expect(sent.document).toMatchObject({
        file_name: 'tasks.csv',
        mime_type: 'text/csv',
        file_size: csv.length,
      });
      expect(sent.caption).toBe('Your tasks');
      const fileId = sent.document.file_id;
      expect(fake.fileContent(fileId)).toEqual({ file_name: 'tasks.csv', mime_type: 'text/csv', bytes: csv });
      const upload = fake.callsOf('sendDocument')[0]?.payload.document;
      expect(upload).toBeInstanceOf(UploadedFile);
      expect((upload as UploadedFile).bytes).toEqual(csv);
      expect(JSON.parse(JSON.stringify(upload))).toMatchObject({
        file_name: 'tasks.csv',
        file_size: csv.length,
      });
    });

    it('an uploaded file is then known: sent again by file_id, found by getFile and downloaded', async () => {
      const ics = Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
      const first = await telegram.sendDocument(42, Input.fromBuffer(ics, 'tasks.ics'));
      const again = await telegram.sendDocument(43, first.document.file_id);
      const file = await telegram.getFile(first.document.file_id);
      const download = await fetch(`${apiRoot}/file/bot123:abc/${file.file_path}`);

      expect(again.document).toEqual(first.document);
      expect(file).toMatchObject({ file_id: first.document.file_id, file_size: ics.length });
      expect(download.headers.get('content-type')).toBe('text/calendar');
      expect(Buffer.from(await download.arrayBuffer())).toEqual(ics);
      const control = (await (await fetch(`${apiRoot}/_fake/files/${first.document.file_id}`)).json()) as {
        result: unknown;
      };
      expect(control.result).toEqual({
        file_name: 'tasks.ics',
        mime_type: 'text/calendar',
        base64: ics.toString('base64'),
      });
    });

    it('a photo upload is read for its size and kept in several sizes; a non-image is refused', async () => {
      const sent = await telegram.sendPhoto(42, Input.fromBuffer(PNG, 'dot.png'));
      expect(sent.photo.map(({ width, height }) => [width, height])).toEqual([[2, 1]]);
      expect(fake.fileContent(sent.photo[0]?.file_id ?? '')?.bytes).toEqual(PNG);

      const error = await rejection(
        telegram.sendPhoto(42, Input.fromBuffer(Buffer.from('not an image'), 'x.png')),
      );
      expect(error.description).toBe('Bad Request: IMAGE_PROCESS_FAILED');
    });

    it('voice and video uploads carry the duration given; an empty file is refused', async () => {
      const voice = await telegram.sendVoice(42, Input.fromBuffer(Buffer.from('OggS...'), 'note.ogg'), {
        duration: 4,
      });
      const video = await telegram.sendVideo(42, Input.fromBuffer(Buffer.from('....ftyp'), 'clip.mp4'));
      expect(voice.voice).toMatchObject({ duration: 4, mime_type: 'audio/ogg' });
      expect(video.video).toMatchObject({ file_name: 'clip.mp4', mime_type: 'video/mp4' });

      const empty = telegram.sendDocument(42, Input.fromBuffer(Buffer.alloc(0), 'empty.txt'));
      expect((await rejection(empty)).description).toBe('Bad Request: file must be non-empty');
    });

    it('an album of two uploaded photos is two messages of one media group', async () => {
      const sent = await telegram.sendMediaGroup(42, [
        { type: 'photo', media: Input.fromBuffer(PNG, 'a.png'), caption: 'Before' },
        { type: 'photo', media: Input.fromBuffer(PNG, 'b.png') },
      ]);
      expect(sent).toHaveLength(2);
      expect(sent[0]?.media_group_id).toBeDefined();
      expect(sent[1]?.media_group_id).toBe(sent[0]?.media_group_id);
      expect((sent[0] as Message).caption).toBe('Before');
    });

    it('a body that does not match its boundary answers 400, and one over 50 MB answers 413', async () => {
      const broken = await fetch(`${apiRoot}/bot123:abc/sendDocument`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
        body: '--abc\r\ngarbage',
      });
      expect(broken.status).toBe(400);

      const form = new FormData();
      form.append('chat_id', '42');
      form.append('document', new Blob([Buffer.alloc(51 * 1024 * 1024)]), 'big.bin');
      const big = await fetch(`${apiRoot}/bot123:abc/sendDocument`, { method: 'POST', body: form });
      expect(big.status).toBe(413);
      expect(fake.callsOf('sendDocument')).toHaveLength(0);
    });
  });

  describe('editing and failures', () => {
    it('a caption is edited with editMessageCaption; editMessageText refuses a photo', async () => {
      const photo = incoming(photoMessage({ chat, from: alice })).photo as PhotoSize[];
      const sent = await telegram.sendPhoto(42, photo[0]?.file_id ?? '', { caption: 'Old' });

      const edited = (await telegram.editMessageCaption(42, sent.message_id, undefined, 'New')) as Message;
      expect(edited.caption).toBe('New');
      const error = await rejection(telegram.editMessageText(42, sent.message_id, undefined, 'Text'));
      expect(error.description).toBe('Bad Request: there is no text in the message to edit');
    });

    it.each(['sendPhoto', 'sendDocument', 'sendVoice', 'sendVideo', 'sendMediaGroup', 'getFile'])(
      'injected failures apply to %s: an HTML 502 page, then Telegram JSON 500, then the method works',
      async (method) => {
        fake.failNext(method, { code: 502, html: true });
        fake.failNext(method, { code: 500 });
        const payload = { chat_id: 42, media: '[]', file_id: 'x' };
        const page = await fetch(`${apiRoot}/bot123:abc/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(payload),
        });
        expect(page.status).toBe(502);
        expect(page.headers.get('content-type')).toContain('text/html');
        expect((await rawBotApiCall(apiRoot, method, payload)).status).toBe(500);
        expect((await rawBotApiCall(apiRoot, method, payload)).status).toBe(400);
      },
    );

    it('an upload meets an injected failure too, and the bot can send it again after', async () => {
      fake.failNext('sendDocument', { code: 502 });
      const upload = () => telegram.sendDocument(42, Input.fromBuffer(Buffer.from('a,b'), 'x.csv'));
      expect((await rejection(upload())).code).toBe(502);
      expect((await upload()).document.file_name).toBe('x.csv');
    });

    it('a hang failure holds a sendPhoto unanswered until the client gives up', async () => {
      fake.failNext('sendPhoto', { hang: true });
      const controller = new AbortController();
      const call = fetch(`${apiRoot}/bot123:abc/sendPhoto`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: 42, photo: 'x' }),
        signal: controller.signal,
      });
      await fake.waitForCall('sendPhoto');
      controller.abort();
      await expect(call).rejects.toThrow();
    });
  });
});
