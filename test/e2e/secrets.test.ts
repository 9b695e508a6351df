import { privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { startApp, TEST_SECRET, TEST_TOKEN } from '../support/stack';
import { useStack } from '../support/use-stack';

// The bot token and the webhook secret never reach a log line, an error or a metric. The stack runs
// at LOG_LEVEL=debug (the most talkative), is driven through successes and failures (wrong secrets,
// Telegram answering 500, 429, 403 and 400), and then every line each service wrote is searched for
// the token, the secret, and the token's secret half (the part after the colon, which alone is
// enough to act as the bot).

const TOKEN_SECRET_HALF = TEST_TOKEN.slice(TEST_TOKEN.indexOf(':') + 1);
const SECRETS = { token: TEST_TOKEN, 'token secret half': TOKEN_SECRET_HALF, 'webhook secret': TEST_SECRET };

function leaks(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, secret]) => text.includes(secret))
    .map(([name]) => name);
}

describe('secrets in output', () => {
  const system = useStack('secrets', {
    extraEnv: { LOG_LEVEL: 'debug' },
    gatewayEnv: { BAD_SECRET_LIMIT_PER_MINUTE: '3' },
  });
  const { fake } = system;
  const mallory = user(6_600_001, { first_name: 'Mallory', language_code: 'en' });

  const post = (body: unknown, secret: string | null = TEST_SECRET) =>
    fetch(`${system.stack().gatewayUrl}/telegram/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const say = (text: string) => post(textMessage({ chat: privateChat(mallory), from: mallory, text }));

  it('leaves no trace of the token or the secret after successes and failures', async () => {
    // Wrong and missing secrets, up to the 429, including ones that share a prefix with the secret.
    for (const secret of [null, 'guess', TEST_SECRET.slice(0, -1), `${TEST_SECRET}0`, TOKEN_SECRET_HALF]) {
      const status = (await post({ update_id: 1 }, secret)).status;
      expect({ secret, refused: status === 401 || status === 429 }).toEqual({ secret, refused: true });
    }
    expect((await post('{"update_id":', TEST_SECRET)).status).toBe(400);

    // Telegram failing the replies in every way the client tells apart, then succeeding.
    let seq = fake.calls.at(-1)?.seq ?? 0;
    fake.failNext('sendMessage', { code: 500 });
    fake.failNext('sendMessage', { code: 429, retryAfter: 1 });
    expect((await say('/start')).status).toBe(200);
    await fake.waitForCall(
      'sendMessage',
      (c) => c.seq > seq && c.payload.chat_id === mallory.id && c.response.ok,
      20_000,
    );

    seq = fake.calls.at(-1)?.seq ?? 0;
    fake.failNext('sendMessage', {
      code: 400,
      description: `Bad Request: message text is empty ${TEST_TOKEN}`,
    });
    expect((await say('/add Reveal nothing')).status).toBe(200);
    await fake.waitForCall('sendMessage', (c) => c.seq > seq && c.payload.chat_id === mallory.id, 20_000);

    seq = fake.calls.at(-1)?.seq ?? 0;
    fake.failNext('sendMessage', { code: 403 });
    expect((await say('/tasks')).status).toBe(200);
    await fake.waitForCall('sendMessage', (c) => c.seq > seq && c.payload.chat_id === mallory.id, 20_000);

    // The gateway's metrics, on its admin listener (127.0.0.1 only here, as no ADMIN_TOKEN is set).
    const adminLine = system
      .stack()
      .app('gateway')
      .output()
      .split('\n')
      .find((line) => line.includes('"message":"admin listener without ADMIN_TOKEN'));
    const metrics = await fetch(`http://127.0.0.1:${JSON.parse(adminLine ?? '{}').admin_port}/metrics`);
    expect(metrics.status).toBe(200);
    const metricsText = await metrics.text();
    expect(metricsText).toContain('taskbot_gateway_updates_rejected_total{reason="secret"');
    expect(leaks(metricsText)).toEqual([]);

    // Give the workers' retries and failure logs a moment to be written, then read everything.
    await system.stack().app('command-worker').waitForLog('message failed for good', 20_000);
    for (const app of system.stack().apps) {
      const output = app.output();
      expect(output.length).toBeGreaterThan(0);
      expect({ service: app.name, leaks: leaks(output) }).toEqual({ service: app.name, leaks: [] });
    }
  });

  it('keeps the secret out of a refused configuration', async () => {
    const weak = 'Abc123-weak_secret';
    const gateway = startApp('gateway', { TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_WEBHOOK_SECRET: weak });
    const code = await new Promise<number | null>((resolve) => gateway.child.once('exit', resolve));
    expect(code).toBe(78);
    expect(gateway.output()).toContain('TELEGRAM_WEBHOOK_SECRET must be at least 32 characters');
    expect(gateway.output()).not.toContain(weak);
    expect(leaks(gateway.output())).toEqual([]);
  });
});
