import { FakeBotApi } from './fake-bot-api';
import { rawBotApiCall } from './raw-bot-api-call';
import type { Message } from './types';
import { privateChat, textMessage, user } from './updates';

const keyboard = { inline_keyboard: [[{ text: 'Done', callback_data: 'task:1:done' }]] };

describe('messages', () => {
  const fake = new FakeBotApi({ botUser: { id: 4242, username: 'tasks_bot' } });
  let apiRoot: string;
  const call = (method: string, payload: Record<string, unknown> = {}) =>
    rawBotApiCall(apiRoot, method, payload);
  const send = async (payload: Record<string, unknown>): Promise<Message> => {
    const { body } = await call('sendMessage', payload);
    if (!body.ok) throw new Error(body.description);
    return body.result as Message;
  };

  beforeAll(async () => {
    apiRoot = await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it('sending a message answers a Message from the bot, numbered per chat, in a private chat', async () => {
    const first = await send({ chat_id: 42, text: 'Hello' });
    const second = await send({ chat_id: 42, text: 'Again' });
    const elsewhere = await send({ chat_id: 43, text: 'Hi' });

    expect(first).toEqual({
      message_id: 1,
      from: { id: 4242, is_bot: true, first_name: 'Task Bot', username: 'tasks_bot' },
      chat: { id: 42, type: 'private' },
      date: expect.any(Number),
      text: 'Hello',
    });
    expect(Math.abs(first.date - Date.now() / 1000)).toBeLessThan(5);
    expect(second.message_id).toBe(2);
    expect(elsewhere.message_id).toBe(1);
  });

  it('a negative chat id is a group and an id below -10^12 a supergroup', async () => {
    expect((await send({ chat_id: -4001, text: 'x' })).chat.type).toBe('group');
    expect((await send({ chat_id: -1001234567890, text: 'x' })).chat.type).toBe('supergroup');
  });

  it('a private chat carries the names of the user the fake has seen in an update', async () => {
    const alice = user(42, { first_name: 'Alice', username: 'alice' });
    fake.pushUpdate(textMessage({ chat: privateChat(alice), from: alice, text: 'hi' }));

    expect((await send({ chat_id: 42, text: 'Hello Alice' })).chat).toEqual({
      id: 42,
      type: 'private',
      first_name: 'Alice',
      username: 'alice',
    });
  });

  it('the inline keyboard and the entities come back on the message', async () => {
    const entities = [{ type: 'bold', offset: 0, length: 4 }];
    const message = await send({ chat_id: 42, text: 'Buy milk', entities, reply_markup: keyboard });

    expect(message.reply_markup).toEqual(keyboard);
    expect(message.entities).toEqual(entities);
  });

  it('a reply keyboard is accepted but not part of the message, as on Telegram', async () => {
    const message = await send({
      chat_id: 42,
      text: 'Pick',
      reply_markup: { keyboard: [[{ text: 'Today' }]] },
    });

    expect(message.reply_markup).toBeUndefined();
  });

  it('sending without chat_id answers 400 chat_id is empty', async () => {
    expect(await call('sendMessage', { text: 'x' })).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: chat_id is empty' },
    });
  });

  it('sending an empty or blank text answers 400 message text is empty', async () => {
    for (const text of [undefined, '', '   ']) {
      const { status, body } = await call('sendMessage', { chat_id: 42, text });
      expect(status).toBe(400);
      expect(body).toMatchObject({ description: 'Bad Request: message text is empty' });
    }
  });

  it('a text of 4096 characters is sent and one of 4097 answers 400 message is too long', async () => {
    expect((await call('sendMessage', { chat_id: 42, text: 'a'.repeat(4096) })).status).toBe(200);
    expect(await call('sendMessage', { chat_id: 42, text: 'a'.repeat(4097) })).toMatchObject({
      status: 400,
      body: { description: 'Bad Request: message is too long' },
    });
  });

  it('callback_data over 64 bytes answers 400 BUTTON_DATA_INVALID, counting bytes not characters', async () => {
    const button = (data: string) => ({ inline_keyboard: [[{ text: 'x', callback_data: data }]] });

    expect(
      (await call('sendMessage', { chat_id: 42, text: 'x', reply_markup: button('a'.repeat(64)) })).status,
    ).toBe(200);
    expect(
      await call('sendMessage', { chat_id: 42, text: 'x', reply_markup: button('é'.repeat(33)) }),
    ).toMatchObject({
      status: 400,
      body: { description: 'Bad Request: BUTTON_DATA_INVALID' },
    });
  });

  it('an inline button with nothing to do answers 400, as Telegram refuses text buttons there', async () => {
    const { status, body } = await call('sendMessage', {
      chat_id: 42,
      text: 'x',
      reply_markup: { inline_keyboard: [[{ text: 'Just text' }]] },
    });

    expect(status).toBe(400);
    expect(body).toMatchObject({ description: expect.stringContaining('Text buttons are unallowed') });
  });

  it('parameters also arrive as a url-encoded form or in the query string, JSON fields as text', async () => {
    const form = new URLSearchParams({
      chat_id: '42',
      text: 'From a form',
      reply_markup: JSON.stringify(keyboard),
    });
    const formAnswer = await fetch(`${apiRoot}/bot1:a/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const queryAnswer = await fetch(`${apiRoot}/bot1:a/sendMessage?chat_id=42&text=From%20a%20query`);

    expect(await formAnswer.json()).toMatchObject({
      ok: true,
      result: { text: 'From a form', reply_markup: keyboard },
    });
    expect(await queryAnswer.json()).toMatchObject({
      ok: true,
      result: { text: 'From a query', message_id: 2 },
    });
  });

  it('replying to a message quotes it, and replying to an unknown one answers 400', async () => {
    const original = await send({ chat_id: 42, text: 'Original' });
    const reply = await send({
      chat_id: 42,
      text: 'Reply',
      reply_parameters: { message_id: original.message_id },
    });

    expect(reply.reply_to_message).toEqual(original);
    expect(await call('sendMessage', { chat_id: 42, text: 'x', reply_to_message_id: 99 })).toMatchObject({
      status: 400,
      body: { description: 'Bad Request: message to be replied not found' },
    });
  });

  it('editing a message changes it in the chat and answers it with edit_date', async () => {
    const sent = await send({ chat_id: 42, text: 'Buy milk', reply_markup: keyboard });
    const { body } = await call('editMessageText', {
      chat_id: 42,
      message_id: sent.message_id,
      text: 'Buy milk ✅',
      reply_markup: keyboard,
    });

    expect(body).toEqual({
      ok: true,
      result: { ...sent, text: 'Buy milk ✅', edit_date: expect.any(Number) },
    });
    expect(fake.messagesOf(42)).toEqual([{ ...sent, text: 'Buy milk ✅', edit_date: expect.any(Number) }]);
  });

  it('editing a message with the same text answers 400 message is not modified', async () => {
    const sent = await send({ chat_id: 42, text: 'Buy milk', reply_markup: keyboard });

    expect(
      await call('editMessageText', {
        chat_id: 42,
        message_id: sent.message_id,
        text: 'Buy milk',
        reply_markup: keyboard,
      }),
    ).toEqual({
      status: 400,
      body: {
        ok: false,
        error_code: 400,
        description:
          'Bad Request: message is not modified: specified new message content and reply markup are exactly the ' +
          'same as a current content and reply markup of the message',
      },
    });
  });

  it('editing the text without reply_markup removes the inline keyboard, as Telegram does', async () => {
    const sent = await send({ chat_id: 42, text: 'Buy milk', reply_markup: keyboard });
    const { body } = await call('editMessageText', {
      chat_id: 42,
      message_id: sent.message_id,
      text: 'Buy milk',
    });

    expect(body.ok).toBe(true);
    expect(fake.messagesOf(42)[0]?.reply_markup).toBeUndefined();
  });

  it('editing an unknown message answers 400 message to edit not found', async () => {
    expect(await call('editMessageText', { chat_id: 42, message_id: 7, text: 'x' })).toMatchObject({
      status: 400,
      body: { description: 'Bad Request: message to edit not found' },
    });
  });

  it("editing a user's message answers 400 message can't be edited", async () => {
    const alice = user(42);
    const update = fake.pushUpdate(textMessage({ chat: privateChat(alice), from: alice, text: 'mine' }));

    expect(
      await call('editMessageText', { chat_id: 42, message_id: update.message?.message_id, text: 'changed' }),
    ).toMatchObject({ status: 400, body: { description: "Bad Request: message can't be edited" } });
  });

  it('editing the reply markup replaces the keyboard, and the same markup is not modified', async () => {
    const sent = await send({ chat_id: 42, text: 'Buy milk', reply_markup: keyboard });
    const undo = { inline_keyboard: [[{ text: 'Undo', callback_data: 'task:1:undo' }]] };

    const { body } = await call('editMessageReplyMarkup', {
      chat_id: 42,
      message_id: sent.message_id,
      reply_markup: undo,
    });
    const again = await call('editMessageReplyMarkup', {
      chat_id: 42,
      message_id: sent.message_id,
      reply_markup: undo,
    });

    expect(body).toMatchObject({ ok: true, result: { text: 'Buy milk', reply_markup: undo } });
    expect(again.body).toMatchObject({ description: expect.stringContaining('message is not modified') });
  });

  it('deleting a message removes it from the chat; deleting it again answers 400', async () => {
    const sent = await send({ chat_id: 42, text: 'Temporary' });

    expect((await call('deleteMessage', { chat_id: 42, message_id: sent.message_id })).body).toEqual({
      ok: true,
      result: true,
    });
    expect(fake.messagesOf(42)).toEqual([]);
    expect(await call('deleteMessage', { chat_id: 42, message_id: sent.message_id })).toMatchObject({
      status: 400,
      body: { description: 'Bad Request: message to delete not found' },
    });
  });

  it('a new message after a deletion takes a new id, never a used one', async () => {
    await send({ chat_id: 42, text: 'one' });
    await call('deleteMessage', { chat_id: 42, message_id: 1 });

    expect((await send({ chat_id: 42, text: 'two' })).message_id).toBe(2);
  });

  it('sendChatAction answers true for a known action and 400 for an unknown one', async () => {
    expect((await call('sendChatAction', { chat_id: 42, action: 'typing' })).body).toEqual({
      ok: true,
      result: true,
    });
    expect(await call('sendChatAction', { chat_id: 42, action: 'dancing' })).toMatchObject({
      status: 400,
      body: { description: 'Bad Request: wrong parameter action in request' },
    });
  });
});
