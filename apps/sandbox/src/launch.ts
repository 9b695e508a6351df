import os from 'node:os';
import { ConfigError, readEnv } from '@taskbot/config/load-config';
import { appStep, MIGRATE_SCRIPT, REPO_ROOT, SERVICES } from '@taskbot/launcher/apps';
import { type Launched, launch } from '@taskbot/launcher/launch';
import { startAll, stopAll } from '@taskbot/launcher/start-all';
import { type LaunchPlan, planLaunch, sandboxServiceEnv, serviceLogEnv } from './launch-plan';
import { pageAddress } from './page-address';
import { SandboxServer } from './sandbox-server';

// `pnpm start`: migrates the database, then runs the services (as processes, packages/launcher).
// With a bot token they talk to Telegram, as always. Without one the sandbox starts first (a local
// Bot API and a chat page) and the services are pointed at it, so the bot can be tried with no
// token and no public address.

// The first getUpdates of the gateway means the services are up; wait for it this long at most.
const READY_WAIT_MS = 10 * 60_000;
// A service stops within 10 s of a signal (packages/runtime); give them a little more.
const STOP_GRACE_MS = 12_000;

const say = (line: string): void => {
  process.stdout.write(`[start] ${line}\n`);
};

/** What a shell shows for an ended process: its exit code, or 128 + the signal that ended it. */
async function exitStatus(ended: Launched): Promise<number> {
  const code = await ended.exited();
  const signal = ended.child.signalCode;
  if (code !== null) return code;
  return signal ? 128 + (os.constants.signals[signal] ?? 0) : 1;
}

/**
 * Runs the services until they exit; when one exits on its own, the others are stopped. Ctrl-C
 * reaches them from the terminal directly (they share its process group), and a second interrupt
 * makes a service exit at once, so SIGINT is passed on only if they are still running after the
 * 10 s a service takes to stop. SIGTERM, sent to this process alone, is passed on.
 */
async function runServices(env: NodeJS.ProcessEnv): Promise<number> {
  const services = await startAll([
    SERVICES.map((name) => appStep(name, { env, stdio: 'inherit', stopDeadlineMs: STOP_GRACE_MS })),
  ]);
  let stopping = false;
  let lateStop: NodeJS.Timeout | undefined;
  const onInt = () => {
    stopping = true;
    say('stopping the services');
    lateStop ??= setTimeout(() => void stopAll(services, 'SIGINT'), STOP_GRACE_MS);
  };
  const onTerm = () => {
    stopping = true;
    say('SIGTERM received, stopping the services');
    void stopAll(services, 'SIGTERM');
  };
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    const first = await Promise.race(services.map((service) => service.exited().then(() => service)));
    if (!stopping) {
      say(`${first.name} exited (${await exitStatus(first)}); stopping the other services`);
      await stopAll(services);
    }
    const codes = await Promise.all(services.map(exitStatus));
    return codes.find((code) => code !== 0) ?? 0;
  } finally {
    clearTimeout(lateStop);
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}

function banner(url: string): void {
  const line = '='.repeat(url.length + 40);
  say(line);
  say(`Chat with the bot: open ${url} in your browser`);
  say(line);
}

async function startSandbox(plan: Extract<LaunchPlan, { mode: 'sandbox' }>): Promise<SandboxServer> {
  const sandbox = new SandboxServer();
  try {
    await sandbox.start(plan.port, plan.host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE' ? `port ${plan.port} is in use; set SANDBOX_PORT to another port` : String(error);
    throw new Error(`the sandbox could not listen on ${plan.host}:${plan.port}: ${why}`);
  }
  return sandbox;
}

async function main(): Promise<number> {
  const env = readEnv(process.env, REPO_ROOT);
  const plan = planLaunch(env);
  say('migrating the database (pnpm db:migrate)');
  // Not through pnpm: it would add its own failure lines under the one line that says what to fix,
  // and turn the migration's exit code 78 (a setting to fix) into 1.
  const migrated = await exitStatus(
    launch({ name: 'migrate', script: MIGRATE_SCRIPT, env: process.env, stdio: 'inherit' }),
  );
  if (migrated !== 0) {
    say(`the migration failed (exit ${migrated}); the services were not started`);
    return migrated;
  }
  const servicesEnv = { ...process.env, ...serviceLogEnv(env, process.stdout.isTTY === true) };
  if (plan.mode === 'telegram') {
    say('starting the services against Telegram (TELEGRAM_BOT_TOKEN is set)');
    return runServices(servicesEnv);
  }

  say(`${plan.reason}: starting the local sandbox instead of Telegram`);
  const sandbox = await startSandbox(plan);
  const url = pageAddress(sandbox.url);
  say(`sandbox Bot API on ${sandbox.url}; starting the services against it`);
  banner(url);
  sandbox.api.waitForCall('getUpdates', undefined, READY_WAIT_MS).then(
    () => say(`the bot is up: open ${url}`),
    () => undefined,
  );
  try {
    return await runServices({ ...servicesEnv, ...sandboxServiceEnv(sandbox.url) });
  } finally {
    // Last, so the services could still finish their replies while they stopped.
    await sandbox.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(error instanceof Error ? error.message : String(error));
    // 78 (EX_CONFIG) for a bad setting, as the services exit.
    process.exit(error instanceof ConfigError ? 78 : 1);
  },
);
