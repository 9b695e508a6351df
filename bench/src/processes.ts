import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type AppName, appScript } from '@taskbot/launcher/apps';
import { type Launched, launch } from '@taskbot/launcher/launch';
import { stopAll } from '@taskbot/launcher/start-all';

// Services run as separate processes, the way an operator starts them (`node <app>/dist/main.js`
// with settings in the environment), through packages/launcher as the tests and `pnpm start` do;
// stopped with SIGTERM. What the bench adds: the image's heap limit, CPU profiles on request, the
// tail of each output kept in a file, and each process's peak memory.

export const REPO_ROOT = path.resolve(__dirname, '../..');
/** Only the tail of a service's output is kept: a long run logs a lot. */
const KEPT_OUTPUT_CHARS = 64 * 1024;

export interface Service extends Launched {
  /** Peak resident memory of the process so far (VmHWM), in MB. */
  peakRssMb(): number;
}

/**
 * BENCH_PROFILE=1: every service writes a V8 CPU profile when it stops, into
 * bench/results/raw/profiles (open it in Chrome DevTools or speedscope); BENCH_PROFILE=heap: a
 * sampled allocation profile (.heapprofile: who allocates what, the garbage collector's work).
 */
function profiling(): string[] {
  const dir = path.join(REPO_ROOT, 'bench', 'results', 'raw', 'profiles');
  if (process.env.BENCH_PROFILE === 'heap')
    return ['--require', path.join(__dirname, 'allocation-sampler.js')];
  if (process.env.BENCH_PROFILE !== '1') return [];
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
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
  const launched = launch({
    name,
    script,
    env: { NODE_ENV: 'production', NODE_OPTIONS: serviceNodeOptions(), ...env },
    nodeArgs: profiling(),
    keepOutputChars: KEPT_OUTPUT_CHARS,
    waitTimeoutMs: 60_000,
    onExit: (ended) => {
      running.delete(service);
      saveOutput(name, ended.output());
    },
  });
  const service: Service = { ...launched, peakRssMb: () => peakRssMb(launched.child.pid) };
  running.add(service);
  return service;
}

/** Starts one of the apps from its build (apps/<name>/dist/main.js). */
export function startApp(name: AppName, env: Record<string, string>, label: string = name): Service {
  return startService(label, appScript(name), env);
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
