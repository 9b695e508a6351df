import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import { privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { deleteTopology } from '../support/broker';
import {
  baseEnv,
  freePort,
  type RunningApp,
  startApp,
  TEST_SECRET,
  TEST_TOKEN,
  uniquePrefix,
} from '../support/stack';

// The gateway as a process: its metrics and latest warnings on the admin listener behind the admin
// token, and nothing of them on the public port. (The operations page is the ops app's:
// metrics.ops.test.ts.)

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

describe('gateway metrics and admin listener', () => {
  const fake = new FakeBotApi();
  const prefix = uniquePrefix('metricsgw');
  let gateway: RunningApp;
  let publicUrl: string;
  let adminUrl: string;

  beforeAll(async () => {
    const apiRoot = await fake.start();
    // Registering the webhook fails once: a warning the gateway keeps for the operations page.
    fake.failNext('setWebhook', { code: 500, description: 'Internal Server Error' });
    const port = await freePort();
    gateway = startApp('gateway', {
      ...baseEnv({ databaseUrl: '', apiRoot, queuePrefix: prefix, port }),
      PORT: String(port),
      TELEGRAM_WEBHOOK_SECRET: TEST_SECRET,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
      ADMIN_PORT: '0',
      ADMIN_TOKEN,
    });
    await gateway.waitForLog('started');
    const line = gateway
      .output()
      .split('\n')
      .find((entry) => entry.includes('"message":"admin listener"'));
    publicUrl = `http://127.0.0.1:${port}`;
    adminUrl = `http://127.0.0.1:${JSON.parse(line ?? '{}').admin_port}`;
  });

  afterAll(async () => {
    await gateway?.stop();
    await fake.stop();
    await deleteTopology(prefix);
  });

  const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

  it('serves no /metrics on the public port, not even for the admin token; the admin listener does', async () => {
    expect((await fetch(`${publicUrl}/metrics`)).status).toBe(404);
    expect(
      (await fetch(`${publicUrl}/metrics`, { headers: { authorization: 'Bearer not-the-token-000000' } }))
        .status,
    ).toBe(404);
    expect((await fetch(`${publicUrl}/metrics?token=${ADMIN_TOKEN}`)).status).toBe(404);
    const publicAnswer = await fetch(`${publicUrl}/metrics`, { headers: bearer });
    expect(publicAnswer.status).toBe(404);
    expect(await publicAnswer.text()).not.toContain('taskbot_');
    const response = await fetch(`${adminUrl}/metrics`, { headers: bearer });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toContain('taskbot_gateway_updates_received_total{service="gateway"}');
    // The probes are on the public port, answered as every service answers them.
    expect(await (await fetch(`${publicUrl}/readyz`)).json()).toMatchObject({ status: 'ready', down: [] });
  });

  it('counts updates received, published and rejected, and shows them on the admin listener with the token only', async () => {
    const alice = user(7_400_001, { first_name: 'Alice', language_code: 'en' });
    const post = (secret: string, body: string) =>
      fetch(`${publicUrl}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body,
      });
    expect(
      (
        await post(
          TEST_SECRET,
          JSON.stringify(textMessage({ chat: privateChat(alice), from: alice, text: '/start' })),
        )
      ).status,
    ).toBe(200);
    expect((await post('wrong-secret-wrong-secret-00', '{}')).status).toBe(401);
    expect((await post(TEST_SECRET, '{"update_id": "x"}')).status).toBe(400);
    expect((await post(TEST_SECRET, '{not json')).status).toBe(400);

    expect((await fetch(`${adminUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${adminUrl}/metrics?token=${ADMIN_TOKEN}`)).status).toBe(401);
    const text = await (await fetch(`${adminUrl}/metrics`, { headers: bearer })).text();
    expect(text).toContain('taskbot_gateway_updates_received_total{service="gateway"} 1');
    expect(text).toContain('taskbot_gateway_updates_published_total{route="command",service="gateway"} 1');
    expect(text).toContain('taskbot_gateway_updates_rejected_total{reason="secret",service="gateway"} 1');
    expect(text).toContain(
      'taskbot_gateway_updates_rejected_total{reason="invalid_update",service="gateway"} 1',
    );
    expect(text).toContain(
      'taskbot_gateway_updates_rejected_total{reason="invalid_json",service="gateway"} 1',
    );
    expect(text).toContain('process_resident_memory_bytes{service="gateway"}');
    for (const secret of [TEST_TOKEN, TEST_SECRET, ADMIN_TOKEN]) expect(text).not.toContain(secret);
  });

  it('times every webhook answer, by status, from the request reaching the route to the answer written', async () => {
    const bob = user(7_400_002, { first_name: 'Bob', language_code: 'en' });
    const metrics = async () => (await fetch(`${adminUrl}/metrics`, { headers: bearer })).text();
    /** The value of `taskbot_gateway_webhook_answer_seconds<suffix>` for one status (0 while absent). */
    const answerSample = (text: string, suffix: string, status: number, le?: string) => {
      const line = text
        .split('\n')
        .find(
          (entry) =>
            entry.startsWith(`taskbot_gateway_webhook_answer_seconds${suffix}{`) &&
            entry.includes(`status="${status}"`) &&
            (le === undefined || entry.includes(`le="${le}"`)),
        );
      return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
    };
    const OK_POSTS = 5;
    const BAD_SECRET_POSTS = 2;

    const before = await metrics();
    for (let i = 0; i < OK_POSTS; i += 1) {
      const update = textMessage({ chat: privateChat(bob), from: bob, text: `/add task ${i}` });
      const response = await fetch(`${publicUrl}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
        body: JSON.stringify(update),
      });
      expect(response.status).toBe(200);
    }
    for (let i = 0; i < BAD_SECRET_POSTS; i += 1) {
      const response = await fetch(`${publicUrl}/telegram/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': 'wrong-secret-0000',
        },
        body: '{}',
      });
      expect(response.status).toBe(401);
    }
    const after = await metrics();

    expect(after).toContain('# TYPE taskbot_gateway_webhook_answer_seconds histogram');
    const added = (suffix: string, status: number, le?: string) =>
      answerSample(after, suffix, status, le) - answerSample(before, suffix, status, le);
    expect(added('_count', 200)).toBe(OK_POSTS);
    expect(added('_count', 401)).toBe(BAD_SECRET_POSTS);
    expect(added('_sum', 200)).toBeGreaterThan(0);
    expect(added('_sum', 401)).toBeGreaterThan(0);
    // Every answer falls in some bucket up to +Inf, and the buckets start under a millisecond.
    expect(added('_bucket', 200, '+Inf')).toBe(OK_POSTS);
    expect(after).toContain(
      'taskbot_gateway_webhook_answer_seconds_bucket{le="0.0005",service="gateway",status="200"}',
    );
  });

  it('keeps its latest warnings for the operations page behind the token, and serves no page itself', async () => {
    expect((await fetch(`${adminUrl}/recent-lines`)).status).toBe(401);
    expect((await fetch(`${adminUrl}/recent-lines?token=${ADMIN_TOKEN}`)).status).toBe(401);
    const recent = await fetch(`${adminUrl}/recent-lines`, { headers: bearer });
    expect(recent.status).toBe(200);
    const { lines } = (await recent.json()) as { lines: Array<{ level: string; message: string }> };
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'start-up call failing; retrying in the background',
      }),
    );
    expect(lines.every((line) => line.level === 'warn' || line.level === 'error')).toBe(true);
    for (const path of ['/', '/live', '/failed/0123456789ab/retry']) {
      expect((await fetch(`${adminUrl}${path}?token=${ADMIN_TOKEN}`, { headers: bearer })).status).toBe(404);
    }
  });
});
