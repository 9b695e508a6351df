import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  contextValue,
  createLogger,
  type LogFormat,
  resolveLogFormat,
  withContextValue,
  withLogFields,
} from './logger';
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

/** A stream that says it is a terminal, as process.stdout does when a person runs the service. */
function terminal() {
  const stream = Object.assign(new PassThrough(), { isTTY: true });
  const text: string[] = [];
  stream.on('data', (chunk: Buffer) => text.push(chunk.toString()));
  return { stream, text: () => text.join('') };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('LOG_FORMAT', () => {
  const prettyLogger = (secrets: string[] = [], color = false) => {
    const out = terminal();
    const logger = createLogger({
      service: 'command-worker',
      level: 'debug',
      secrets,
      stream: out.stream,
      color,
    });
    return { logger, text: out.text };
  };

  it('gives a person at a terminal one short line: time, level, service, message, then key=value fields', async () => {
    const { logger, text } = prettyLogger();
    logger
      .child({ update_id: 5 })
      .info('message handled', { chat_id: -100, text: 'Buy milk', ok: true, tags: ['a'] });
    await tick();
    expect(text()).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} info {2}command-worker message handled update_id=5 chat_id=-100 text="Buy milk" ok=true tags=\["a"\]\n$/,
    );
  });

  it('colours the level, and leaves colour out when asked to', async () => {
    const coloured = prettyLogger([], true);
    coloured.logger.error('call failed');
    coloured.logger.warn('slow');
    await tick();
    expect(coloured.text()).toContain('\x1b[31merror');
    expect(coloured.text()).toContain('\x1b[33mwarn');
    const plain = prettyLogger([], false);
    plain.logger.error('call failed');
    await tick();
    expect(plain.text()).not.toContain('\x1b[');
  });

  it('shows an error by its message, with its stack frames indented below the line', async () => {
    const { logger, text } = prettyLogger(['123456:PRETTY-SECRET']);
    logger.error('start failed', { error: new Error('the "x" database is gone'), attempt: 2 });
    await tick();
    const [line, ...frames] = text().trimEnd().split('\n');
    expect(line).toMatch(/ error command-worker start failed attempt=2 error=the "x" database is gone$/);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((frame) => frame.startsWith('    at '))).toBe(true);
  });

  it('keeps an error that carries no stack frames on its one line', async () => {
    const { logger, text } = prettyLogger();
    const error = Object.assign(new Error('check DATABASE_URL'), {
      stack: 'DatabaseUnusableError: check DATABASE_URL',
    });
    logger.error('start failed', { error });
    await tick();
    expect(text()).toMatch(/ error command-worker start failed error=check DATABASE_URL\n$/);
  });

  it('never writes a secret in pretty lines either', async () => {
    const secret = '123456:PRETTY-SECRET-VALUE';
    const { logger, text } = prettyLogger([secret]);
    logger.warn('call failed', {
      url: `https://api.telegram.org/bot${secret}/getMe`,
      nested: { deeper: [secret] },
      error: new Error(`request to bot${secret} failed`),
    });
    await tick();
    expect(text()).not.toContain(secret);
    expect(text()).toContain('[redacted]');
  });

  it.each<[string, 'json' | 'pretty', LogFormat | undefined, boolean]>([
    ['not set, on a terminal', 'pretty', undefined, true],
    ['not set, on a pipe', 'json', undefined, false],
    ['auto on a terminal', 'pretty', 'auto', true],
    ['auto on a pipe', 'json', 'auto', false],
    ['json on a terminal', 'json', 'json', true],
    ['pretty on a pipe', 'pretty', 'pretty', false],
  ])('%s gives %s lines', (_case, expected, format, isTTY) => {
    const stream = Object.assign(new PassThrough(), { isTTY });
    expect(resolveLogFormat(format, stream, {})).toBe(expected);
  });

  it('reads the LOG_FORMAT variable when the service passes no format', () => {
    const pipe = new PassThrough();
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    expect(resolveLogFormat(undefined, pipe, { LOG_FORMAT: 'pretty' })).toBe('pretty');
    expect(resolveLogFormat(undefined, tty, { LOG_FORMAT: 'json' })).toBe('json');
    expect(resolveLogFormat('json', pipe, { LOG_FORMAT: 'pretty' })).toBe('json');
  });

  it('LOG_FORMAT=json keeps JSON lines on a terminal', async () => {
    const out = terminal();
    const logger = createLogger({ service: 'test', stream: out.stream, format: 'json' });
    logger.info('update handled', { chat_id: 7 });
    await tick();
    expect(JSON.parse(out.text())).toMatchObject({ service: 'test', message: 'update handled', chat_id: 7 });
  });

  it('keeps LOG_FILE in JSON while the terminal gets pretty lines', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskbot-log-'));
    const file = path.join(dir, 'telegram.log');
    const out = terminal();
    const logger = createLogger({
      service: 'test',
      stream: out.stream,
      format: 'pretty',
      file,
      color: false,
    });
    logger.info('update handled', { chat_id: 7 });
    await new Promise<void>((resolve) => {
      logger.on('finish', resolve);
      logger.end();
    });
    await waitForFile(file);
    expect(out.text()).toMatch(/ info {2}test update handled chat_id=7\n$/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8').trim())).toMatchObject({
      message: 'update handled',
      chat_id: 7,
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the logger on its fast path', () => {
  function logged(transports: RecentLines[]) {
    const stream = new PassThrough();
    const written: string[] = [];
    stream.on('data', (chunk: Buffer) => written.push(...chunk.toString().trim().split('\n')));
    const logger = createLogger({
      service: 'test',
      level: 'info',
      stream,
      transports: transports.map((recent) => recent.transport),
    });
    const child = logger.child({ update_id: 9 });
    withLogFields({ chat_id: 3 }, () => {
      child.info('first');
      child.debug('for a debug transport only');
      child.warn('second');
      child.info('third');
    });
    return written.map((line) => JSON.parse(line));
  }

  it('writes each line at once and in order, also those another transport takes', () => {
    const recent = new RecentLines(10, 'warn');
    const lines = logged([recent]);
    expect(lines.map((line) => line.message)).toEqual(['first', 'second', 'third']);
    expect(lines[2]).toMatchObject({ service: 'test', update_id: 9, chat_id: 3, level: 'info' });
    expect(recent.list().map((line) => line.message)).toEqual(['second']);
  });

  it('gives a transport with a lower level than the logger its lines', () => {
    const everything = new RecentLines(10, 'debug');
    expect(logged([everything]).map((line) => line.message)).toEqual(['first', 'second', 'third']);
    expect(everything.list().map((line) => line.message)).toEqual([
      'first',
      'for a debug transport only',
      'second',
      'third',
    ]);
  });
});

describe('the async context', () => {
  it("keeps other packages' values beside the log fields, never logging them", async () => {
    const { logger, lines } = capture([]);
    const key = Symbol('test scope');
    const seen = await withContextValue(key, { job: 'update:1' }, () =>
      withLogFields({ update_id: 1 }, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        logger.info('inside');
        return contextValue(key);
      }),
    );
    expect(seen).toEqual({ job: 'update:1' });
    expect(contextValue(key)).toBeUndefined();
    expect(Object.keys(lines()[0] ?? {}).sort()).toEqual([
      'level',
      'message',
      'service',
      'timestamp',
      'update_id',
    ]);
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
