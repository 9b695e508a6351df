import { FakeBotApi } from './fake-bot-api';
import { rawBotApiCall } from './raw-bot-api-call';
import type { Message } from './types';
import { callbackQuery, groupChat, privateChat, textMessage, user } from './updates';

const alice = user(42, { first_name: 'Alice', username: 'alice', language_code: 'de' });

describe('update builders', () => {
  it('a user is a person with a first name, and their private chat shares their id and names', () => {
    expect(alice).toEqual({
      id: 42,
      is_bot: false,
      first_name: 'Alice',
      username: 'alice',
      language_code: 'de',
    });
    expect(privateChat(alice)).toEqual({ id: 42, type: 'private', first_name: 'Alice', username: 'alice' });
  });

  it('a group chat is a group, or a supergroup for -100… ids, and must have a negative id', () => {
    expect(groupChat(-4001, 'Team')).toEqual({ id: -4001, type: 'group', title: 'Team' });
    expect(groupChat(-1001234567890, 'Big team').type).toBe('supergroup');
    expect(() => groupChat(5, 'Nope')).toThrow('negative');
  });

  it('a text message starting with a command carries a bot_command entity, as Telegram adds it', () => {
    const update = textMessage({ chat: privateChat(alice), from: alice, text: '/add Buy milk tomorrow' });

    expect(update.message).toEqual({
      message_id: expect.any(Number),
      from: alice,
      chat: privateChat(alice),
      date: expect.any(Number),
      text: '/add Buy milk tomorrow',
      entities: [{ type: 'bot_command', offset: 0, length: 4 }],
    });
  });

  it('a command addressed to a bot by username is one entity, and plain text has none', () => {
    const addressed = textMessage({ chat: groupChat(-4001, 'Team'), from: alice, text: '/list@tasks_bot' });
    const plain = textMessage({ chat: privateChat(alice), from: alice, text: 'buy milk' });

    expect(addressed.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 15 }]);
    expect(plain.message?.entities).toBeUndefined();
  });

  it('update and message ids increase from builder to builder unless given', () => {
    const first = textMessage({ chat: privateChat(alice), from: alice, text: 'a' });
    const second = textMessage({ chat: privateChat(alice), from: alice, text: 'b' });
    const given = textMessage({
      updateId: 900,
      messageId: 77,
      chat: privateChat(alice),
      from: alice,
      text: 'c',
    });

    expect(second.update_id).toBeGreaterThan(first.update_id);
    expect(second.message?.message_id).toBeGreaterThan(first.message?.message_id ?? Infinity);
    expect([given.update_id, given.message?.message_id]).toEqual([900, 77]);
  });

  it('a callback query names the pressing user, the message and its data', () => {
    const message: Message = { message_id: 5, date: 1, chat: privateChat(alice), text: 'Buy milk' };

    expect(callbackQuery({ from: alice, message, data: 'task:1:done' })).toEqual({
      update_id: expect.any(Number),
      callback_query: {
        id: expect.stringMatching(/^\d+$/),
        from: alice,
        message,
        chat_instance: expect.stringMatching(/^\d+$/),
        data: 'task:1:done',
      },
    });
  });
});

describe('pushing updates to the fake', () => {
  const fake = new FakeBotApi();
  let apiRoot: string;

  beforeAll(async () => {
    apiRoot = await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it("a pushed message joins its chat's messages, and the bot's reply takes the next id", async () => {
    const pushed = fake.pushUpdate(
      textMessage({ messageId: 10, chat: privateChat(alice), from: alice, text: '/start' }),
    );
    const { body } = await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 42, text: 'Welcome' });

    expect(body).toMatchObject({ result: { message_id: 11 } });
    expect(fake.messagesOf(42).map((m) => [m.message_id, m.text])).toEqual([
      [10, '/start'],
      [11, 'Welcome'],
    ]);
    expect(pushed.message?.message_id).toBe(10);
  });

  it('a pushed message whose id the chat already uses gets the next id, as Telegram numbers messages', async () => {
    await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 42, text: 'Welcome' });

    const pushed = fake.pushUpdate(
      textMessage({ messageId: 1, chat: privateChat(alice), from: alice, text: 'hi' }),
    );

    expect(pushed.message?.message_id).toBe(2);
    expect(fake.messagesOf(42).map((m) => m.text)).toEqual(['Welcome', 'hi']);
  });

  it('the same update pushed twice keeps its ids, so redelivery can be tested', () => {
    const update = textMessage({ chat: privateChat(alice), from: alice, text: 'twice' });

    const first = fake.pushUpdate(update);
    const second = fake.pushUpdate(update);

    expect(second).toEqual(first);
    expect(fake.messagesOf(42)).toHaveLength(1);
  });

  it('a callback query on a message the fake never sent lets the bot edit that message', async () => {
    const shown: Message = {
      message_id: 5,
      date: 1,
      chat: privateChat(alice),
      from: { id: fake.bot.id, is_bot: true, first_name: fake.bot.first_name, username: fake.bot.username },
      text: 'Buy milk',
    };
    fake.pushUpdate(callbackQuery({ from: alice, message: shown, data: 'task:1:done' }));

    const { body } = await rawBotApiCall(apiRoot, 'editMessageText', {
      chat_id: 42,
      message_id: 5,
      text: 'Done',
    });

    expect(body).toMatchObject({ ok: true, result: { text: 'Done' } });
  });

  it('an edited message replaces the stored one', () => {
    const update = textMessage({ chat: privateChat(alice), from: alice, text: 'typo' });
    fake.pushUpdate(update);

    fake.pushUpdate({ edited_message: { ...update.message, text: 'fixed', edit_date: 2 } });

    expect(fake.messagesOf(42).map((m) => m.text)).toEqual(['fixed']);
  });
});
