import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

// One way to run a part of the system as its own process, the way an operator does: `node <script>`
// with the settings in the environment. The tests, the bench and `pnpm start` all start processes
// here; what each of them needs differently (kept output, profiling flags, a terminal) is an option.

export interface LaunchOptions {
  /** Names the process in errors. */
  name: string;
  /** The script `node` runs (see appScript). */
  script: string;
  /** The whole environment of the process: nothing else is passed on but PATH, when env has none. */
  env: NodeJS.ProcessEnv;
  /** Options of node itself, before the script (the bench's --cpu-prof). */
  nodeArgs?: readonly string[];
  /** Defaults to the script's package, the folder above its dist/, where `pnpm start` runs it. */
  cwd?: string;
  /** 'pipe' (default) keeps the output for output() and the waits; 'inherit' writes to this terminal. */
  stdio?: 'pipe' | 'inherit';
  /** Keep only the last this many characters of the output: a long run logs a lot. */
  keepOutputChars?: number;
  /** How long waitForLog and waitForOutput wait when not told. */
  waitTimeoutMs?: number;
  /** How long stop() waits after its signal before it sends SIGKILL. */
  stopDeadlineMs?: number;
  /** Called once the process has ended and all its output is read (the bench keeps it in a file). */
  onExit?: (process: Launched) => void;
}

export interface Launched {
  readonly name: string;
  readonly child: ChildProcess;
  /** stdout and stderr, interleaved as they came (empty with stdio 'inherit'). */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** Resolves once the output holds `text`; rejects when the process ends first, or after timeoutMs. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves once a JSON log line with this message appears. */
  waitForLog(message: string, timeoutMs?: number): Promise<void>;
  /** Resolves once the process has ended and its output is read: the exit code, null after a signal. */
  exited(): Promise<number | null>;
  /** Sends `signal` (SIGTERM), and SIGKILL if the process still runs at the deadline; then exited(). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const DEFAULT_WAIT_MS = 30_000;
// A service stops within 10 s of a signal (packages/runtime); a little more before SIGKILL.
export const DEFAULT_STOP_DEADLINE_MS = 15_000;

/** A string that keeps at most `limit` characters, the newest. */
function tail(limit: number | undefined) {
  let text = '';
  return {
    add(chunk: string) {
      text = limit === undefined ? text + chunk : (text + chunk).slice(-limit);
    },
    read: () => text,
  };
}

export function launch(options: LaunchOptions): Launched {
  const { name, script, stdio = 'pipe' } = options;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    cwd: options.cwd ?? path.dirname(path.dirname(script)),
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  const all = tail(options.keepOutputChars);
  const out = tail(options.keepOutputChars);
  const err = tail(options.keepOutputChars);
  let latest = '';
  let ended = false;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const reader = (stream: ReturnType<typeof tail>) => (chunk: Buffer) => {
    latest = chunk.toString();
    all.add(latest);
    stream.add(latest);
    changed();
  };
  child.stdout?.on('data', reader(out));
  child.stderr?.on('data', reader(err));

  let launched: Launched;
  const exited = new Promise<number | null>((resolve) => {
    const end = (code: number | null) => {
      if (ended) return;
      ended = true;
      resolve(code);
      options.onExit?.(launched);
      changed();
    };
    child.once('close', (code) => end(code));
    // Node could not start the process at all: there is no exit to wait for.
    child.once('error', (error) => {
      if (child.pid !== undefined) return;
      all.add(`${name} could not start: ${error.message}\n`);
      end(null);
    });
  });

  /** Waits for `text` in the output; errors name what was waited for as `label`. */
  const waitFor = (text: string, label: string, timeoutMs = options.waitTimeoutMs ?? DEFAULT_WAIT_MS) =>
    new Promise<void>((resolve, reject) => {
      const finish = (then: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        then();
      };
      const check = () => {
        // The newest chunk as well: with a short kept tail, a long chunk can push its start out.
        if (latest.includes(text) || all.read().includes(text)) finish(resolve);
        else if (ended)
          finish(() =>
            reject(new Error(`${name} exited (${child.exitCode}) before ${label}:\n${all.read()}`)),
          );
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(new Error(`${name} did not write ${label} in ${timeoutMs} ms:\n${all.read()}`)),
          ),
        timeoutMs,
      );
      listeners.add(check);
      check();
    });

  launched = {
    name,
    child,
    output: all.read,
    stdout: out.read,
    stderr: err.read,
    waitForOutput: (text, timeoutMs) => waitFor(text, `"${text}"`, timeoutMs),
    waitForLog: (message, timeoutMs) =>
      waitFor(`"message":"${message}"`, `the log line "${message}"`, timeoutMs),
    exited: () => exited,
    async stop(signal = 'SIGTERM') {
      if (ended || child.exitCode !== null || child.signalCode !== null) return exited;
      const deadline = options.stopDeadlineMs ?? DEFAULT_STOP_DEADLINE_MS;
      const killer = setTimeout(() => child.kill('SIGKILL'), deadline);
      child.kill(signal);
      try {
        return await exited;
      } finally {
        clearTimeout(killer);
      }
    },
  };
  return launched;
}
