import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { databaseConfigSchema } from '@taskbot/config/env';
import { sandboxConfigSchema } from '@taskbot/config/sandbox';
import { opsConfigSchema } from '@taskbot/ops/config';
import { queueStatusConfigSchema } from '@taskbot/ops/queue-status';
import { workerConfigSchema } from '@taskbot/worker/config';
import { parseAllDocuments } from 'yaml';
import { gatewayConfigSchema } from '../../../apps/gateway/src/config';

export const ROOT = path.resolve(__dirname, '../../..');

export const repoPath = (...parts: string[]) => path.join(ROOT, ...parts);

export const readRepoFile = (...parts: string[]) => fs.readFileSync(repoPath(...parts), 'utf8');

/** Every YAML document of a file as plain data, with `<<` merge keys applied as Compose applies them. */
export function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'), { merge: true }).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS();
  });
}

/** The names .env.example documents: every variable some configuration schema knows. */
export function envExampleNames(): Set<string> {
  return new Set(Object.keys(parseEnv(readRepoFile('.env.example'))));
}

/**
 * Every configuration the repository's programs load: the services', the sandbox's, `pnpm
 * db:migrate`'s and the `pnpm queue:*` commands' (queue:status reads the most of them).
 */
export const CONFIG_SCHEMAS = {
  gateway: gatewayConfigSchema,
  worker: workerConfigSchema,
  sandbox: sandboxConfigSchema,
  migrate: databaseConfigSchema,
  ops: opsConfigSchema,
  'queue:status': queueStatusConfigSchema,
} as const;

/** The names some program reads: the keys of every configuration schema. */
export function knownEnvNames(): Set<string> {
  return new Set(Object.values(CONFIG_SCHEMAS).flatMap((schema) => Object.keys(schema.shape)));
}

/**
 * The servers' passwords: read by compose.yaml only (for the servers and for the addresses it gives
 * the services), and listed in .env.example, which says they must be changed anywhere reachable.
 */
export const COMPOSE_PASSWORDS = [
  'POSTGRES_PASSWORD',
  'MYSQL_ROOT_PASSWORD',
  'REDIS_PASSWORD',
  'RABBITMQ_PASSWORD',
];

export type ServiceName = 'gateway' | 'command-worker' | 'callback-worker' | 'ops' | 'migrate' | 'sandbox';

/** Parses an environment as the service itself does at start; throws ConfigError naming the variable. */
export const serviceSchemas = {
  gateway: gatewayConfigSchema,
  'command-worker': workerConfigSchema,
  'callback-worker': workerConfigSchema,
  ops: opsConfigSchema,
  sandbox: sandboxConfigSchema,
} as const;

/** `pnpm db:migrate` reads DATABASE_URL alone (packages/db/src/migrate.ts). */
const MIGRATE_ENV = ['DATABASE_URL'];

/** The variables a service's configuration declares; anything else given to it is a mistake. */
export function serviceEnvNames(service: ServiceName): Set<string> {
  if (service === 'migrate') return new Set(MIGRATE_ENV);
  return new Set(Object.keys(serviceSchemas[service].shape));
}

/** The workspace packages by name, with their folder and package.json. */
export function workspacePackages(): Map<string, { dir: string; manifest: Record<string, unknown> }> {
  const found = new Map<string, { dir: string; manifest: Record<string, unknown> }>();
  for (const parent of ['apps', 'packages']) {
    for (const entry of fs.readdirSync(repoPath(parent))) {
      const file = repoPath(parent, entry, 'package.json');
      if (!fs.existsSync(file)) continue;
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      found.set(String(manifest.name), { dir: path.join(parent, entry), manifest });
    }
  }
  return found;
}

/** The image each service runs and the Dockerfile build argument and target that make it. */
export const IMAGES = {
  gateway: { image: 'taskbot/gateway', app: 'gateway', target: 'service' },
  'command-worker': { image: 'taskbot/command-worker', app: 'command-worker', target: 'service' },
  'callback-worker': { image: 'taskbot/callback-worker', app: 'callback-worker', target: 'service' },
  ops: { image: 'taskbot/ops', app: '@taskbot/ops', target: 'service' },
  migrate: { image: 'taskbot/migrate', app: '@taskbot/db', target: 'migrate' },
  sandbox: { image: 'taskbot/sandbox', app: '@taskbot/sandbox', target: 'service' },
} as const satisfies Record<ServiceName, { image: string; app: string; target: string }>;

/** The queues each worker consumes (the `queues` it passes to createWorker in its main.ts). */
export const WORKER_QUEUES = {
  'command-worker': ['commands', 'telegram'],
  'callback-worker': ['callbacks'],
} as const;

/** Images from Docker Hub that the deployment may use besides our own. */
export const THIRD_PARTY_IMAGES = new Set([
  'node:22-bookworm-slim',
  'postgres:16',
  'mysql:8.4',
  'redis:7-alpine',
  'rabbitmq:4-management-alpine',
]);
