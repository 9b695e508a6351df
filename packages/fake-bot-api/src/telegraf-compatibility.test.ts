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

  // For errors below the Bot API (no answer, a reset), which telegraf passes on from node-fetch.
  const networkError = async (promise: Promise<unknown>): Promise<{ name: string; code?: string }> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (typeof error !== 'object' || error === null) throw new Error('expected the call to fail');
    if (error instanceof TelegramError) throw new Error(`expected a network error, got ${error.message}`);
    return error as { name: string; code?: string };
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

  describe('when Telegram or the way to it fails', () => {
    // telegraf types the signal as its abort-controller shim's; Node's own AbortSignal does the same.
    type CallOptions = NonNullable<Parameters<Telegram['callApi']>[2]>;
    const giveUpAfter = (ms: number) => ({ signal: AbortSignal.timeout(ms) }) as unknown as CallOptions;

    it('a 500 JSON error surfaces as a TelegramError with code 500', async () => {
      fake.failNext('sendMessage', { code: 500 });

      const error = await rejection(telegram.sendMessage(42, 'x'));

      expect([error.code, error.description]).toEqual([500, 'Internal Server Error']);
    });

    it("nginx's 502 HTML page surfaces at once as a TelegramError with code 502", async () => {
      fake.failNext('getMe', { code: 502, html: true });

      // Were telegraf left waiting on the page, the signal would end the call with an AbortError.
      const error = await rejection(telegram.callApi('getMe', {}, giveUpAfter(2_000)));

      expect([error.code, error.description]).toEqual([502, 'Bad Gateway']);
    });

    it('a reset connection surfaces as a network error, ECONNRESET', async () => {
      fake.failNext('sendMessage', { reset: true });

      const error = await networkError(telegram.sendMessage(42, 'x'));

      expect(error).toMatchObject({ name: 'FetchError', code: 'ECONNRESET' });
    });

    it('no answer at all lasts until the caller gives up: its abort signal fires', async () => {
      fake.failNext('getMe', { hang: true });

      const error = await networkError(telegram.callApi('getMe', {}, giveUpAfter(300)));

      expect(error.name).toBe('AbortError');
      expect(fake.callsOf('getMe')).toHaveLength(1);
    });

    it("an outage of '*' fails what a bot calls at start, and methods Telegram does not have", async () => {
      fake.failFor('*', { code: 502 });
      const codeOf = async (call: Promise<unknown>) => (await rejection(call)).code;

      const codes = [
        await codeOf(telegram.getMe()),
        await codeOf(telegram.setMyCommands([{ command: 'add', description: 'Add a task' }])),
        await codeOf(telegram.setWebhook('https://bot.example.com/telegram/webhook')),
        await codeOf(telegram.deleteWebhook()),
        await codeOf(telegram.getWebhookInfo()),
        await codeOf(telegram.getUpdates(0, 100, 0, [])),
        // callApi is typed to the methods telegraf knows; the cast sends one it does not.
        await codeOf(telegram.callApi('getFooBar' as 'getMe', {})),
      ];

      expect(codes).toEqual([502, 502, 502, 502, 502, 502, 502]);
      fake.recover();
      await expect(telegram.getMe()).resolves.toMatchObject({ id: fake.bot.id });
    });
  });
});
