import { FakeBotApi } from './fake-bot-api';

// What a plain HTTP client (fetch) meets when the way to Telegram fails rather than Telegram.
describe('failures below the Bot API, seen through fetch', () => {
  const fake = new FakeBotApi();
  let apiRoot: string;
  const post = (method: string, init: RequestInit = {}) =>
    fetch(`${apiRoot}/bot123:abc/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: 42, text: 'Hello' }),
      ...init,
    });
  // fetch's errors come from Node's realm, not jest's, so `instanceof Error` cannot tell them.
  const rejection = async (promise: Promise<unknown>): Promise<{ name: string; cause?: unknown }> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (typeof error !== 'object' || error === null) throw new Error('expected fetch to fail');
    return error as { name: string; cause?: unknown };
  };

  beforeAll(async () => {
    apiRoot = await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it("a 502 html failure answers nginx's Bad Gateway page, not JSON", async () => {
    fake.failNext('sendMessage', { code: 502, html: true });

    const response = await post('sendMessage');

    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toContain('<center><h1>502 Bad Gateway</h1></center>');
    expect(fake.messagesOf(42)).toEqual([]);
  });

  it('a reset drops the connection with no HTTP answer: fetch fails with ECONNRESET', async () => {
    fake.failNext('sendMessage', { reset: true });

    const error = await rejection(post('sendMessage'));

    expect(error.name).toBe('TypeError');
    expect(error.cause).toMatchObject({ code: 'ECONNRESET' });
    expect(fake.messagesOf(42)).toEqual([]);
    expect((await post('sendMessage')).status).toBe(200);
  });

  it('a hang answers nothing: the client gives up when its own timeout fires', async () => {
    fake.failNext('sendMessage', { hang: true });

    const error = await rejection(post('sendMessage', { signal: AbortSignal.timeout(300) }));

    expect(error.name).toBe('TimeoutError');
    expect(fake.messagesOf(42)).toEqual([]);
    expect((await post('sendMessage')).status).toBe(200);
  });

  it('a held request stays unanswered after recover(); the next call is answered', async () => {
    fake.failFor('sendMessage', { hang: true });
    const held = post('sendMessage', { signal: AbortSignal.timeout(600) });
    await fake.waitForCall('sendMessage');

    fake.recover();

    expect((await post('sendMessage')).status).toBe(200);
    expect((await rejection(held)).name).toBe('TimeoutError');
  });

  it('every call goes into the call log, the injected ones marked with what the client got', async () => {
    fake.failNext('sendMessage', { reset: true });
    fake.failNext('sendMessage', { hang: true });
    fake.failNext('sendMessage', { code: 502, html: true });
    fake.failNext('sendMessage', { code: 500 });

    await rejection(post('sendMessage'));
    await rejection(post('sendMessage', { signal: AbortSignal.timeout(200) }));
    await post('sendMessage');
    await post('sendMessage');
    await post('sendMessage');

    const calls = fake.callsOf('sendMessage');
    expect(calls.map((call) => call.injected?.kind)).toEqual(['reset', 'hang', 'html', 'error', undefined]);
    expect(calls.map((call) => call.response.ok)).toEqual([false, false, false, false, true]);
    expect(calls[0]?.injected).toEqual({ kind: 'reset', failure: { reset: true }, source: 'queued' });
    expect(calls[2]?.response).toEqual({ ok: false, error_code: 502, description: 'Bad Gateway' });
  });
});

describe('stopping a fake that holds requests', () => {
  it('stop() drops the held requests at once instead of waiting for their clients', async () => {
    const fake = new FakeBotApi();
    const apiRoot = await fake.start();
    fake.failFor('*', { hang: true });
    const held = fetch(`${apiRoot}/bot123:abc/getMe`).then(
      () => 'answered',
      () => 'dropped',
    );
    await fake.waitForCall('getMe');
    const started = Date.now();

    await fake.stop();

    expect(await held).toBe('dropped');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
