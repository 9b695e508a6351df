import { SANDBOX_TOKEN } from '@taskbot/config/sandbox';
import { rawBotApiCall } from '@taskbot/fake-bot-api/raw-bot-api-call';
import type { Chat, Message } from '@taskbot/fake-bot-api/types';
import { botSees, forwardedContent, hiddenNames, originOf } from './forwarding';
import type { SandboxEvent } from './sandbox-io';
import { SandboxServer } from './sandbox-server';
import { DEFAULT_USERS, GROUP_ID } from './world';

const [alice, boris, carol] = DEFAULT_USERS as [
  (typeof DEFAULT_USERS)[0],
  (typeof DEFAULT_USERS)[0],
  (typeof DEFAULT_USERS)[0],
];
const group = { id: GROUP_ID, type: 'supergroup', title: 'Team' } as Chat;
const bot = { id: 900, is_bot: true, first_name: 'Taskbot', username: 'taskbot_bot' };

const message = (fields: Record<string, unknown>): Message =>
  ({ message_id: 7, date: 1_700_000_000, chat: group, from: boris, ...fields }) as unknown as Message;

describe('a forwarded message as Telegram builds it', () => {
  it('names the sender, the bot for its own messages, and a chat for a message sent as the chat', () => {
    expect(originOf(message({ text: 'hi' }))).toEqual({
      type: 'user',
      date: 1_700_000_000,
      sender_user: boris,
    });
    expect(originOf(message({ from: bot, text: 'card' }))).toEqual({
      type: 'user',
      date: 1_700_000_000,
      sender_user: bot,
    });
    expect(originOf(message({ sender_chat: group, author_signature: 'Admin', text: 'x' }))).toEqual({
      type: 'chat',
      date: 1_700_000_000,
      sender_chat: group,
      author_signature: 'Admin',
    });
  });

  it('names a person who hides their account in forwards by name only, and keeps the first origin of a forward', () => {
    const hidden = hiddenNames(new Set([carol.id]));
    expect(originOf(message({ from: { ...carol, last_name: 'Ray' }, text: 'x' }), hidden)).toEqual({
      type: 'hidden_user',
      date: 1_700_000_000,
      sender_user_name: 'Carol Ray',
    });
    expect(originOf(message({ text: 'x' }), hidden)).toMatchObject({ type: 'user', sender_user: boris });
    const first = {
      type: 'channel',
      date: 1,
      chat: { id: -100, type: 'channel', title: 'News' },
      message_id: 3,
    };
    expect(originOf(message({ text: 'x', forward_origin: first }), hidden)).toBe(first);
  });

  it('keeps text, caption, entities and the file; not buttons, the replied message or the album', () => {
    const photo = [{ file_id: 'p1', file_unique_id: 'u1', width: 2, height: 1 }];
    const bold = [{ type: 'bold', offset: 0, length: 3 }];
    const content = forwardedContent(
      message({
        caption: 'Fix the sink',
        caption_entities: bold,
        photo,
        media_group_id: 'album',
        reply_to_message: message({ message_id: 6, text: 'before' }),
        reply_markup: { inline_keyboard: [[{ text: 'Done', callback_data: 'd' }]] },
      }),
    );
    expect(content).toEqual({
      forward_origin: { type: 'user', date: 1_700_000_000, sender_user: boris },
      caption: 'Fix the sink',
      caption_entities: bold,
      photo,
    });
  });

  it('is never seen by the bot in a group (privacy mode: a forward is no command), always in private', () => {
    const origin = { type: 'user', date: 1, sender_user: boris };
    expect(botSees(message({ text: '/tasks' }), bot)).toBe(true);
    expect(botSees(message({ text: '/tasks', forward_origin: origin }), bot)).toBe(false);
    expect(botSees(message({ text: 'hi @taskbot_bot', forward_origin: origin }), bot)).toBe(false);
    const privateChat = { id: alice.id, type: 'private', first_name: 'Alice' };
    expect(botSees(message({ chat: privateChat, text: 'x', forward_origin: origin }), bot)).toBe(true);
  });
});

describe('forwarding in the sandbox', () => {
  const sandbox = new SandboxServer();
  let root: string;
  let offset = 0;

  const call = (method: string, payload: Record<string, unknown> = {}) =>
    rawBotApiCall(root, method, payload, SANDBOX_TOKEN);
  const updates = async (): Promise<Array<{ update_id: number; message?: Message }>> => {
    const { body } = await call('getUpdates', { offset, timeout: 0 });
    const result = (body as { result: Array<{ update_id: number; message?: Message }> }).result;
    offset = (result.at(-1)?.update_id ?? offset - 1) + 1;
    return result;
  };
  const post = (path: string, body: Record<string, unknown>) =>
    fetch(`${root}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const forward = (userId: number, fromChatId: number, messageId: number, toChatId: number) =>
    post('/api/forwards', { userId, fromChatId, messageId, toChatId });
  const said = async (userId: number, chatId: number, text: string) =>
    ((await (await post('/api/messages', { userId, chatId, text })).json()) as { message: Message }).message;

  beforeAll(async () => {
    root = await sandbox.start(0);
  });
  afterAll(() => sandbox.stop());
  beforeEach(async () => {
    await updates();
  });

  it('gives the bot a group message forwarded to a private chat, from the forwarder, with its origin', async () => {
    const original = await said(boris.id, GROUP_ID, 'Book the room /tasks');
    const events: SandboxEvent[] = [];
    const stop = sandbox.api.subscribe((event) => events.push(event));
    const response = await forward(alice.id, GROUP_ID, original.message_id, alice.id);
    stop();
    expect(response.status).toBe(200);
    const { message } = (await response.json()) as { message: Message };
    expect(message).toMatchObject({
      from: { id: alice.id },
      chat: { id: alice.id, type: 'private' },
      text: 'Book the room /tasks',
      entities: original.entities,
      forward_origin: { type: 'user', date: original.date, sender_user: { id: boris.id } },
    });
    expect(sandbox.api.snapshot().messages[String(alice.id)]?.at(-1)).toEqual(message);
    expect(await updates()).toEqual([expect.objectContaining({ message })]);
    expect(events).toEqual([{ type: 'message', chatId: alice.id, message }]);
  });

  it('forwards the bot’s message with its file, named as from the bot; into the group the bot does not see it', async () => {
    const upload = await post('/api/files', {
      userId: alice.id,
      chatId: alice.id,
      fileName: 'plan.txt',
      mimeType: 'text/plain',
      base64: Buffer.from('plan').toString('base64'),
    });
    const uploaded = ((await upload.json()) as { message: Message }).message;
    await updates();
    const { body } = await call('sendDocument', {
      chat_id: alice.id,
      document: uploaded.document?.file_id,
      caption: 'The plan',
    });
    const sent = (body as { result: Message }).result;
    expect(sent.document?.file_id).toBeDefined();

    const toGroup = await forward(alice.id, alice.id, sent.message_id, GROUP_ID);
    expect(toGroup.status).toBe(200);
    const { message } = (await toGroup.json()) as { message: Message };
    expect(message).toMatchObject({
      chat: { id: GROUP_ID },
      caption: 'The plan',
      document: sent.document,
      forward_origin: { type: 'user', sender_user: { id: sandbox.api.snapshot().bot.id, is_bot: true } },
    });
    expect(await updates()).toEqual([]);
  });

  it('names Carol, who hides her account in forwards, as a hidden user', async () => {
    const original = await said(carol.id, GROUP_ID, 'secret plan');
    expect((await forward(boris.id, GROUP_ID, original.message_id, boris.id)).status).toBe(200);
    const [update] = await updates();
    expect(update?.message).toMatchObject({
      from: { id: boris.id },
      forward_origin: { type: 'hidden_user', sender_user_name: 'Carol' },
    });
  });

  it('refuses a message of a chat the person is not in, a chat they are not in, and a missing message', async () => {
    const own = await said(boris.id, boris.id, 'mine');
    await updates();
    const answers = await Promise.all([
      forward(alice.id, boris.id, own.message_id, alice.id),
      forward(boris.id, boris.id, own.message_id, alice.id),
      forward(alice.id, alice.id, 999_999, alice.id),
      post('/api/forwards', { userId: alice.id, fromChatId: alice.id, messageId: 0, toChatId: alice.id }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 404, 400]);
    expect(await updates()).toEqual([]);
  });
});
