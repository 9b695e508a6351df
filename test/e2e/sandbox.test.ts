import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { deleteTopology } from '../support/broker';
import { type Browser, launchChromium } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  freePort,
  REPO_ROOT,
  type RunningApp,
  type Stack,
  startApp,
  startStack,
  uniquePrefix,
} from '../support/stack';

// A person tries the bot in the sandbox page: the sandbox and the three services run as processes,
// the services against the sandbox Bot API (the gateway long-polls it, as `pnpm start` does without
// a token), and headless Chromium types and clicks in the page as a person would.

const ARTIFACTS = path.join(REPO_ROOT, 'test', 'artifacts');

interface Person {
  id: number;
  first_name: string;
}

interface SandboxChat {
  id: number;
  type: string;
}

/** The sandbox on a port of its own choosing; resolves the address it says it serves on. */
async function startSandbox(): Promise<{ sandbox: RunningApp; apiRoot: string }> {
  const sandbox = startApp('sandbox', { SANDBOX_PORT: '0', SANDBOX_HOST: '127.0.0.1' });
  await sandbox.waitForOutput(' (TELEGRAM_API_ROOT)');
  const apiRoot = /Sandbox Bot API on (\S+) \(TELEGRAM_API_ROOT\)/.exec(sandbox.output())?.[1];
  if (!apiRoot) throw new Error(`the sandbox did not say where it listens:\n${sandbox.output()}`);
  return { sandbox, apiRoot };
}

describe('the sandbox chat page, end to end', () => {
  let sandbox: RunningApp | undefined;
  const people: Record<string, Person> = {};
  let apiRoot: string;
  let groupId: number | undefined;
  const prefix = uniquePrefix('sandbox');
  let database: TestDatabase;
  let stack: Stack;
  let browser: BrowserContext;
  let page: Page;
  let chrome: Browser | undefined;

  beforeAll(async () => {
    const started = await startSandbox();
    sandbox = started.sandbox;
    apiRoot = started.apiRoot;
    const state = (await (await fetch(`${apiRoot}/api/state`)).json()) as {
      users: Person[];
      chats: SandboxChat[];
    };
    for (const person of state.users) people[person.first_name] = person;
    groupId = state.chats.find((chat) => chat.type !== 'private')?.id;
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
    await sandbox?.stop();
    await database?.drop();
    await deleteTopology(prefix);
  });

  it('adds a task from the page, shows its card, and marks it done with the card’s button', async () => {
    const alice = people.Alice;
    expect(alice).toBeDefined();
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
    const { Alice: alice, Борис: boris } = people;
    expect([alice, boris]).not.toContain(undefined);
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

  it('sends a photo from the page with /add as its caption, and the card’s 📎 button brings it back', async () => {
    await page.locator('#ui-language').selectOption('en');
    await page.locator('#user-select').selectOption(String(people.Alice?.id));
    await page.locator('.chat-entry', { hasText: 'Alice' }).click();
    // A 2x1 PNG.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DAwMDAAAANAAH/sVFhAAAAAElFTkSuQmCC',
      'base64',
    );

    await page.locator('#composer-input').fill('/add Fix the sink');
    await page.locator('#file-input').setInputFiles({ name: 'sink.png', mimeType: 'image/png', buffer: png });
    await page
      .locator('.message.own', { hasText: 'Fix the sink' })
      .locator('.media', { hasText: '🖼 Photo 2×1' })
      .waitFor();
    await expect(page.locator('#composer-input').inputValue()).resolves.toBe('');

    const card = page.locator('.message.from-bot', { hasText: 'Fix the sink' }).filter({
      has: page.locator('.inline-button', { hasText: '📎 1' }),
    });
    await card.waitFor({ timeout: 20_000 });
    await card.locator('.inline-button', { hasText: '📎 1' }).click();
    await page.locator('.message.from-bot .media', { hasText: '🖼 Photo 2×1' }).waitFor({ timeout: 20_000 });
  });

  it('forwards Борис’s group message to the bot, which makes it a task noting where it came from', async () => {
    await page.locator('#ui-language').selectOption('en');
    await page.locator('#user-select').selectOption(String(people.Alice?.id));
    await page.locator('.chat-entry', { hasText: 'Alice' }).click();
    await send('/add Water the plants');
    await page
      .locator('.message.from-bot', { hasText: 'Water the plants' })
      .filter({ has: page.locator('.inline-button', { hasText: '✅ Done' }) })
      .waitFor({ timeout: 20_000 });

    // Борис writes in the group from his own page: through the sandbox's chat API, as it would.
    const said = await fetch(`${apiRoot}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: people.Борис?.id, chatId: groupId, text: 'Order new chairs' }),
    });
    expect(said.status).toBe(200);
    await page.locator('.chat-entry', { hasText: 'Team · Команда' }).click();
    const original = page.locator('.message.other', { hasText: 'Order new chairs' });

    // By keyboard: ↪ opens the chat picker with the first chat (the group) focused, Tab goes to the
    // private chat with the bot; Escape closes the picker and gives the focus back to ↪.
    await original.locator('button.forward').focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('#forward-dialog');
    await dialog.waitFor();
    await expect(page.locator('.forward-chat:focus').textContent()).resolves.toContain('Team');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect(original.locator('button.forward:focus').count()).resolves.toBe(1);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(page.locator('.forward-chat:focus').textContent()).resolves.toContain('private chat');
    await page.keyboard.press('Enter');

    // The page opens the private chat, as Telegram does after a forward, and shows whom it is from.
    await page
      .locator('.message.own', { hasText: 'Order new chairs' })
      .locator('.forwarded', { hasText: 'Forwarded from Борис' })
      .waitFor();
    await expect(page.locator('.chat-entry.active').textContent()).resolves.toContain('Alice');
    const card = page
      .locator('.message.from-bot', { hasText: 'Order new chairs' })
      .filter({ has: page.locator('.inline-button', { hasText: '✅ Done' }) });
    await card.waitFor({ timeout: 20_000 });
    await expect(card.locator('.text').textContent()).resolves.toContain('forwarded from Борис');
    await expectScreenshot('sandbox-forward.png');
  });
});
