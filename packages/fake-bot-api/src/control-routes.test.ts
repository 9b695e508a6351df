import { FakeBotApi } from './fake-bot-api';
import { rawBotApiCall } from './raw-bot-api-call';
import type { Call, Message, Update } from './types';
import { privateChat, textMessage, user } from './updates';

describe('the control API under /_fake', () => {
  const fake = new FakeBotApi();
  let apiRoot: string;
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${apiRoot}/_fake${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { ok: boolean; result?: unknown } };
  };

  beforeAll(async () => {
    apiRoot = await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it('GET /_fake/calls lists calls after a sequence number, of one method if asked', async () => {
    await rawBotApiCall(apiRoot, 'getMe');
    await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 1, text: 'a' });
    await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 1, text: 'b' });
    const firstSeq = fake.calls[0]?.seq ?? 0;

    const { body } = await control('GET', `/calls?method=sendMessage&since=${firstSeq + 1}`);
    const { calls, last } = body.result as { calls: Call[]; last: number };

    expect(calls.map((call) => call.payload.text)).toEqual(['b']);
    expect(last).toBe(firstSeq + 2);
  });

  it('POST /_fake/fail makes the next calls of a method fail', async () => {
    await control('POST', '/fail', {
      method: 'sendMessage',
      failure: { code: 429, retryAfter: 3 },
      times: 1,
    });

    expect((await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 1, text: 'x' })).body).toMatchObject({
      error_code: 429,
      parameters: { retry_after: 3 },
    });
  });

  it('POST /_fake/fail refuses a failure it does not know with 400', async () => {
    const { status, body } = await control('POST', '/fail', {
      method: 'sendMessage',
      failure: { code: 418 },
    });

    expect(status).toBe(400);
    expect(body).toMatchObject({ ok: false, description: expect.stringContaining('failure.code') });
  });

  it('POST /_fake/fail takes the new failure shapes, and method * for any method', async () => {
    await control('POST', '/fail', { method: '*', failure: { code: 502, html: true } });
    await control('POST', '/fail', { method: 'getFooBar', failure: { reset: true } });

    const page = await fetch(`${apiRoot}/bot1:a/getMe`);
    const reset = await fetch(`${apiRoot}/bot1:a/getFooBar`).then(
      () => 'answered',
      () => 'reset',
    );

    expect([page.status, page.headers.get('content-type')]).toEqual([502, 'text/html']);
    expect(reset).toBe('reset');
  });

  it('POST /_fake/outage fails every method by default until DELETE /_fake/outage', async () => {
    const started = await control('POST', '/outage', { failure: { code: 500 } });

    const during = [
      (await rawBotApiCall(apiRoot, 'getMe')).status,
      (await rawBotApiCall(apiRoot, 'getFooBar')).status,
    ];
    const lifted = await control('DELETE', '/outage');

    expect(started).toEqual({ status: 200, body: { ok: true, result: true } });
    expect(during).toEqual([500, 500]);
    expect(lifted.status).toBe(200);
    expect((await rawBotApiCall(apiRoot, 'getMe')).status).toBe(200);
  });

  it('DELETE /_fake/outage?method=x lifts the outage of that method only', async () => {
    await control('POST', '/outage', { method: 'sendMessage', failure: { code: 500 } });
    await control('POST', '/outage', { method: 'getMe', failure: { code: 502 } });

    await control('DELETE', '/outage?method=sendMessage');

    expect((await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 1, text: 'x' })).status).toBe(200);
    expect((await rawBotApiCall(apiRoot, 'getMe')).status).toBe(502);
  });

  it('POST /_fake/outage with forMs ends by itself', async () => {
    await control('POST', '/outage', { method: 'getMe', failure: { code: 502 }, forMs: 200 });
    expect((await rawBotApiCall(apiRoot, 'getMe')).status).toBe(502);

    let status = 502;
    for (let tries = 0; status === 502 && tries < 40; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await rawBotApiCall(apiRoot, 'getMe')).status;
    }

    expect(status).toBe(200);
  });

  it.each([
    ['no failure', { method: '*' }, 'failure must be an object'],
    ['an unknown failure', { failure: { code: 418 } }, 'failure.code must be one of'],
    ['an empty method', { method: '', failure: { code: 500 } }, 'method must be a method name'],
    ['a forMs of 0', { failure: { code: 500 }, forMs: 0 }, 'forMs must be a whole number'],
    ['a forMs that is text', { failure: { code: 500 }, forMs: '300' }, 'forMs must be a whole number'],
    ['a reset with a code', { failure: { reset: true, code: 502 } }, 'a reset failure takes no other field'],
  ])('POST /_fake/outage with %s answers 400 saying why, and starts no outage', async (_, body, message) => {
    const { status, body: answer } = await control('POST', '/outage', body);

    expect(status).toBe(400);
    expect(answer).toMatchObject({
      ok: false,
      error_code: 400,
      description: expect.stringContaining(message),
    });
    expect((await rawBotApiCall(apiRoot, 'getMe')).status).toBe(200);
  });

  it('POST /_fake/outage with a body that is not JSON answers 400', async () => {
    const response = await fetch(`${apiRoot}/_fake/outage`, { method: 'POST', body: 'down please' });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ description: 'the body must be a JSON object' });
  });

  it('DELETE /_fake/outage?method= with no name answers 400', async () => {
    const { status, body } = await control('DELETE', '/outage?method=');

    expect(status).toBe(400);
    expect(body).toMatchObject({ description: expect.stringContaining('method must be a method name') });
  });

  it('POST /_fake/updates queues an update for getUpdates', async () => {
    const alice = user(42);
    await control('POST', '/updates', textMessage({ chat: privateChat(alice), from: alice, text: '/start' }));

    const { body } = await rawBotApiCall(apiRoot, 'getUpdates');

    expect(body).toMatchObject({ ok: true });
    expect(body.ok && (body.result as Update.MessageUpdate<Message>[])[0]?.message.text).toBe('/start');
  });

  it('GET /_fake/chats/:id/messages shows the messages of a chat as edited', async () => {
    await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: -4001, text: 'Buy milk' });
    await rawBotApiCall(apiRoot, 'editMessageText', { chat_id: -4001, message_id: 1, text: 'Buy oat milk' });

    const { body } = await control('GET', '/chats/-4001/messages');

    expect((body.result as Message[]).map((m) => m.text)).toEqual(['Buy oat milk']);
  });

  it('POST /_fake/reset forgets messages, calls and failures', async () => {
    await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 1, text: 'x' });
    fake.failNext('getMe', { code: 500 });

    await control('POST', '/reset');

    expect(fake.calls).toEqual([]);
    expect(fake.messagesOf(1)).toEqual([]);
    expect((await rawBotApiCall(apiRoot, 'getMe')).status).toBe(200);
  });

  it('chats can be blocked and unblocked, and member statuses set', async () => {
    await control('POST', '/chats/42/block');
    const blocked = await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 42, text: 'x' });
    await control('DELETE', '/chats/42/block');
    await control('PUT', '/chats/-4001/members/42', { status: 'left' });

    expect(blocked.status).toBe(403);
    expect((await rawBotApiCall(apiRoot, 'sendMessage', { chat_id: 42, text: 'x' })).status).toBe(200);
    expect(
      (await rawBotApiCall(apiRoot, 'getChatMember', { chat_id: -4001, user_id: 42 })).body,
    ).toMatchObject({
      result: { status: 'left' },
    });
  });

  it('POST /_fake/latency delays every answer', async () => {
    await control('POST', '/latency', { ms: 150 });
    const started = Date.now();

    await rawBotApiCall(apiRoot, 'getMe');

    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('an unknown control route answers 404', async () => {
    expect((await control('GET', '/nothing')).status).toBe(404);
  });
});
