import path from 'node:path';
import { type Launched, launch } from './launch';
import type { Step } from './start-all';

/** The checkout: this file sits in packages/launcher/src (or dist). */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Every app that runs as its own process, and the script that starts it: one more app, one line. */
export const APPS = {
  gateway: 'apps/gateway/dist/main.js',
  'command-worker': 'apps/command-worker/dist/main.js',
  'callback-worker': 'apps/callback-worker/dist/main.js',
  ops: 'apps/ops/dist/main.js',
  sandbox: 'apps/sandbox/dist/main.js',
} as const;

export type AppName = keyof typeof APPS;

/** The services `pnpm start` runs, after the migration (and the sandbox, without a bot token). */
export const SERVICES: readonly AppName[] = ['gateway', 'command-worker', 'callback-worker', 'ops'];

/** `pnpm db:migrate` without pnpm around it: creates the database if missing, applies migrations. */
export const MIGRATE_SCRIPT = path.join(REPO_ROOT, 'packages/db/dist/migrate.js');

export function appScript(name: AppName): string {
  return path.join(REPO_ROOT, APPS[name]);
}

export type AppOptions = Omit<Step, 'name' | 'script'> & {
  /** Tells replicas of one app apart in errors (`command-worker#2`); the app's name if not set. */
  label?: string;
};

/** One of the apps from its build, as a step of startAll. */
export function appStep(name: AppName, { label, ...options }: AppOptions): Step {
  return { ...options, name: label ?? name, script: appScript(name) };
}

/** Starts one of the apps from its build (apps/<name>/dist/main.js). */
export function launchApp(name: AppName, options: AppOptions): Launched {
  return launch(appStep(name, options));
}
