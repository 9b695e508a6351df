import { Markup, Telegram, TelegramError } from 'telegraf';
import { FakeBotApi } from './fake-bot-api';
import { privateChat, textMessage, user } from './updates';

// Drives the fake through telegraf's own client, the one the services use, to prove the fake
// answers what telegraf sends and that its errors surface the way telegraf reports Telegram's.
describe('through telegraf', () => {
  const fake = new FakeBotApi();
  let telegram: Telegram;
  const keyboard = Markup.inlineKeyboard([Markup.button.callback('Done', 'task:1:done')]);

  const rejection = async (promise: Promise<unknown>): Promise<TelegramError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof TelegramError)) throw new Error(`expected a TelegramError, got ${String(error)}`);
    return error;
  };

  beforeAll(async () => {
    telegram = new Telegram('123:abc', { apiRoot: await fake.start() });
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it('sends a message with an inline keyboard and gets it back', async () => {
    const message = await telegram.sendMessage(42, 'Buy milk', keyboard);

    expect(message).toMatchObject({
      message_id: 1,
      chat: { id: 42, type: 'private' },
      from: { id: fake.bot.id, is_bot: true },
      text: 'Buy milk',
      reply_markup: keyboard.reply_markup,
    });
    expect(fake.callsOf('sendMessage')[0]).toMatchObject({ token: '123:abc', payload: { chat_id: 42 } });
  });

  it('edits the message text', async () => {
    const sent = await telegram.sendMessage(42, 'Buy milk', keyboard);

    const edited = await telegram.editMessageText(42, sent.message_id, undefined, 'Buy milk ✅');

    expect(edited).toMatchObject({
      message_id: sent.message_id,
      text: 'Buy milk ✅',
      edit_date: expect.any(Number),
    });
  });

  it('answers a callback query', async () => {
    await expect(telegram.answerCbQuery('4200001', 'Done')).resolves.toBe(true);
  });

  it('a 429 surfaces as a TelegramError with parameters.retry_after', async () => {
    fake.failNext('sendMessage', { code: 429, retryAfter: 5 });

    const error = await rejection(telegram.sendMessage(42, 'x'));

    expect(error.code).toBe(429);
    expect(error.parameters?.retry_after).toBe(5);
    expect(error.on).toMatchObject({ method: 'sendMessage' });
  });

  it('a blocked chat surfaces as a 403 TelegramError', async () => {
    fake.blockChat(42);

    const error = await rejection(telegram.sendMessage(42, 'x'));

    expect([error.code, error.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
  });

  it('editing without a change surfaces as 400 message is not modified', async () => {
    const sent = await telegram.sendMessage(42, 'Same');

    const error = await rejection(telegram.editMessageText(42, sent.message_id, undefined, 'Same'));

    expect(error.code).toBe(400);
    expect(error.description).toMatch(/^Bad Request: message is not modified/);
  });

  it('a 502 surfaces as a TelegramError with its status', async () => {
    fake.failNext('getMe', { code: 502 });

    expect((await rejection(telegram.getMe())).code).toBe(502);
  });

  it('a long-polling getUpdates returns an update pushed while it waits', async () => {
    const alice = user(42);
    const polling = telegram.getUpdates(5, 100, 0, []);
    setTimeout(
      () => fake.pushUpdate(textMessage({ chat: privateChat(alice), from: alice, text: '/list' })),
      100,
    );

    const updates = await polling;

    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ message: { text: '/list', entities: [{ type: 'bot_command' }] } });
  });

  it('commands and the webhook round-trip', async () => {
    await telegram.setMyCommands([{ command: 'add', description: 'Add a task' }], { language_code: 'en' });
    await telegram.setWebhook('https://bot.example.com/telegram/webhook', { secret_token: 'secret' });

    await expect(telegram.getMyCommands({ language_code: 'en' })).resolves.toEqual([
      { command: 'add', description: 'Add a task' },
    ]);
    await expect(telegram.getWebhookInfo()).resolves.toMatchObject({
      url: 'https://bot.example.com/telegram/webhook',
    });
  });
});
