import fs from 'node:fs';
import path from 'node:path';
import { privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import type { BrowserContext } from 'playwright-core';
import { waitFor } from '../support/amqp';
import { deadQueueOf, queueDepth, STACK_PARTITIONS } from '../support/broker';
import { type Browser, launchChromium } from '../support/browser';
import { REPO_ROOT, type RunningApp, startApp, TEST_SECRET } from '../support/stack';
import { useStack } from '../support/use-stack';

// An operator's day on the operations page (the ops app), in headless Chromium, against the three
// services:
// Telegram fails, the update ends in the dead-letter queue, the page shows it, Telegram recovers,
// the operator presses Retry, and the user gets the reply.

const ADMIN_TOKEN = 'ops-page-admin-token-0123456789';
const ARTIFACTS = path.join(REPO_ROOT, 'test', 'artifacts');

/** The port a service's admin listener took, from its log line. */
function adminPortOf(app: RunningApp, message: string): number {
  const line = app
    .output()
    .split('\n')
    .find((entry) => entry.includes(`"message":"${message}"`));
  return Number(JSON.parse(line ?? '{}').admin_port);
}

describe('the operations page', () => {
  const system = useStack('opspage_e2e', { extraEnv: { ADMIN_TOKEN } });
  const { fake, prefix } = system;
  const deadQueue = deadQueueOf(prefix);
  const erin = user(5_570_001, { first_name: 'Erin', language_code: 'en', username: 'erin' });
  const chat = privateChat(erin);
  let browser: BrowserContext;
  let chrome: Browser | undefined;
  let ops: RunningApp | undefined;

  beforeAll(async () => {
    // The page runs apart from the gateway, reading the gateway's figures from its admin listener.
    ops = startApp('ops', {
      RABBITMQ_URL: process.env.RABBITMQ_URL ?? '',
      QUEUE_PREFIX: prefix,
      QUEUE_PARTITIONS: String(STACK_PARTITIONS),
      RETRY_DELAYS_MS: '200,400',
      ADMIN_TOKEN,
      ADMIN_PORT: '0',
      HEALTH_PORT: '0',
      OPS_SAMPLE_INTERVAL_MS: '500',
      OPS_GATEWAY_ADMIN_URL: `http://127.0.0.1:${adminPortOf(system.stack().app('gateway'), 'admin listener')}`,
    });
    await ops.waitForLog('started');
    chrome = await launchChromium();
    browser = chrome.context;
  });

  afterAll(async () => {
    await chrome?.close();
    await ops?.stop();
  });

  it('shows a dead-lettered update; Retry gets it processed and the reply sent', async () => {
    // Telegram answers 500 to every attempt at the reply (1 + the 2 retries of RETRY_DELAYS_MS).
    fake.failNext('sendMessage', { code: 500, description: 'Internal Server Error' }, 3);
    const response = await fetch(`${system.stack().gatewayUrl}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
      body: JSON.stringify(textMessage({ chat, from: erin, text: '/add Water the ferns' })),
    });
    expect(response.status).toBe(200);
    await waitFor('the update in the dead-letter queue', async () => (await queueDepth(deadQueue)) === 1);

    const adminUrl = `http://127.0.0.1:${adminPortOf(ops as RunningApp, 'operations page')}`;
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(`${adminUrl}/?token=${ADMIN_TOKEN}`);
    const row = page.locator('#failed-jobs tr[data-job]');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    const rowText = await row.textContent();
    expect(rowText).toContain('/add Water the ferns');
    expect(rowText).toContain(`${prefix}telegram-commands`);
    expect(rowText).toContain('500');
    // The depth chart has its lines, the dead-letter one at 1 (its legend shows the latest value).
    await page.locator('figure.chart polyline').first().waitFor({ state: 'attached' });
    await page.locator('figure.chart .legend', { hasText: 'dead 1' }).waitFor();
    await page.locator(`#queues tr[data-queue="${deadQueue}"]`).waitFor();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({
      path: path.join(ARTIFACTS, 'ops-page-failed-job.png'),
      fullPage: true,
      caret: 'initial',
    });

    // Telegram is healthy again (the queued failures are used up): the operator presses Retry.
    await row.locator('button[data-action="retry"]').click();
    await page.locator('#status', { hasText: 'Retried' }).waitFor();
    const reply = await fake.waitForCall(
      'sendMessage',
      (call) =>
        call.response.ok &&
        call.payload.chat_id === chat.id &&
        String(call.payload.text).includes('Water the ferns'),
    );
    expect(reply.response.ok).toBe(true);
    await page.locator('#no-failed-jobs').waitFor();
    expect(await queueDepth(deadQueue)).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'ops-page.png'), fullPage: true, caret: 'initial' });
    expect(problems).toEqual([]);
    await page.close();

    // The command worker counted it all, on its own admin listener behind the same token.
    const workerAdmin = `http://127.0.0.1:${adminPortOf(system.stack().app('command-worker'), 'worker ready')}`;
    expect((await fetch(`${workerAdmin}/metrics`)).status).toBe(401);
    const metrics = await (
      await fetch(`${workerAdmin}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).text();
    const value = (prefixOfLine: string) =>
      metrics
        .split('\n')
        .find((line) => line.startsWith(prefixOfLine))
        ?.split(' ')
        .pop();
    expect(value('taskbot_worker_dead_lettered_total{kind="commands"')).toBe('1');
    expect(value('taskbot_worker_retries_total{kind="commands"')).toBe('2');
    expect(value('taskbot_worker_messages_handled_total{kind="commands",outcome="ok"')).toBe('1');
    expect(value('taskbot_telegram_api_calls_total{method="sendMessage",status="500"')).toBe('3');
  });
});
