import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { SANDBOX_TOKEN } from '@taskbot/config/sandbox';
import { rawBotApiCall } from '@taskbot/fake-bot-api/raw-bot-api-call';
import type { CallbackQuery, Message, Update } from '@taskbot/fake-bot-api/types';
import type { SandboxEvent } from './sandbox-io';
import { SandboxServer } from './sandbox-server';
import { DEFAULT_USERS, GROUP_ID } from './world';

const [alice, boris, carol] = DEFAULT_USERS.map((user) => user.id) as [number, number, number];

type StreamEvent = (SandboxEvent | { type: 'snapshot' }) & Record<string, unknown>;

/** Reads the page's event stream as the browser does. */
async function openEvents(root: string) {
  const controller = new AbortController();
  const response = await fetch(`${root}/api/events`, { signal: controller.signal });
  const events: StreamEvent[] = [];
  const waiting = new Set<() => void>();
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (data) events.push(JSON.parse(data.slice(6)));
      }
      for (const wake of [...waiting]) wake();
    }
  })();
  return {
    response,
    events,
    next(type: string, matches: (event: StreamEvent) => boolean = () => true): Promise<StreamEvent> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${type} event; got ${JSON.stringify(events)}`)),
          5_000,
        );
        const check = () => {
          const found = events.find((event) => event.type === type && matches(event));
          if (!found) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(found);
        };
        waiting.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}

describe('the sandbox', () => {
  const sandbox = new SandboxServer();
  let root: string;
  let offset = 0;

  const bot = async (method: string, payload: Record<string, unknown> = {}) =>
    rawBotApiCall(root, method, payload, SANDBOX_TOKEN);

  /** What the bot would get from getUpdates now; confirms everything before. */
  // What the tests read of an update: one of its payloads.
  type Received = Pick<Update, 'update_id'> & { message?: Message; callback_query?: CallbackQuery };
  const updates = async (): Promise<Received[]> => {
    const { body } = await bot('getUpdates', { offset, timeout: 0 });
    const result = (body as { result: Received[] }).result;
    offset = (result.at(-1)?.update_id ?? offset - 1) + 1;
    return result;
  };

  const page = (method: string, path: string, body?: unknown, type = 'application/json') =>
    fetch(`${root}${path}`, {
      method,
      headers: { 'content-type': type },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  const say = async (userId: number, chatId: number, text: string, replyToMessageId?: number) => {
    const response = await page('POST', '/api/messages', { userId, chatId, text, replyToMessageId });
    expect(response.status).toBe(200);
    return ((await response.json()) as { message: Message }).message;
  };

  const sent = async (payload: Record<string, unknown>) => {
    const { status, body } = await bot('sendMessage', payload);
    expect({ status, body }).toMatchObject({ status: 200, body: { ok: true } });
    return (body as { result: Message }).result;
  };

  beforeAll(async () => {
    root = await sandbox.start(0);
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  beforeEach(async () => {
    await updates();
  });

  it('serves the page with a strict content policy, and a health check', async () => {
    const response = await fetch(`${root}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<script type="module" src="/app.js"></script>');
    expect((await fetch(`${root}/app.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await (await fetch(`${root}/healthz`)).json()).toEqual({ ok: true });
  });

  it('serves every module of the page’s script as JavaScript, since browsers run no module sent as anything else', async () => {
    const modules = fs.readdirSync(path.join(__dirname, 'page')).filter((file) => file.endsWith('.js'));
    expect(modules).toContain('app.js');
    for (const file of modules) {
      const response = await fetch(`${root}/${file}`);
      expect({ file, status: response.status }).toEqual({ file, status: 200 });
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toBe(fs.readFileSync(path.join(__dirname, 'page', file), 'utf8'));
    }
  });

  it('serves no file outside the page’s fixed list, however the path is written', async () => {
    for (const target of [
      '/page-routes.ts',
      '/../package.json',
      '/%2e%2e/package.json',
      '/page/app.js',
      '/..%2fpackage.json',
    ]) {
      // The path given as is: fetch, or http.get with a URL, would resolve the dots before sending.
      const { hostname, port } = new URL(root);
      const status = await new Promise<number | undefined>((resolve, reject) => {
        http
          .get({ hostname, port, path: target }, (response) => {
            response.resume();
            resolve(response.statusCode);
          })
          .on('error', reject);
      });
      expect({ target, status }).toEqual({ target, status: 404 });
    }
  });

  it('does not serve the test controls of the fake', async () => {
    const response = await fetch(`${root}/_fake/reset`, { method: 'POST' });
    expect(response.status).toBe(404);
  });

  it('gives the bot what a person types, with command entities, and shows it on the page', async () => {
    const events = await openEvents(root);
    try {
      const message = await say(alice, alice, '/add Buy milk tomorrow 18:00');
      expect(message).toMatchObject({
        from: { id: alice, first_name: 'Alice', language_code: 'en' },
        chat: { id: alice, type: 'private' },
        entities: [{ type: 'bot_command', offset: 0, length: 4 }],
      });
      expect(await updates()).toEqual([expect.objectContaining({ message })]);
      await events.next('message', (e) => (e.message as Message).message_id === message.message_id);
    } finally {
      events.close();
    }
  });

  it('stores the bot’s HTML as Telegram does, as text and entities with its commands marked, and refuses broken markup', async () => {
    const reply = await sent({ chat_id: alice, text: 'Added: <b>Buy &amp; milk</b>', parse_mode: 'HTML' });
    expect(reply).toMatchObject({
      text: 'Added: Buy & milk',
      entities: [{ type: 'bold', offset: 7, length: 10 }],
    });
    const broken = await bot('sendMessage', { chat_id: alice, text: '<b>oops', parse_mode: 'HTML' });
    expect(broken).toEqual({
      status: 400,
      body: {
        ok: false,
        error_code: 400,
        description: 'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"',
      },
    });
    const help = await sent({
      chat_id: alice,
      text: '/add a task, <code>/not</code> this: /tasks',
      parse_mode: 'HTML',
    });
    expect(help.entities).toEqual([
      { type: 'bot_command', offset: 0, length: 4 },
      { type: 'code', offset: 13, length: 4 },
      { type: 'bot_command', offset: 24, length: 6 },
    ]);
    const markdown = await sent({ chat_id: alice, text: '*x* \\. /tasks', parse_mode: 'MarkdownV2' });
    expect(markdown).toMatchObject({
      text: 'x . /tasks',
      entities: [
        { type: 'bold', offset: 0, length: 1 },
        { type: 'bot_command', offset: 4, length: 6 },
      ],
    });
    const reserved = await bot('sendMessage', { chat_id: alice, text: 'x.', parse_mode: 'MarkdownV2' });
    expect(reserved.status).toBe(400);
  });

  it('turns a button press into a callback query and shows the answer to the person who pressed', async () => {
    const events = await openEvents(root);
    try {
      const card = await sent({
        chat_id: GROUP_ID,
        text: 'Buy milk',
        reply_markup: { inline_keyboard: [[{ text: '✅ Done', callback_data: 'done:1' }]] },
      });
      const pressed = await page('POST', '/api/presses', {
        userId: boris,
        chatId: GROUP_ID,
        messageId: card.message_id,
        data: 'done:1',
      });
      expect(pressed.status).toBe(200);
      const { queryId } = (await pressed.json()) as { queryId: string };
      const [update] = await updates();
      expect(update?.callback_query).toMatchObject({
        id: queryId,
        from: { id: boris, language_code: 'ru' },
        message: { message_id: card.message_id, chat: { id: GROUP_ID, type: 'supergroup' } },
        data: 'done:1',
      });
      await bot('answerCallbackQuery', { callback_query_id: queryId, text: 'Готово' });
      expect(await events.next('answer')).toMatchObject({
        queryId,
        userId: boris,
        text: 'Готово',
        showAlert: false,
      });
    } finally {
      events.close();
    }
  });

  it('shows edits in place, deletions, typing and questions asked with force_reply', async () => {
    const events = await openEvents(root);
    try {
      const card = await sent({
        chat_id: alice,
        text: 'Task',
        reply_markup: { inline_keyboard: [[{ text: 'Done', callback_data: 'd' }]] },
      });
      await bot('editMessageText', {
        chat_id: alice,
        message_id: card.message_id,
        text: '<s>Task</s>',
        parse_mode: 'HTML',
      });
      const edited = await events.next('message', (e) => (e.message as Message).edit_date !== undefined);
      expect(edited.message).toMatchObject({
        message_id: card.message_id,
        text: 'Task',
        entities: [{ type: 'strikethrough' }],
      });
      expect((edited.message as Message).reply_markup).toBeUndefined();
      await bot('deleteMessage', { chat_id: String(alice), message_id: card.message_id });
      expect(await events.next('deleted')).toMatchObject({ chatId: alice, messageId: card.message_id });
      await bot('sendChatAction', { chat_id: alice, action: 'typing' });
      expect(await events.next('typing')).toMatchObject({ chatId: alice });
      const question = await sent({
        chat_id: alice,
        text: 'New title?',
        reply_markup: { force_reply: true },
      });
      expect(
        await events.next('message', (e) => (e.message as Message).message_id === question.message_id),
      ).toMatchObject({
        message: { force_reply: true },
      });
      const answer = await say(alice, alice, 'Buy oat milk', question.message_id);
      expect(answer.reply_to_message).toMatchObject({ message_id: question.message_id, text: 'New title?' });
      const snapshot = (await (await fetch(`${root}/api/state`)).json()) as {
        messages: Record<string, Message[]>;
      };
      expect(snapshot.messages[String(alice)]?.map((m) => m.message_id)).not.toContain(card.message_id);
    } finally {
      events.close();
    }
  });

  it('lets the bot see only commands, replies to it and mentions in the group (privacy mode)', async () => {
    const botMessage = await sent({ chat_id: GROUP_ID, text: 'Hello, team' });
    await say(alice, GROUP_ID, 'just chatting');
    await say(carol, GROUP_ID, '/tasks');
    await say(boris, GROUP_ID, 'ответ боту', botMessage.message_id);
    await say(alice, GROUP_ID, 'hey @fake_taskbot_bot');
    expect((await updates()).map((u) => u.message?.text)).toEqual([
      '/tasks',
      'ответ боту',
      'hey @fake_taskbot_bot',
    ]);
  });

  it('changes a user’s Telegram language for the updates that follow', async () => {
    const changed = await page('PUT', `/api/users/${carol}`, { language_code: 'ru' });
    expect(await changed.json()).toMatchObject({ user: { id: carol, language_code: 'ru' } });
    await say(carol, carol, '/start');
    expect((await updates())[0]?.message?.from).toMatchObject({ id: carol, language_code: 'ru' });
    await page('PUT', `/api/users/${carol}`, { language_code: 'en' });
  });

  it.each([
    [
      'an empty message',
      'POST',
      '/api/messages',
      { userId: alice, chatId: alice, text: '   ' },
      400,
      'the message is empty',
    ],
    [
      'a message that is too long',
      'POST',
      '/api/messages',
      { userId: alice, chatId: alice, text: 'x'.repeat(4097) },
      400,
      'text: text must be at most 4096 characters',
    ],
    ['an unknown user', 'POST', '/api/messages', { userId: 1, chatId: alice, text: 'hi' }, 404, 'no user 1'],
    [
      'someone else’s private chat',
      'POST',
      '/api/messages',
      { userId: boris, chatId: alice, text: 'hi' },
      400,
      'Борис is not in chat 700000001',
    ],
    [
      'a reply to a missing message',
      'POST',
      '/api/messages',
      { userId: alice, chatId: alice, text: 'hi', replyToMessageId: 99999 },
      404,
      'chat 700000001 has no message 99999',
    ],
    [
      'a user id that is not a number',
      'POST',
      '/api/messages',
      { userId: 'alice', chatId: alice, text: 'hi' },
      400,
      'userId: Invalid input: expected number, received string',
    ],
    [
      'a press on a missing message',
      'POST',
      '/api/presses',
      { userId: alice, chatId: alice, messageId: 99999, data: 'x' },
      404,
      'chat 700000001 has no message 99999',
    ],
    [
      'an unknown language',
      'PUT',
      `/api/users/${alice}`,
      { language_code: 'de' },
      400,
      'language must be one of en, ru',
    ],
    ['a body that is not JSON', 'POST', '/api/messages', '{', 400, 'the body is not valid JSON'],
    ['the wrong method', 'GET', '/api/messages', undefined, 405, '/api/messages answers POST only'],
  ])(
    'refuses %s with a clear error and changes nothing',
    async (_case, method, path, body, status, error) => {
      const before = JSON.stringify((await (await fetch(`${root}/api/state`)).json()) as unknown);
      const response = await page(method, path, body);
      expect({ status: response.status, body: await response.json() }).toEqual({ status, body: { error } });
      expect(JSON.stringify(await (await fetch(`${root}/api/state`)).json())).toBe(before);
      expect(await updates()).toEqual([]);
    },
  );

  it('refuses a press on a button the message does not have, and a body that is not JSON', async () => {
    const card = await sent({
      chat_id: alice,
      text: 'Task',
      reply_markup: { inline_keyboard: [[{ text: 'Done', callback_data: 'd' }]] },
    });
    const wrong = await page('POST', '/api/presses', {
      userId: alice,
      chatId: alice,
      messageId: card.message_id,
      data: 'forged',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: `message ${card.message_id} has no button with that data` });
    const form = await page('POST', '/api/messages', 'text=hi', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    expect(await updates()).toEqual([]);
  });
});
