import { FakeBotApi } from './fake-bot-api';
import { rawBotApiCall } from './raw-bot-api-call';
import type { Message } from './types';
import { documentMessage, privateChat, user } from './updates';

// Telegram reads a text or caption sent with parse_mode into plain text and entities, and refuses
// markup it cannot read; the fake does the same for every method that carries one.

describe('formatted texts and captions', () => {
  const fake = new FakeBotApi();
  const alice = user(42, { first_name: 'Alice' });
  let apiRoot: string;
  const call = (method: string, payload: Record<string, unknown>) => rawBotApiCall(apiRoot, method, payload);
  const sent = async (method: string, payload: Record<string, unknown>): Promise<Message> => {
    const { body } = await call(method, payload);
    if (!body.ok) throw new Error(body.description);
    return body.result as Message;
  };
  const knownDocument = () => {
    const pushed = fake.pushUpdate(documentMessage({ chat: privateChat(alice), from: alice }) as never);
    return (pushed as unknown as { message: Message }).message.document?.file_id;
  };

  beforeAll(async () => {
    apiRoot = await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it('a message in HTML comes back as plain text and entities, trimmed as Telegram trims', async () => {
    const message = await sent('sendMessage', {
      chat_id: 42,
      text: '\n#1 <b>Buy &lt;milk&gt;</b> &amp; <i>bread</i>\n',
      parse_mode: 'HTML',
    });

    expect(message.text).toBe('#1 Buy <milk> & bread');
    expect(message.entities).toEqual([
      { type: 'bold', offset: 3, length: 10 },
      { type: 'italic', offset: 16, length: 5 },
    ]);
    expect(fake.messagesOf(42).at(-1)?.text).toBe('#1 Buy <milk> & bread');
  });

  it('bad HTML answers 400 in Telegram words and sends nothing', async () => {
    const { status, body } = await call('sendMessage', {
      chat_id: 42,
      text: 'Write /add <text> to add a task',
      parse_mode: 'HTML',
    });

    expect(status).toBe(400);
    expect(body).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "text" at byte offset 11',
    });
    expect(fake.messagesOf(42)).toEqual([]);
  });

  it('MarkdownV2 is read too, an unknown parse mode is refused, and explicit entities win', async () => {
    expect(
      await sent('sendMessage', { chat_id: 42, text: '*Done*\\!', parse_mode: 'MarkdownV2' }),
    ).toMatchObject({
      text: 'Done!',
      entities: [{ type: 'bold', offset: 0, length: 4 }],
    });
    expect(
      (await call('sendMessage', { chat_id: 42, text: 'Done.', parse_mode: 'MarkdownV2' })).body,
    ).toMatchObject({
      description:
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    });
    expect((await call('sendMessage', { chat_id: 42, text: 'x', parse_mode: 'XML' })).body).toMatchObject({
      description: 'Bad Request: unsupported parse_mode',
    });
    const entities = [{ type: 'italic', offset: 0, length: 3 }];
    expect(
      await sent('sendMessage', { chat_id: 42, text: '<b>', parse_mode: 'HTML', entities }),
    ).toMatchObject({
      text: '<b>',
      entities,
    });
  });

  it('a text that is only markup is empty', async () => {
    expect(
      (await call('sendMessage', { chat_id: 42, text: '<b> </b>', parse_mode: 'HTML' })).body,
    ).toMatchObject({
      description: 'Bad Request: message text is empty',
    });
  });

  it('an edit is read the same way, and the same text in other markup is not modified', async () => {
    const message = await sent('sendMessage', { chat_id: 42, text: '<b>Buy</b> milk', parse_mode: 'HTML' });
    const edit = (text: string, parse_mode = 'HTML') =>
      call('editMessageText', { chat_id: 42, message_id: message.message_id, text, parse_mode });

    expect((await edit('<strong>Buy</strong> milk\n')).body).toMatchObject({
      description: expect.stringContaining('Bad Request: message is not modified'),
    });
    expect((await edit('<b>Buy</b> <i>milk</i>')).body).toMatchObject({
      ok: true,
      result: { text: 'Buy milk', entities: [{ type: 'bold' }, { type: 'italic', offset: 4, length: 4 }] },
    });
    expect((await edit('<b>Buy</i>')).body).toMatchObject({
      description:
        'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 6, expected "</b>", found "</i>"',
    });
  });

  it('captions of files and their edits are read per parse_mode', async () => {
    const fileId = knownDocument();
    const document = await sent('sendDocument', {
      chat_id: 42,
      document: fileId,
      caption: '<i>Report</i> &amp; notes',
      parse_mode: 'HTML',
    });
    expect(document).toMatchObject({
      caption: 'Report & notes',
      caption_entities: [{ type: 'italic', offset: 0, length: 6 }],
    });

    const refused = await call('sendDocument', {
      chat_id: 42,
      document: fileId,
      caption: '<b>x',
      parse_mode: 'HTML',
    });
    expect(refused.body).toMatchObject({
      description: 'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"',
    });
    const edited = await sent('editMessageCaption', {
      chat_id: 42,
      message_id: document.message_id,
      caption: 'Final <u>report</u>',
      parse_mode: 'HTML',
    });
    expect(edited).toMatchObject({
      caption: 'Final report',
      caption_entities: [{ type: 'underline', offset: 6, length: 6 }],
    });
  });
});
