import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import { privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { waitFor } from '../support/amqp';
import { deadQueueOf, deleteTopology } from '../support/broker';
import {
  baseEnv,
  freePort,
  type RunningApp,
  startApp,
  TEST_SECRET,
  TEST_TOKEN,
  uniquePrefix,
} from '../support/stack';

// The ops app as a process beside a gateway: the operations page, its job actions and the queue
// metrics behind the admin token, the probes without it, and what the page reads from the gateway
// (its throughput and its latest warnings) over the gateway's admin listener.

const ADMIN_TOKEN = 'admin-token-for-ops-tests-0123456789';

/** A field of the first log line with this message. */
function logged(app: RunningApp, message: string, field: string): number {
  const line = app
    .output()
    .split('\n')
    .find((entry) => entry.includes(`"message":"${message}"`));
  return Number(JSON.parse(line ?? '{}')[field]);
}

describe('the ops app', () => {
  const fake = new FakeBotApi();
  const prefix = uniquePrefix('opsapp');
  let gateway: RunningApp;
  let ops: RunningApp;
  let publicUrl: string;
  let adminUrl: string;
  let healthUrl: string;

  beforeAll(async () => {
    const apiRoot = await fake.start();
    // Registering the webhook fails once: a gateway warning the page must show.
    fake.failNext('setWebhook', { code: 500, description: 'Internal Server Error' });
    const port = await freePort();
    const env = baseEnv({ databaseUrl: '', apiRoot, queuePrefix: prefix, port });
    gateway = startApp('gateway', {
      ...env,
      PORT: String(port),
      TELEGRAM_WEBHOOK_SECRET: TEST_SECRET,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
      ADMIN_TOKEN,
    });
    await gateway.waitForLog('started');
    publicUrl = `http://127.0.0.1:${port}`;
    ops = startApp('ops', {
      ...env,
      ADMIN_TOKEN,
      OPS_SAMPLE_INTERVAL_MS: '200',
      OPS_GATEWAY_ADMIN_URL: `http://127.0.0.1:${logged(gateway, 'admin listener', 'admin_port')}`,
    });
    await ops.waitForLog('started');
    adminUrl = `http://127.0.0.1:${logged(ops, 'operations page', 'admin_port')}`;
    healthUrl = `http://127.0.0.1:${logged(ops, 'operations page', 'health_port')}`;
  });

  afterAll(async () => {
    await ops?.stop();
    await gateway?.stop();
    await fake.stop();
    await deleteTopology(prefix);
  });

  const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

  it('answers its probes without a token, and nothing else there', async () => {
    expect((await fetch(`${healthUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${healthUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', down: [] });
    expect((await fetch(`${healthUrl}/metrics`, { headers: bearer })).status).toBe(404);
    expect((await fetch(`${healthUrl}/`, { headers: bearer })).status).toBe(404);
  });

  it('serves the queue depths as metrics on its admin listener, for the token only', async () => {
    expect((await fetch(`${adminUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${adminUrl}/metrics?token=${ADMIN_TOKEN}`)).status).toBe(401);
    // Queue depths come from a sampler that runs every OPS_SAMPLE_INTERVAL_MS: wait for its first pass.
    const deadDepth = `taskbot_queue_messages{queue="${deadQueueOf(prefix)}",role="dead",service="ops"} 0`;
    let text = '';
    await waitFor('the queue sampler to report the dead-letter queue', async () => {
      text = await (await fetch(`${adminUrl}/metrics`, { headers: bearer })).text();
      return text.includes(deadDepth);
    });
    expect(text).toContain('process_resident_memory_bytes{service="ops"}');
    for (const secret of [TEST_TOKEN, TEST_SECRET, ADMIN_TOKEN]) expect(text).not.toContain(secret);
  });

  it('serves the operations page for ?token= or Bearer, 401 otherwise; its POSTs need the Bearer and admin headers', async () => {
    expect((await fetch(`${adminUrl}/`)).status).toBe(401);
    const page = await fetch(`${adminUrl}/?token=${ADMIN_TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'nonce-");
    const html = await page.text();
    expect(html).toContain('<h1>Taskbot operations</h1>');
    expect(html).toContain('No failed jobs.');

    const retry = `${adminUrl}/failed/0123456789ab/retry`;
    expect(
      (await fetch(`${retry}?token=${ADMIN_TOKEN}`, { method: 'POST', headers: { 'x-taskbot-admin': '1' } }))
        .status,
    ).toBe(401);
    expect((await fetch(retry, { method: 'POST', headers: bearer })).status).toBe(403);
    const unknown = await fetch(retry, { method: 'POST', headers: { ...bearer, 'x-taskbot-admin': '1' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: 'no failed job with id 0123456789ab; nothing was changed',
    });
  });

  it("shows the gateway's throughput and its latest warnings, read from the gateway", async () => {
    const live = async () => (await fetch(`${adminUrl}/live`, { headers: bearer })).text();
    expect(await live()).toContain('start-up call failing; retrying in the background');

    // Updates keep coming in for a while; the chart's "in" line shows them at its latest point.
    const carol = user(7_400_101, { first_name: 'Carol', language_code: 'en' });
    let sending = true;
    const sender = (async () => {
      for (let i = 0; sending && i < 200; i += 1) {
        await fetch(`${publicUrl}/telegram/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
          body: JSON.stringify(textMessage({ chat: privateChat(carol), from: carol, text: `/add t${i}` })),
        });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      await waitFor('the throughput chart to show updates coming in', async () => {
        const match = /<\/svg> in ([0-9.]+)<\/span>/.exec(await live());
        return Number(match?.[1] ?? 0) > 0;
      });
    } finally {
      sending = false;
      await sender;
    }
  });
});
