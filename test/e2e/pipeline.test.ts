import { Task } from '@taskbot/db/entities/Task';
import { callbackQuery, privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { kindDepth } from '../support/broker';
import { TEST_SECRET } from '../support/stack';
import { useStack } from '../support/use-stack';

// The whole path, with the three services running as separate processes: an update POSTed to
// the gateway becomes a reply at the (fake) Bot API, through RabbitMQ and the system.database().

interface SentMessage {
  message_id: number;
  chat: { id: number; type: string };
  text: string;
  date: number;
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
}

const LIMIT = 20;

describe('an update travels from the webhook to a reply', () => {
  const system = useStack('pipeline', { gatewayEnv: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  const { fake, prefix } = system;
  const alice = user(5_550_001, { first_name: 'Alice', language_code: 'en', username: 'alice' });
  const chat = privateChat(alice);

  const post = (body: unknown, secret: string | null = TEST_SECRET) =>
    fetch(`${system.stack().gatewayUrl}/telegram/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const say = async (text: string) => {
    const update = textMessage({ chat, from: alice, text });
    const response = await post(update);
    expect(response.status).toBe(200);
    return update;
  };

  const replyTo = async (fragment: string) => {
    const call = await fake.waitForCall(
      'sendMessage',
      (c) => c.payload.chat_id === chat.id && String(c.payload.text).includes(fragment),
    );
    return call.response as { ok: true; result: SentMessage };
  };

  it('greets a person who sends /start and registers them', async () => {
    await say('/start');
    await replyTo('Hi, Alice!');
    const rows = await system.database().dataSource.query('SELECT id FROM users');
    expect(rows.map((row: { id: string | number }) => Number(row.id))).toContain(alice.id);
  });

  it('adds a task with /add, shows it with /tasks, and marks it done with its button', async () => {
    await say('/add Buy milk & <bread>');
    const card = (await replyTo('Buy milk &amp; &lt;bread&gt;')).result;
    // Telegram reads the HTML: the title shows as typed, in bold.
    expect(card.text).toMatch(/^#\d+ Buy milk & <bread>\n/);
    expect(card).toMatchObject({
      entities: [{ type: 'bold', offset: card.text.indexOf('Buy'), length: 18 }],
    });
    expect(card.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain('✅ Done');

    await say('/tasks');
    const list = (await replyTo('Open tasks (1)')).result;
    expect(list.text).toContain('Buy milk & <bread>');
    const button = list.reply_markup?.inline_keyboard[0]?.[0];
    expect(button?.text).toContain('Done');

    const press = callbackQuery({ from: alice, message: list as never, data: button?.callback_data ?? '' });
    expect((await post(press)).status).toBe(200);

    const answer = await fake.waitForCall(
      'answerCallbackQuery',
      (c) => c.payload.callback_query_id === press.callback_query?.id,
    );
    expect(String(answer.payload.text)).toContain('Done: Buy milk');
    const edit = await fake.waitForCall('editMessageText', (c) => c.payload.message_id === list.message_id);
    expect(edit.payload.text).toContain('No open tasks');

    const tasks = await system.database().dataSource.getRepository(Task).find();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: 'Buy milk & <bread>', status: 'done' });
    expect(tasks[0]?.doneAt).toBeInstanceOf(Date);
  });

  it('creates one task and sends one reply when Telegram delivers the same update twice', async () => {
    const update = textMessage({ chat, from: alice, text: '/add Pay rent' });
    expect((await post(update)).status).toBe(200);
    await fake.waitForCall('sendMessage', (c) => String(c.payload.text).includes('Pay rent'));
    expect((await post(update)).status).toBe(200);
    await system.stack().app('command-worker').waitForLog('job was handled before; not repeated');

    expect(
      fake.callsOf('sendMessage').filter((c) => String(c.payload.text).includes('Pay rent')),
    ).toHaveLength(1);
    const rows = await system.database().dataSource.getRepository(Task).findBy({ title: 'Pay rent' });
    expect(rows).toHaveLength(1);
  });

  it('refuses a wrong or missing secret with 401 and publishes nothing', async () => {
    const before = fake.callsOf('sendMessage').length;
    expect((await post(textMessage({ chat, from: alice, text: '/add Sneaky' }), 'wrong-secret')).status).toBe(
      401,
    );
    expect((await post(textMessage({ chat, from: alice, text: '/add Sneaky' }), null)).status).toBe(401);
    expect(await kindDepth(prefix, 'commands')).toBe(0);
    await say('/tasks');
    await replyTo('Open tasks');
    expect(
      fake
        .callsOf('sendMessage')
        .slice(before)
        .some((c) => String(c.payload.text).includes('Sneaky')),
    ).toBe(false);
  });

  it('answers 400 with a reason for a body that is not an update', async () => {
    const notJson = await post('{"update_id": 1,');
    expect(notJson.status).toBe(400);
    const noId = await post({ message: { text: 'hi' } });
    expect(noId.status).toBe(400);
    expect(((await noId.json()) as { error: string }).error).toContain('update_id');
  });

  it('tells a person over the limit to slow down, once, in their language', async () => {
    const boris = user(5_550_002, { first_name: 'Boris', language_code: 'ru' });
    for (let i = 0; i <= LIMIT + 2; i += 1) {
      const response = await post(textMessage({ chat: privateChat(boris), from: boris, text: `/add ${i}` }));
      expect(response.status).toBe(200);
    }
    await fake.waitForCalls(
      'sendMessage',
      LIMIT,
      (c) => c.payload.chat_id === boris.id && String(c.payload.text).includes('#'),
    );
    const notice = await fake.waitForCall(
      'sendMessage',
      (c) => c.payload.chat_id === boris.id && String(c.payload.text).includes('слишком часто'),
    );
    expect(notice).toBeDefined();
    const rows = await system.database().dataSource.getRepository(Task).countBy({ chatId: boris.id });
    expect(rows).toBe(LIMIT);
    const notices = fake
      .callsOf('sendMessage')
      .filter((c) => c.payload.chat_id === boris.id && String(c.payload.text).includes('слишком часто'));
    expect(notices).toHaveLength(1);
  });

  it('asks Telegram who the bot is once per worker, not per update', () => {
    expect(fake.callsOf('getMe')).toHaveLength(2);
  });

  it('reports itself alive and ready', async () => {
    expect((await fetch(`${system.stack().gatewayUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${system.stack().gatewayUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      down: [],
      // In webhook mode without TELEGRAM_WEBHOOK_URL the gateway never calls Telegram: not known.
      telegram: { reachable: null, waiting_for: [] },
    });
  });
});
