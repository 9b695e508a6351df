import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Services run as separate processes, the way an operator starts them (`node <app>/dist/main.js`
// with settings in the environment), as test/support/stack.ts does; stopped with SIGTERM.

export const REPO_ROOT = path.resolve(__dirname, '../..');
/** Only the tail of a service's output is kept: a long run logs a lot. */
const KEPT_OUTPUT_CHARS = 64 * 1024;

export interface Service {
  name: string;
  child: ChildProcess;
  output(): string;
  /** Resolves when a log line with this message appears. */
  waitForLog(message: string, timeoutMs?: number): Promise<void>;
  /** Peak resident memory of the process so far (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/**
 * BENCH_PROFILE=1: every service writes a V8 CPU profile when it stops, into
 * bench/results/raw/profiles (open it in Chrome DevTools or speedscope).
 */
function profiling(): string[] {
  if (process.env.BENCH_PROFILE !== '1') return [];
  return ['--cpu-prof', `--cpu-prof-dir=${path.join(REPO_ROOT, 'bench', 'results', 'raw', 'profiles')}`];
}

/**
 * NODE_OPTIONS as the service image sets it (`ENV NODE_OPTIONS=` in docker/Dockerfile), so the
 * services here run with the heap limit they run with in production.
 */
export function imageNodeOptions(
  dockerfile = readFileSync(path.join(REPO_ROOT, 'docker', 'Dockerfile'), 'utf8'),
) {
  const match = /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(dockerfile);
  if (!match?.[1]) throw new Error('docker/Dockerfile sets no ENV NODE_OPTIONS="..."');
  return match[1];
}

let nodeOptions: string | undefined;
/** imageNodeOptions, read from the Dockerfile once per bench run. */
const serviceNodeOptions = () => {
  nodeOptions ??= imageNodeOptions();
  return nodeOptions;
};

/** Every service started and not yet exited, so an interrupted run can stop them all. */
const running = new Set<Service>();

/** Stops every service this process started that still runs. */
export async function stopEveryService(): Promise<void> {
  await stopAll([...running]);
}

/** Starts `node <script>` with exactly `env` (plus PATH). */
export function startService(name: string, script: string, env: Record<string, string>): Service {
  const child = spawn(process.execPath, [...profiling(), script], {
    cwd: path.dirname(path.dirname(script)),
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', NODE_OPTIONS: serviceNodeOptions(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let seen = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-KEPT_OUTPUT_CHARS);
    seen = text;
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const service: Service = {
    name,
    child,
    output: () => output,
    waitForLog(message, timeoutMs = 60_000) {
      const marker = `"message":"${message}"`;
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (seen.includes(marker) || output.includes(marker)) finish(resolve);
          else if (child.exitCode !== null)
            finish(() =>
              reject(new Error(`${name} exited (${child.exitCode}) before "${message}":\n${output}`)),
            );
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(new Error(`${name} did not log "${message}" in ${timeoutMs} ms:\n${output}`)),
            ),
          timeoutMs,
        );
        const finish = (then: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          then();
        };
        listeners.add(check);
        child.once('exit', check);
        check();
      });
    },
    peakRssMb: () => peakRssMb(child.pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return saveOutput(name, output);
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
      saveOutput(name, output);
    },
  };
  running.add(service);
  void exited.then(() => running.delete(service));
  return service;
}

/** Starts one of the apps from its build (apps/<name>/dist/main.js). */
export function startApp(name: string, env: Record<string, string>, label = name): Service {
  return startService(label, path.join(REPO_ROOT, 'apps', name, 'dist', 'main.js'), env);
}

/** A script of this package's build, run as its own process. */
export function startBenchProcess(label: string, file: string, env: Record<string, string>): Service {
  return startService(label, path.join(__dirname, file), env);
}

/** The tail of a service's output, kept in bench/results/raw (not committed) to look into a run. */
function saveOutput(name: string, output: string): void {
  const dir = path.join(REPO_ROOT, 'bench', 'results', 'raw', 'logs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.log`), output);
}

/** VmHWM of a process in MB; 0 where /proc is not there (the figure is then missing, not wrong). */
export function peakRssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export async function stopAll(services: Service[]): Promise<void> {
  await Promise.all(services.map((service) => service.stop()));
}
