import fs from 'node:fs';
import path from 'node:path';
import { SandboxServer } from '@taskbot/sandbox/sandbox-server';
import { DEFAULT_USERS } from '@taskbot/sandbox/world';
import type { BrowserContext, Page } from 'playwright-core';
import { deleteTopology } from '../support/broker';
import { type Browser, launchChromium } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort, REPO_ROOT, type Stack, startStack, uniquePrefix } from '../support/stack';

// A person tries the bot in the sandbox page: the three services run against the sandbox Bot API
// (the gateway long-polls it, as `pnpm start` does without a token) and headless Chromium types and
// clicks in the page as a person would.

const ARTIFACTS = path.join(REPO_ROOT, 'test', 'artifacts');

describe('the sandbox chat page, end to end', () => {
  const sandbox = new SandboxServer();
  const prefix = uniquePrefix('sandbox');
  let database: TestDatabase;
  let stack: Stack;
  let browser: BrowserContext;
  let page: Page;
  let chrome: Browser | undefined;

  beforeAll(async () => {
    const apiRoot = await sandbox.start(0);
    database = await createTestDatabase();
    stack = await startStack({
      databaseUrl: database.url,
      apiRoot,
      queuePrefix: prefix,
      port: await freePort(),
      gatewayEnv: { TELEGRAM_MODE: 'polling' },
    });
    chrome = await launchChromium({ viewport: { width: 1200, height: 800 }, locale: 'en-US' });
    browser = chrome.context;
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${apiRoot}/`);
    await page.locator('#status[data-state="connected"]').waitFor();
  });

  const send = async (text: string) => {
    await page.locator('#composer-input').fill(text);
    await page.locator('#composer-input').press('Enter');
    await page.locator('.message.own', { hasText: text }).last().waitFor();
  };

  const expectScreenshot = async (name: string) => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, name);
    await page.screenshot({ path: file });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
  };

  afterAll(async () => {
    await chrome?.close();
    await stack?.stop();
    await sandbox.stop();
    await database?.drop();
    await deleteTopology(prefix);
  });

  it('adds a task from the page, shows its card, and marks it done with the card’s button', async () => {
    const alice = DEFAULT_USERS[0];
    await expect(page.locator('#user-select').inputValue()).resolves.toBe(String(alice?.id));
    await page.locator('.chat-entry', { hasText: 'Alice' }).click();

    await send('/add Buy milk tomorrow 18:00');

    const card = page.locator('.message.from-bot', { hasText: 'Buy milk' }).filter({
      has: page.locator('.inline-button', { hasText: '✅ Done' }),
    });
    await card.waitFor({ timeout: 20_000 });
    const cardText = await card.locator('.text').textContent();
    expect(cardText).toContain('📅');
    expect(cardText).toContain('18:00');
    // The bot formats its cards with HTML: the page shows the entities, never the tags.
    expect(await card.locator('.text b').count()).toBeGreaterThan(0);
    expect(cardText).not.toContain('<b>');
    const messageId = await card.getAttribute('data-message-id');

    // Watched from before the press: the toast goes away after a few seconds.
    const toast = page.locator('.toast', { hasText: '✅' }).first().waitFor({ timeout: 20_000 });
    await card.locator('.inline-button', { hasText: '✅ Done' }).click();

    const doneCard = page.locator(`.message[data-message-id="${messageId}"]`);
    await doneCard.locator('.inline-button', { hasText: 'Reopen' }).waitFor({ timeout: 20_000 });
    await expect(doneCard.locator('.edited').count()).resolves.toBe(1);
    await expect(doneCard.locator('.text').textContent()).resolves.toContain('✅ Done');
    await toast;
    await expect(page.locator('.message.from-bot', { hasText: 'Buy milk' }).count()).resolves.toBe(1);

    await expectScreenshot('sandbox.png');
  });

  it('lets another person use the group in Russian and answer the bot’s question by replying', async () => {
    const [alice, boris] = DEFAULT_USERS;
    await page.locator('#ui-language').selectOption('ru');
    await expect(page.locator('#send').textContent()).resolves.toBe('Отправить');
    await page.locator('#user-select').selectOption(String(boris?.id));
    await page.locator('.chat-entry', { hasText: 'Team · Команда' }).click();

    await send('/add Позвонить маме');
    const card = page.locator('.message.from-bot', { hasText: 'Позвонить маме' }).filter({
      has: page.locator('.inline-button', { hasText: '✏️ Изменить' }),
    });
    await card.waitFor({ timeout: 20_000 });
    await card.locator('.inline-button', { hasText: '✏️ Изменить' }).click();

    // The question comes with force_reply: the page sets up the reply to it, as Telegram does.
    await page
      .locator('.message.from-bot', { hasText: 'Пришлите новое название' })
      .waitFor({ timeout: 20_000 });
    await expect(page.locator('#reply-preview').textContent()).resolves.toContain('Пришлите новое название');
    await send('Позвонить папе');
    await page.locator('.message.own .quote', { hasText: 'Пришлите новое название' }).waitFor();
    await page
      .locator('.message.from-bot', { hasText: 'Позвонить папе' })
      .filter({ has: page.locator('.inline-button', { hasText: '✅' }) })
      .waitFor({ timeout: 20_000 });

    // Alice is in the group too and sees the same messages, Борис's on the left with his name.
    await page.locator('#user-select').selectOption(String(alice?.id));
    await page.locator('.chat-entry', { hasText: 'Team · Команда' }).click();
    await page
      .locator('.message.other', { hasText: 'Позвонить папе' })
      .locator('.author', { hasText: 'Борис' })
      .waitFor();
    await expectScreenshot('sandbox-group-ru.png');
  });
});
