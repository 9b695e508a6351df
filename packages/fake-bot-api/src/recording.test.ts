import { FakeBotApi } from './fake-bot-api';
import { rawBotApiCall } from './raw-bot-api-call';

describe('recording calls', () => {
  const fake = new FakeBotApi();
  let apiRoot: string;

  beforeAll(async () => {
    apiRoot = await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it('records each call with its method, token, payload, time and response', async () => {
    const before = Date.now();
    await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 42, text: 'Hi' }, '777:secret');

    expect(fake.calls).toEqual([
      {
        seq: expect.any(Number),
        method: 'sendMessage',
        token: '777:secret',
        payload: { chat_id: 42, text: 'Hi' },
        at: expect.any(Date),
        response: { ok: true, result: expect.objectContaining({ text: 'Hi' }) },
      },
    ]);
    expect(fake.calls[0]?.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(fake.tokens).toEqual(['777:secret']);
  });

  it('records failed calls with the error they answered', async () => {
    await rawBotApiCall(apiRoot, 'sendMessage', { text: 'no chat' });

    expect(fake.callsOf('sendMessage')[0]?.response).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: chat_id is empty',
    });
  });

  it('callsOf lists the calls of one method, in order', async () => {
    await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 1, text: 'a' });
    await rawBotApiCall(apiRoot, 'getMe');
    await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 1, text: 'b' });

    expect(fake.callsOf('sendMessage').map((call) => call.payload.text)).toEqual(['a', 'b']);
    expect(fake.callsOf('getMe')).toHaveLength(1);
  });

  it('waitForCall resolves with a call already made', async () => {
    await rawBotApiCall(apiRoot, 'getMe');

    await expect(fake.waitForCall('getMe')).resolves.toMatchObject({ method: 'getMe' });
  });

  it('waitForCall resolves when a matching call arrives later', async () => {
    const waiting = fake.waitForCall('sendMessage', (call) => call.payload.text === 'second', 2_000);

    await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 1, text: 'first' });
    await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 1, text: 'second' });

    await expect(waiting).resolves.toMatchObject({ payload: { text: 'second' } });
  });

  it('waitForCall rejects after its timeout, listing the calls seen so far', async () => {
    await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 1, text: 'something else' });

    const error = await fake.waitForCall('editMessageText', undefined, 100).catch((e: Error) => e);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(
      'Timed out after 100 ms waiting for 1 editMessageText call(s)',
    );
    expect((error as Error).message).toContain('sendMessage {"chat_id":1,"text":"something else"} → ok');
  });

  it('waitForCalls resolves once the given number of calls has arrived', async () => {
    const waiting = fake.waitForCalls('sendChatAction', 3, undefined, 2_000);

    for (let i = 0; i < 3; i += 1) {
      await rawBotApiCall(apiRoot, 'sendChatAction', { chat_id: 1, action: 'typing' });
    }

    await expect(waiting).resolves.toHaveLength(3);
  });

  it('an unknown method is recorded and answers 404 Not Found', async () => {
    const answer = await rawBotApiCall(apiRoot, 'sendTelepathy', { chat_id: 1 });

    expect(answer).toEqual({ status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
    expect(fake.callsOf('sendTelepathy')).toHaveLength(1);
  });

  it('method names match case-insensitively and are recorded as the Bot API spells them', async () => {
    expect((await rawBotApiCall(apiRoot, 'getme')).status).toBe(200);

    expect(fake.calls.map((call) => call.method)).toEqual(['getMe']);
  });

  it('clear forgets the calls but keeps the chats', async () => {
    await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 1, text: 'kept' });

    fake.clear();

    expect(fake.calls).toEqual([]);
    expect(fake.messagesOf(1)).toHaveLength(1);
  });
});
