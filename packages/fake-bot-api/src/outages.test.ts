import { FakeBotApi } from './fake-bot-api';
import { rawBotApiCall } from './raw-bot-api-call';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('outages: failures that stand for a while', () => {
  const fake = new FakeBotApi();
  let apiRoot: string;
  const statusOf = async (method: string, payload: Record<string, unknown> = {}) =>
    (await rawBotApiCall(apiRoot, method, payload)).status;
  const send = () => statusOf('sendMessage', { chat_id: 42, text: 'Hello' });

  beforeAll(async () => {
    apiRoot = await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it("'*' fails every method: the ones a bot calls at start and ones the fake does not know", async () => {
    fake.failFor('*', { code: 502 });

    const statuses = await Promise.all(
      ['getMe', 'setMyCommands', 'setWebhook', 'deleteWebhook', 'getWebhookInfo', 'getUpdates'].map((m) =>
        statusOf(m),
      ),
    );
    const unknown = await rawBotApiCall(apiRoot, 'getFooBar');

    expect(statuses).toEqual([502, 502, 502, 502, 502, 502]);
    expect(unknown).toEqual({
      status: 502,
      body: { ok: false, error_code: 502, description: 'Bad Gateway' },
    });
  });

  it('an outage fails every call until recover(), and the calls are still logged', async () => {
    fake.failFor('sendMessage', { code: 500 });

    const during = [await send(), await send(), await send()];
    fake.recover();

    expect(during).toEqual([500, 500, 500]);
    expect(await send()).toBe(200);
    expect(fake.callsOf('sendMessage').map((call) => call.injected?.source)).toEqual([
      'outage',
      'outage',
      'outage',
      undefined,
    ]);
    expect(fake.messagesOf(42)).toHaveLength(1);
  });

  it('an outage of one method leaves the others working', async () => {
    fake.failFor('SENDMESSAGE', { code: 500 });

    expect(await statusOf('getMe')).toBe(200);
    expect(await send()).toBe(500);
  });

  it('an outage with forMs ends by itself', async () => {
    fake.failFor('*', { code: 500 }, { forMs: 300 });
    expect(await statusOf('getMe')).toBe(500);

    let status = 500;
    for (let tries = 0; status === 500 && tries < 50; tries += 1) {
      await sleep(50);
      status = await statusOf('getMe');
    }

    expect(status).toBe(200);
  });

  it("recover(method) lifts that method's outage only; the '*' outage needs recover('*')", async () => {
    fake.failFor('sendMessage', { code: 500 });
    fake.failFor('*', { code: 502 });

    fake.recover('sendMessage');
    expect([await send(), await statusOf('getMe')]).toEqual([502, 502]);

    fake.recover('*');
    expect([await send(), await statusOf('getMe')]).toEqual([200, 200]);
  });

  it("a method's own outage wins over the '*' one", async () => {
    fake.failFor('*', { code: 502 });
    fake.failFor('sendMessage', { code: 403 });

    expect([await send(), await statusOf('getMe')]).toEqual([403, 502]);
  });

  it('queued failures answer first, one call each, then the outage goes on', async () => {
    fake.failFor('sendMessage', { code: 500 });
    fake.failNext('sendMessage', { code: 429, retryAfter: 1 });
    fake.failNext('*', { code: 403 });

    const statuses = [await send(), await send(), await send()];
    fake.recover();

    expect(statuses).toEqual([429, 403, 500]);
    expect(fake.callsOf('sendMessage').map((call) => call.injected?.source)).toEqual([
      'queued',
      'queued',
      'outage',
    ]);
    expect(await send()).toBe(200);
  });

  it("a failure queued for '*' answers the next call of any method, unknown ones included", async () => {
    fake.failNext('*', { code: 500 });

    expect(await statusOf('getFooBar')).toBe(500);
    expect(await statusOf('getFooBar')).toBe(404);
    expect(await statusOf('getMe')).toBe(200);
  });

  it('a 404 failure answers as Telegram does for a method it does not have', async () => {
    fake.failNext('getMe', { code: 404 });

    expect(await rawBotApiCall(apiRoot, 'getMe')).toEqual(await rawBotApiCall(apiRoot, 'getFooBar'));
    expect(fake.callsOf('getMe')[0]?.response).toEqual({
      ok: false,
      error_code: 404,
      description: 'Not Found',
    });
  });

  it('a new outage of the same method replaces the old one', async () => {
    fake.failFor('sendMessage', { code: 500 });
    fake.failFor('sendMessage', { code: 403 });

    expect(await send()).toBe(403);
  });

  it('reset() lifts outages too', async () => {
    fake.failFor('*', { code: 500 });

    fake.reset();

    expect(await statusOf('getMe')).toBe(200);
  });

  it('refuses a forMs that is not a positive number of milliseconds', () => {
    expect(() => fake.failFor('*', { code: 500 }, { forMs: 0 })).toThrow('forMs');
    expect(() => fake.failFor('*', { code: 500 }, { forMs: Number.NaN })).toThrow('forMs');
  });
});
