import { parseFailure } from './failures';
import { FakeBotApi } from './fake-bot-api';
import { rawBotApiCall } from './raw-bot-api-call';

describe('failure injection', () => {
  const fake = new FakeBotApi();
  let apiRoot: string;
  const send = (chatId = 42) => rawBotApiCall(apiRoot, 'sendMessage', { chat_id: chatId, text: 'Hello' });

  beforeAll(async () => {
    apiRoot = await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it('a queued 429 answers Too Many Requests with retry_after, then the method works again', async () => {
    fake.failNext('sendMessage', { code: 429, retryAfter: 7 });

    expect(await send()).toEqual({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 7',
        parameters: { retry_after: 7 },
      },
    });
    expect((await send()).status).toBe(200);
  });

  it('a failure queued twice fails the next two calls', async () => {
    fake.failNext('sendMessage', { code: 502 }, 2);

    const statuses = [(await send()).status, (await send()).status, (await send()).status];

    expect(statuses).toEqual([502, 502, 200]);
  });

  it('a failed call does no work: no message is stored and the next one takes the first id', async () => {
    fake.failNext('sendMessage', { code: 500 });
    await send();

    expect(fake.messagesOf(42)).toEqual([]);
    expect((await send()).body).toMatchObject({ result: { message_id: 1 } });
  });

  it('a 403 says the bot was blocked unless another description is given', async () => {
    fake.failNext('sendMessage', { code: 403 });
    fake.failNext('sendMessage', { code: 403, description: 'Forbidden: user is deactivated' });

    expect((await send()).body).toMatchObject({ description: 'Forbidden: bot was blocked by the user' });
    expect((await send()).body).toMatchObject({
      error_code: 403,
      description: 'Forbidden: user is deactivated',
    });
  });

  it('a 400 answers the given description, and server errors their status text', async () => {
    fake.failNext('sendMessage', { code: 400, description: 'Bad Request: chat not found' });
    fake.failNext('sendMessage', { code: 500 });
    fake.failNext('sendMessage', { code: 502 });

    expect((await send()).body).toMatchObject({
      error_code: 400,
      description: 'Bad Request: chat not found',
    });
    expect((await send()).body).toMatchObject({ error_code: 500, description: 'Internal Server Error' });
    expect((await send()).body).toMatchObject({ error_code: 502, description: 'Bad Gateway' });
  });

  it('failures apply to their method only, whatever the case of its name', async () => {
    fake.failNext('SENDMESSAGE', { code: 502 });

    expect((await rawBotApiCall(apiRoot, 'getMe')).status).toBe(200);
    expect((await send()).status).toBe(502);
  });

  it('a hang answers late, and then normally', async () => {
    fake.failNext('sendMessage', { hangMs: 300 });
    const started = Date.now();

    const { status } = await send();

    expect(status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('latency delays every call until it is set back to 0', async () => {
    fake.setLatency(150);
    let started = Date.now();
    await rawBotApiCall(apiRoot, 'getMe');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    fake.setLatency(0);
    started = Date.now();
    await rawBotApiCall(apiRoot, 'getMe');
    expect(Date.now() - started).toBeLessThan(140);
  });

  it('a chat that blocked the bot answers 403 to every send until it is unblocked', async () => {
    fake.blockChat(42);

    expect(await send()).toMatchObject({
      status: 403,
      body: { description: 'Forbidden: bot was blocked by the user' },
    });
    expect((await rawBotApiCall(apiRoot, 'sendChatAction', { chat_id: 42, action: 'typing' })).status).toBe(
      403,
    );
    expect((await send(43)).status).toBe(200);

    fake.unblockChat(42);
    expect((await send()).status).toBe(200);
  });

  it('a group that removed the bot answers 403 bot was kicked', async () => {
    fake.blockChat(-4001);
    fake.blockChat(-1001234567890);

    expect((await send(-4001)).body).toMatchObject({
      description: 'Forbidden: bot was kicked from the group chat',
    });
    expect((await send(-1001234567890)).body).toMatchObject({
      description: 'Forbidden: bot was kicked from the supergroup chat',
    });
  });

  it('editing a message in a chat that blocked the bot answers 403', async () => {
    await send();
    fake.blockChat(42);

    const { status } = await rawBotApiCall(apiRoot, 'editMessageText', {
      chat_id: 42,
      message_id: 1,
      text: 'x',
    });

    expect(status).toBe(403);
  });
});

describe('reading a failure sent to the control API', () => {
  it.each([
    [{ code: 502, html: true }],
    [{ code: 500, html: true }],
    [{ reset: true }],
    [{ hang: true }],
    [{ hangMs: 250 }],
    [{ code: 404 }],
    [{ code: 404, description: 'Not Found' }],
    [{ code: 429, retryAfter: 3 }],
  ])('accepts %j as it is', (failure) => {
    expect(parseFailure(failure)).toEqual(failure);
  });

  it.each([
    [null, 'failure must be an object'],
    [[{ reset: true }], 'failure must be an object'],
    [{ reset: 'yes' }, 'failure.reset must be true'],
    [{ hang: false }, 'failure.hang must be true'],
    [{ reset: true, code: 500 }, 'a reset failure takes no other field (got code)'],
    [{ hang: true, hangMs: 100 }, 'a hang failure takes no other field (got hangMs)'],
    [{ code: 429, html: true }, 'an html failure needs code 500 or 502'],
    [{ code: 502, html: 1 }, 'failure.html must be true'],
    [{ code: 502, html: true, description: 'x' }, 'an html failure takes no description'],
    [{ code: 418 }, 'failure.code must be one of 400, 403, 404, 429, 500, 502'],
    [{ hangMs: -1 }, 'failure.hangMs must be a number >= 0'],
  ])('refuses %j saying what is wrong', (failure, message) => {
    expect(() => parseFailure(failure)).toThrow(message);
  });
});
