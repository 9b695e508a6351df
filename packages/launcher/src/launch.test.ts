import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from './launch';
import { startAll } from './start-all';

// Real processes: small scripts that write, wait, or ignore SIGTERM as a service might.

const dir = mkdtempSync(path.join(os.tmpdir(), 'launcher-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, source: string): string {
  const file = path.join(dir, `${name}.js`);
  writeFileSync(file, source);
  return file;
}

const log = (message: string) => `console.log(JSON.stringify({ level: 'info', message: '${message}' }));`;
const STAY = 'setInterval(() => undefined, 1000);';
const STOP_ON_TERM = "process.on('SIGTERM', () => { console.log('stopping'); process.exit(0); });";

describe('a launched process', () => {
  it('gets exactly the environment it is given, and PATH', async () => {
    const env = script('env', 'console.log(JSON.stringify(process.env));');
    const child = launch({ name: 'env', script: env, env: { GREETING: 'hello' } });

    expect(await child.exited()).toBe(0);
    expect(JSON.parse(child.output())).toEqual({ GREETING: 'hello', PATH: process.env.PATH ?? '' });
  });

  it('keeps stdout and stderr, each alone and both in order, and the exit code', async () => {
    const both = script('both', "console.log('one'); console.error('two'); process.exitCode = 3;");
    const child = launch({ name: 'both', script: both, env: {} });

    expect(await child.exited()).toBe(3);
    expect(child.stdout()).toBe('one\n');
    expect(child.stderr()).toBe('two\n');
    expect(child.output()).toMatch(/^(one\ntwo\n|two\none\n)$/);
  });

  it('runs in the package above the script’s folder, as pnpm runs an app', async () => {
    const cwd = script('cwd', 'console.log(process.cwd());');
    const child = launch({ name: 'cwd', script: cwd, env: {} });

    await child.exited();
    expect(child.output().trim()).toBe(path.dirname(dir));
  });

  it('keeps only the tail of its output when told to', async () => {
    const chatty = script('chatty', "for (let i = 0; i < 1000; i++) console.log('line ' + i);");
    let kept = '';
    const child = launch({
      name: 'chatty',
      script: chatty,
      env: {},
      keepOutputChars: 20,
      onExit: (ended) => {
        kept = ended.output();
      },
    });

    await child.exited();
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}\n`).join('');
    expect(child.output()).toBe(lines.slice(-20));
    expect(kept).toBe(child.output());
  });

  it('is ready when it logs the message waited for, even one logged before the wait', async () => {
    const service = script(
      'service',
      `${log('starting')} setTimeout(() => { ${log('started')} }, 200); ${STAY}`,
    );
    const child = launch({ name: 'service', script: service, env: {} });

    await child.waitForLog('started');
    await child.waitForLog('starting');
    expect(await child.stop()).toBeNull();
  });

  it('says which process ended before the message, with its output', async () => {
    const failing = script('failing', "console.error('DATABASE_URL is required'); process.exit(78);");
    const child = launch({ name: 'failing', script: failing, env: {} });

    await expect(child.waitForLog('started')).rejects.toThrow(
      /^failing exited \(78\) before the log line "started":\nDATABASE_URL is required/,
    );
  });

  it('gives up waiting after the timeout', async () => {
    const silent = script('silent', STAY);
    const child = launch({ name: 'silent', script: silent, env: {}, waitTimeoutMs: 100 });

    await expect(child.waitForOutput('never')).rejects.toThrow('silent did not write "never" in 100 ms');
    await child.stop('SIGKILL');
  });

  it('stops with SIGTERM and resolves the exit code', async () => {
    const polite = script('polite', `${STOP_ON_TERM} ${log('started')} ${STAY}`);
    const child = launch({ name: 'polite', script: polite, env: {} });
    await child.waitForLog('started');

    expect(await child.stop()).toBe(0);
    expect(child.output()).toContain('stopping');
    expect(await child.stop()).toBe(0);
  });

  it('is killed when it does not stop by the deadline', async () => {
    const ignoresTerm = script(
      'ignores-term',
      `process.on('SIGTERM', () => undefined); ${log('started')} ${STAY}`,
    );
    const child = launch({ name: 'ignores-term', script: ignoresTerm, env: {}, stopDeadlineMs: 300 });
    await child.waitForLog('started');

    const began = Date.now();
    expect(await child.stop()).toBeNull();
    expect(child.child.signalCode).toBe('SIGKILL');
    expect(Date.now() - began).toBeGreaterThanOrEqual(250);
  });

  it('passes node its own options before the script', async () => {
    const heap = script('heap', "console.log(process.execArgv.join(' '));");
    const child = launch({ name: 'heap', script: heap, env: {}, nodeArgs: ['--max-old-space-size=64'] });

    await child.exited();
    expect(child.output().trim()).toBe('--max-old-space-size=64');
  });
});

describe('starting several processes', () => {
  it('starts a step once every process of the step before is ready', async () => {
    const first = script('first', `setTimeout(() => { ${log('started')} }, 300); ${STAY}`);
    const second = script('second', `console.log(Date.now()); ${STAY}`);
    const began = Date.now();

    const [a, b, c] = await startAll([
      { name: 'first', script: first, env: {}, ready: (p) => p.waitForLog('started') },
      [
        { name: 'second', script: second, env: {}, ready: (p) => p.waitForOutput('\n') },
        { name: 'third', script: second, env: {}, ready: (p) => p.waitForOutput('\n') },
      ],
    ]);

    expect([a?.name, b?.name, c?.name]).toEqual(['first', 'second', 'third']);
    expect(Number(b?.output()) - began).toBeGreaterThanOrEqual(250);
    for (const p of [a, b, c]) await p?.stop('SIGKILL');
  });

  it('kills what it started when one process does not get ready, and says why', async () => {
    const fine = script('fine', `${log('started')} ${STAY}`);
    const broken = script('broken', "console.error('bad setting'); process.exit(78);");
    let started: ReturnType<typeof launch> | undefined;

    await expect(
      startAll([
        [
          {
            name: 'fine',
            script: fine,
            env: {},
            ready: (p) => {
              started = p;
              return p.waitForLog('started');
            },
          },
          { name: 'broken', script: broken, env: {}, ready: (p) => p.waitForLog('started') },
        ],
      ]),
    ).rejects.toThrow('broken exited (78)');
    expect(started?.child.signalCode).toBe('SIGKILL');
  });
});
