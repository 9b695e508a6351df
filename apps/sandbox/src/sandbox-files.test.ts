import { SANDBOX_TOKEN } from '@taskbot/config/sandbox';
import { rawBotApiCall } from '@taskbot/fake-bot-api/raw-bot-api-call';
import type { Message } from '@taskbot/fake-bot-api/types';
import { SandboxServer } from './sandbox-server';
import { kindOfUpload } from './upload-kind';
import { DEFAULT_USERS, GROUP_ID } from './world';

const [alice, boris] = DEFAULT_USERS.map((user) => user.id) as [number, number];

// A 2x1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DAwMDAAAANAAH/sVFhAAAAAElFTkSuQmCC',
  'base64',
);

describe('files in the sandbox', () => {
  const sandbox = new SandboxServer();
  let root: string;
  let offset = 0;

  const bot = (method: string, payload: Record<string, unknown> = {}) =>
    rawBotApiCall(root, method, payload, SANDBOX_TOKEN);
  const updates = async (): Promise<Array<{ update_id: number; message?: Message }>> => {
    const { body } = await bot('getUpdates', { offset, timeout: 0 });
    const result = (body as { result: Array<{ update_id: number; message?: Message }> }).result;
    offset = (result.at(-1)?.update_id ?? offset - 1) + 1;
    return result;
  };
  const postFile = (body: Record<string, unknown>) =>
    fetch(`${root}/api/files`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const shown = (chatId: number) => sandbox.api.snapshot().messages[String(chatId)] ?? [];

  beforeAll(async () => {
    root = await sandbox.start(0);
  });
  afterAll(() => sandbox.stop());
  beforeEach(async () => {
    await updates();
  });

  it('a person sends a captioned photo; the bot gets it with caption entities and can send it back', async () => {
    const response = await postFile({
      userId: alice,
      chatId: alice,
      fileName: 'sink.png',
      mimeType: 'image/png',
      base64: PNG.toString('base64'),
      caption: '/add Fix the sink',
    });
    expect(response.status).toBe(200);
    const { message } = (await response.json()) as { message: Message };
    expect(message.photo?.at(-1)).toMatchObject({ width: 2, height: 1 });
    expect(message.caption_entities).toEqual([{ type: 'bot_command', offset: 0, length: 4 }]);
    expect(await updates()).toEqual([expect.objectContaining({ message })]);

    const fileId = message.photo?.at(-1)?.file_id;
    const { body } = await bot('sendPhoto', {
      chat_id: alice,
      photo: fileId,
      caption: '<b>Fix the sink</b>',
      parse_mode: 'HTML',
    });
    expect(body).toMatchObject({
      ok: true,
      result: { photo: message.photo, caption: 'Fix the sink', caption_entities: [{ type: 'bold' }] },
    });
    expect(shown(alice).at(-1)).toMatchObject({ caption: 'Fix the sink', photo: message.photo });
  });

  it('a document sent in the group as a reply to the bot reaches the bot; one without a reason does not', async () => {
    const { body } = await bot('sendMessage', { chat_id: GROUP_ID, text: 'Card' });
    const card = (body as { result: Message }).result;
    const file = { userId: boris, chatId: GROUP_ID, fileName: 'plan.pdf', mimeType: '', base64: 'JVBERi0x' };

    expect((await postFile({ ...file, replyToMessageId: card.message_id })).status).toBe(200);
    expect((await postFile(file)).status).toBe(200);

    const seen = await updates();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.message?.document).toMatchObject({ file_name: 'plan.pdf', mime_type: 'application/pdf' });
    expect(seen[0]?.message?.reply_to_message?.message_id).toBe(card.message_id);
  });

  it('refuses an empty file, a caption over 1024 characters and a person outside the chat', async () => {
    const file = { userId: alice, chatId: alice, fileName: 'a.txt', mimeType: 'text/plain', base64: 'YQ==' };
    const answers = await Promise.all([
      postFile({ ...file, base64: '' }),
      postFile({ ...file, caption: 'x'.repeat(1025) }),
      postFile({ ...file, chatId: boris }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400]);
    expect(await updates()).toEqual([]);
  });

  it('an image goes as a photo, OGG audio as voice, MP4 as video and anything else as a document', () => {
    expect(kindOfUpload('sink.png', 'image/png', PNG)).toBe('photo');
    expect(kindOfUpload('fake.png', 'image/png', Buffer.from('text'))).toBe('document');
    expect(kindOfUpload('note.ogg', '', Buffer.from('OggS'))).toBe('voice');
    expect(kindOfUpload('clip.mp4', 'video/mp4', Buffer.from('x'))).toBe('video');
    expect(kindOfUpload('tasks.csv', 'text/csv', Buffer.from('a,b'))).toBe('document');
  });
});
