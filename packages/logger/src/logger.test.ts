import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createLogger, withLogFields } from './logger';
import { RecentLines } from './recent-lines';

function capture(secrets: string[]) {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().trim().split('\n')));
  const logger = createLogger({ service: 'test', level: 'debug', secrets, stream });
  return { logger, lines: () => lines.map((line) => JSON.parse(line)) };
}

describe('the logger', () => {
  it('writes JSON lines with the service, a fixed message and fields', async () => {
    const { logger, lines } = capture([]);
    logger.child({ update_id: 5 }).info('update handled', { chat_id: 7 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines()[0]).toMatchObject({
      service: 'test',
      message: 'update handled',
      update_id: 5,
      chat_id: 7,
      level: 'info',
    });
  });

  it('never writes a secret, wherever it hides', async () => {
    const secret = '123456:SECRET-TOKEN-VALUE';
    const { logger, lines } = capture([secret]);
    logger.error('call failed', {
      url: `https://api.telegram.org/bot${secret}/sendMessage`,
      nested: { deeper: [`x${secret}y`] },
      error: new Error(`request to bot${secret} failed`),
    });
    await new Promise((resolve) => setImmediate(resolve));
    const text = JSON.stringify(lines());
    expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});

describe('the fields of the work in hand', () => {
  it('are carried by every line logged inside it, by any logger, children included', async () => {
    const { logger, lines } = capture([]);
    await withLogFields({ update_id: 9, chat_id: 3, queue: 'q.1', attempt: 2 }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.child({ user_id: 4 }).info('reply sent');
      logger.info('own field wins', { attempt: 7 });
    });
    logger.info('outside');
    await new Promise((resolve) => setImmediate(resolve));
    const [inside, own, outside] = lines();
    expect(inside).toMatchObject({ update_id: 9, chat_id: 3, queue: 'q.1', attempt: 2, user_id: 4 });
    expect(own).toMatchObject({ update_id: 9, attempt: 7 });
    expect(outside).not.toHaveProperty('update_id');
  });
});

describe('LOG_FILE', () => {
  it('gets the same JSON lines as stdout, secrets redacted', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskbot-log-'));
    const file = path.join(dir, 'telegram.log');
    const secret = '123456:FILE-SECRET-VALUE';
    const logger = createLogger({ service: 'test', secrets: [secret], stream: new PassThrough(), file });
    logger.warn('call failed', { url: `https://api.telegram.org/bot${secret}/getMe`, chat_id: 1 });
    await new Promise<void>((resolve) => {
      logger.on('finish', resolve);
      logger.end();
    });
    await waitForFile(file);
    const [line] = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(line ?? '')).toMatchObject({ service: 'test', message: 'call failed', chat_id: 1 });
    expect(line).not.toContain(secret);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('recent lines', () => {
  it('keeps the newest warnings and errors, redacted, up to its capacity', async () => {
    const recent = new RecentLines(2);
    const secret = '123456:RECENT-SECRET';
    const logger = createLogger({
      service: 'test',
      secrets: [secret],
      stream: new PassThrough(),
      transports: [recent.transport],
    });
    logger.info('not kept');
    logger.warn('first');
    logger.error('second', { error: new Error(`boom ${secret}`) });
    logger.error('third', { chat_id: 5 });
    await new Promise((resolve) => setImmediate(resolve));
    const kept = recent.list();
    expect(kept.map((line) => line.message)).toEqual(['second', 'third']);
    expect(kept[1]).toMatchObject({ level: 'error', fields: { chat_id: 5, service: 'test' } });
    expect(JSON.stringify(kept)).not.toContain(secret);
  });
});

async function waitForFile(file: string): Promise<void> {
  for (let i = 0; i < 100 && !(fs.existsSync(file) && fs.statSync(file).size > 0); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
