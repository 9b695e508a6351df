import { FakeBotApi } from './fake-bot-api';
import { rawBotApiCall } from './raw-bot-api-call';
import type { Update } from './types';
import { callbackQuery, privateChat, textMessage, user } from './updates';

const alice = user(42, { first_name: 'Alice' });
const hello = (text = 'hello') => textMessage({ chat: privateChat(alice), from: alice, text });
const textOf = (update: Update) =>
  'message' in update && 'text' in update.message ? update.message.text : undefined;

describe('getUpdates and webhooks', () => {
  const fake = new FakeBotApi();
  let apiRoot: string;
  const call = (method: string, payload: Record<string, unknown> = {}) =>
    rawBotApiCall(apiRoot, method, payload);
  const updates = async (payload: Record<string, unknown> = {}): Promise<Update[]> => {
    const { body } = await call('getUpdates', payload);
    if (!body.ok) throw new Error(body.description);
    return body.result as Update[];
  };

  beforeAll(async () => {
    apiRoot = await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it('answers pushed updates in order, numbering those without update_id', async () => {
    fake.pushUpdate({ message: hello('one').message });
    fake.pushUpdate({ message: hello('two').message });

    const received = await updates();

    expect(received.map((update) => [update.update_id, textOf(update)])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
  });

  it('numbers from the first update id it was given, also after a reset', async () => {
    const later = new FakeBotApi({ firstUpdateId: 5_000 });
    expect(later.pushUpdate({ message: hello('one').message }).update_id).toBe(5_000);
    expect(later.pushUpdate({ message: hello('two').message }).update_id).toBe(5_001);
    later.reset();
    expect(later.pushUpdate({ message: hello('three').message }).update_id).toBe(5_000);
    expect(() => new FakeBotApi({ firstUpdateId: 0 })).toThrow('positive integer');
  });

  it('keeps updates until an offset above them confirms them', async () => {
    const first = fake.pushUpdate(hello('one'));
    const second = fake.pushUpdate(hello('two'));

    expect(await updates()).toHaveLength(2);
    expect((await updates({ offset: first.update_id + 1 })).map((u) => u.update_id)).toEqual([
      second.update_id,
    ]);
    expect(await updates({ offset: second.update_id + 1 })).toEqual([]);
  });

  it('a negative offset answers the last updates and forgets the older ones', async () => {
    for (const text of ['a', 'b', 'c']) fake.pushUpdate(hello(text));

    expect((await updates({ offset: -1 })).map(textOf)).toEqual(['c']);
    expect((await updates()).map(textOf)).toEqual(['c']);
  });

  it('answers at most limit updates', async () => {
    for (const text of ['a', 'b', 'c']) fake.pushUpdate(hello(text));

    expect(await updates({ limit: 2 })).toHaveLength(2);
  });

  it('a long poll waits and returns as soon as an update arrives', async () => {
    const started = Date.now();
    const polling = updates({ timeout: 5 });
    setTimeout(() => fake.pushUpdate(hello('late')), 200);

    const received = await polling;

    expect(received.map(textOf)).toEqual(['late']);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a long poll with nothing to deliver answers an empty list after its timeout', async () => {
    const started = Date.now();

    expect(await updates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('a second getUpdates ends the waiting one with 409 Conflict', async () => {
    const first = call('getUpdates', { timeout: 5 });
    // Let the first request reach the fake and start waiting.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = call('getUpdates', { timeout: 0 });

    expect(await first).toEqual({
      status: 409,
      body: {
        ok: false,
        error_code: 409,
        description:
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      },
    });
    expect((await second).status).toBe(200);
  });

  it('allowed_updates leaves out the other update types, and the setting stays', async () => {
    const sent = fake.pushUpdate(hello('text'));
    fake.pushUpdate(callbackQuery({ from: alice, message: sent.message, data: 'x' }));

    const received = await updates({ allowed_updates: ['callback_query'] });

    expect(received.map((u) => Object.keys(u).filter((key) => key !== 'update_id'))).toEqual([
      ['callback_query'],
    ]);
    fake.pushUpdate(hello('ignored'));
    expect(await updates()).toHaveLength(1);
  });

  it('getUpdates answers 409 while a webhook is set, and works again after deleteWebhook', async () => {
    await call('setWebhook', { url: 'https://bot.example.com/telegram/webhook' });
    fake.pushUpdate(hello());

    expect(await call('getUpdates')).toEqual({
      status: 409,
      body: {
        ok: false,
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      },
    });
    expect((await call('deleteWebhook')).body).toEqual({ ok: true, result: true });
    expect(await updates()).toHaveLength(1);
  });

  it('getWebhookInfo shows the webhook url, allowed updates and pending count', async () => {
    fake.pushUpdate(hello());
    await call('setWebhook', {
      url: 'https://bot.example.com/telegram/webhook',
      secret_token: 'my-secret_1',
      allowed_updates: ['message', 'callback_query'],
    });

    expect((await call('getWebhookInfo')).body).toEqual({
      ok: true,
      result: {
        url: 'https://bot.example.com/telegram/webhook',
        has_custom_certificate: false,
        pending_update_count: 1,
        max_connections: 40,
        allowed_updates: ['message', 'callback_query'],
      },
    });
  });

  it('setWebhook with an empty url removes the webhook', async () => {
    await call('setWebhook', { url: 'https://bot.example.com/hook' });
    await call('setWebhook', { url: '' });

    expect((await call('getWebhookInfo')).body).toMatchObject({ result: { url: '' } });
  });

  it('drop_pending_updates forgets the waiting updates', async () => {
    fake.pushUpdate(hello());

    await call('deleteWebhook', { drop_pending_updates: true });

    expect(await updates()).toEqual([]);
  });

  it('a secret token with characters Telegram does not allow answers 400', async () => {
    const { status } = await call('setWebhook', {
      url: 'https://bot.example.com/hook',
      secret_token: 'no spaces',
    });

    expect(status).toBe(400);
  });
});
