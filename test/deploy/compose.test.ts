import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { loadConfig } from '@taskbot/config/load-config';
import { SANDBOX_TOKEN } from '@taskbot/config/sandbox';
import Ajv from 'ajv';
import { dockerfileStages } from './support/dockerfile';
import { interpolate, interpolateDeep } from './support/interpolate';
import {
  COMPOSE_PASSWORDS,
  IMAGES,
  knownEnvNames,
  readRepoFile,
  readYamlDocuments,
  repoPath,
  type ServiceName,
  serviceEnvNames,
  serviceSchemas,
  THIRD_PARTY_IMAGES,
  workspacePackages,
} from './support/repo';

/** Compose-only knobs: read by compose.yaml for interpolation, never passed to a service as such. */
const COMPOSE_VARIABLES = new Set([
  'TASKBOT_COMPOSE_DATABASE_URL',
  // The images: the base ours build from, and the servers'.
  'NODE_IMAGE',
  'POSTGRES_IMAGE',
  'REDIS_IMAGE',
  'RABBITMQ_IMAGE',
  'MYSQL_IMAGE',
  // The host ports (and ranges) compose publishes on.
  'POSTGRES_HOST_PORT',
  'REDIS_HOST_PORT',
  'RABBITMQ_HOST_PORT',
  'RABBITMQ_MANAGEMENT_HOST_PORT',
  'MYSQL_HOST_PORT',
  'SANDBOX_HOST_PORT',
  'GATEWAY_HOST_PORT',
  'GATEWAY_ADMIN_HOST_PORT',
  'OPS_HOST_PORT',
  'COMMAND_WORKER_ADMIN_HOST_PORTS',
  'CALLBACK_WORKER_ADMIN_HOST_PORTS',
  // The servers' passwords, which the services' addresses are built from.
  ...COMPOSE_PASSWORDS,
]);

/**
 * Settings compose.yaml fixes itself rather than taking from .env: the servers' addresses inside the
 * compose network, each service's ports, the gateway's mode (from TELEGRAM_WEBHOOK_URL), and
 * LOG_FILE (containers log to standard output, which `docker compose logs` shows).
 */
const FIXED_BY_COMPOSE = new Set([
  'DATABASE_URL',
  'RABBITMQ_URL',
  'REDIS_URL',
  'PORT',
  'HEALTH_PORT',
  'ADMIN_PORT',
  'SANDBOX_PORT',
  'SANDBOX_HOST',
  'TELEGRAM_MODE',
  'LOG_FILE',
  // The ops app's way to the gateway's admin listener, inside the compose network.
  'OPS_GATEWAY_ADMIN_URL',
]);

const ADMIN_PORTS = { gateway: 9090, 'command-worker': 9091, 'callback-worker': 9092, ops: 9093 } as const;

const schemaFile = path.join(
  path.dirname(require.resolve('dclint/package.json')),
  'schemas/compose.schema.json',
);
// The schema names draft-07 by an https URL Ajv does not map; Ajv's default dialect is draft-07.
const { $schema: _dialect, ...composeSchema } = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
const validateCompose = new Ajv({ allErrors: true, strict: false }).compile(composeSchema);

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; target?: string; args?: Record<string, string> };
  environment?: Record<string, string | number | null>;
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  healthcheck?: { test: string[] };
  profiles?: string[];
  ports?: string[];
  command?: string[];
  volumes?: string[];
}
interface Compose {
  services: Record<string, Service>;
}

const raw = readYamlDocuments(repoPath('compose.yaml'))[0];
const exampleEnv = parseEnv(readRepoFile('.env.example')) as Record<string, string>;
const WEBHOOK = {
  ...exampleEnv,
  TELEGRAM_BOT_TOKEN: '123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
  TELEGRAM_WEBHOOK_SECRET: '5b1f0c9e7a3d48e2b6c4f0a19d8e7c3b2a1f0e9d8c7b6a5f',
};
const SCENARIOS: Record<string, Record<string, string>> = {
  'no .env at all': {},
  '.env copied from .env.example': exampleEnv,
  'a webhook URL and secret in .env': WEBHOOK,
  'the mysql profile': { ...exampleEnv, COMPOSE_PROFILES: 'mysql' },
  'a database of its own': {
    ...exampleEnv,
    TASKBOT_COMPOSE_DATABASE_URL: 'mysql://app:secret@db.example:3306/taskbot',
  },
};

function resolve(env: Record<string, string>): { compose: Compose; used: Set<string> } {
  const used = new Set<string>();
  return { compose: interpolateDeep(raw, env, used) as Compose, used };
}

const ours = (compose: Compose) =>
  Object.entries(compose.services).filter(([, service]) => service.build) as [ServiceName, Service][];

let stubBin: string | undefined;
afterAll(() => {
  if (stubBin) fs.rmSync(stubBin, { recursive: true, force: true });
});

/**
 * The environment the container's process sees: compose's values, after docker/entrypoint.sh. With
 * `mysqlRuns`, the entrypoint finds a host named `mysql`, as in the compose network under the mysql
 * profile (a stand-in `node` answers its name lookup).
 */
function processEnv(service: Service, options: { mysqlRuns?: boolean } = {}): Record<string, string> {
  const given = Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([key, value]) => [
      key,
      value === null ? '' : String(value),
    ]),
  );
  let PATH = process.env.PATH ?? '';
  if (options.mysqlRuns) {
    stubBin ??= fs.mkdtempSync(path.join(os.tmpdir(), 'taskbot-entrypoint-'));
    fs.writeFileSync(path.join(stubBin, 'node'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    PATH = `${stubBin}:${PATH}`;
  }
  const output = execFileSync('sh', [repoPath('docker/entrypoint.sh'), 'env', '-0'], {
    env: { PATH, ...given },
  }).toString();
  const env = Object.fromEntries(
    output
      .split('\0')
      .filter(Boolean)
      .map((line) => line.split(/=(.*)/s).slice(0, 2)),
  );
  for (const name of ['PATH', 'PWD', 'SHLVL', '_']) delete env[name];
  return env;
}

describe('compose.yaml', () => {
  it.each(Object.keys(SCENARIOS))('matches the Compose Specification schema with %s', (scenario) => {
    const { compose } = resolve(SCENARIOS[scenario] ?? {});
    expect(validateCompose(compose) ? [] : validateCompose.errors).toEqual([]);
  });

  it('interpolates only variables from .env.example and its documented compose knobs', () => {
    const { used } = resolve(exampleEnv);
    const known = knownEnvNames();
    expect([...used].filter((name) => !known.has(name) && !COMPOSE_VARIABLES.has(name))).toEqual([]);
    const deploySection = readRepoFile('README.md').split('## Deploy')[1] ?? '';
    for (const name of COMPOSE_VARIABLES) expect(deploySection).toContain(name);
  });

  it('runs the servers, a one-shot migration, the three services and ops, MySQL only in its profile', () => {
    const { compose } = resolve(exampleEnv);
    expect(Object.keys(compose.services).sort()).toEqual(
      [
        'callback-worker',
        'command-worker',
        'gateway',
        'migrate',
        'ops',
        'mysql',
        'postgres',
        'rabbitmq',
        'redis',
        'sandbox',
      ].sort(),
    );
    const profiled = Object.entries(compose.services).filter(([, s]) => s.profiles);
    expect(profiled.map(([name, s]) => [name, s.profiles])).toEqual([['mysql', ['mysql']]]);
    expect(compose.services.rabbitmq?.ports).toContain('127.0.0.1:15672:15672');
  });

  it('starts each service only after what it needs is healthy or done', () => {
    const { compose } = resolve(exampleEnv);
    const images = dockerfileStages();
    const healthy = (name: string) => {
      const service = compose.services[name];
      if (!service) return false;
      if (service.healthcheck) return true;
      return Boolean(service.build && images.get(service.build.target ?? 'service')?.healthcheck);
    };
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, dependency, exists: dependency in compose.services }).toEqual({
          name,
          dependency,
          exists: true,
        });
        if (condition === 'service_healthy')
          expect({ dependency, healthy: healthy(dependency) }).toEqual({ dependency, healthy: true });
      }
    }
    const { services } = compose;
    expect(services.migrate?.depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      mysql: { condition: 'service_healthy', required: false },
    });
    for (const worker of ['command-worker', 'callback-worker']) {
      expect(services[worker]?.depends_on).toMatchObject({
        rabbitmq: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
    }
    expect(services.gateway?.depends_on).toMatchObject({
      rabbitmq: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
      'command-worker': { condition: 'service_healthy' },
      'callback-worker': { condition: 'service_healthy' },
    });
    expect(services.ops?.depends_on).toMatchObject({
      rabbitmq: { condition: 'service_healthy' },
      gateway: { condition: 'service_healthy' },
    });
  });

  it('builds our images from docker/Dockerfile with a workspace package and an existing target', () => {
    const { compose } = resolve(exampleEnv);
    const stages = dockerfileStages();
    const packages = workspacePackages();
    for (const [name, service] of ours(compose)) {
      const build = service.build as NonNullable<Service['build']>;
      expect(fs.existsSync(repoPath(build.context, build.dockerfile))).toBe(true);
      expect(IMAGES[name]).toMatchObject({ app: build.args?.APP, target: build.target ?? 'service' });
      expect(packages.has(build.args?.APP ?? '')).toBe(true);
      expect(stages.has(build.target ?? 'service')).toBe(true);
      expect(service.image).toBe(`${IMAGES[name].image}:local`);
    }
    for (const [, service] of Object.entries(compose.services).filter(([, s]) => !s.build)) {
      expect(THIRD_PARTY_IMAGES).toContain(service.image);
    }
  });

  it("lets variables choose the base and server images and the host ports, today's values by default", () => {
    const published = (compose: Compose) =>
      Object.fromEntries(Object.entries(compose.services).map(([name, s]) => [name, s.ports ?? []]));
    const images = (compose: Compose) =>
      Object.fromEntries(Object.entries(compose.services).map(([name, s]) => [name, s.image]));
    const { compose: plain } = resolve(exampleEnv);
    expect(published(plain)).toEqual({
      rabbitmq: ['127.0.0.1:5672:5672', '127.0.0.1:15672:15672'],
      redis: ['127.0.0.1:6379:6379'],
      postgres: ['127.0.0.1:5432:5432'],
      mysql: ['127.0.0.1:3306:3306'],
      sandbox: ['127.0.0.1:8090:8090'],
      migrate: [],
      'command-worker': ['127.0.0.1:9100-9109:9091'],
      'callback-worker': ['127.0.0.1:9110-9119:9092'],
      gateway: ['127.0.0.1:8080:8080', '127.0.0.1:9090:9090'],
      ops: ['127.0.0.1:9093:9093'],
    });
    for (const [, service] of ours(plain))
      expect(service.build?.args?.NODE_IMAGE).toBe('node:22-bookworm-slim');

    const chosen = {
      ...exampleEnv,
      NODE_IMAGE: 'localhost/node:22-bookworm-slim',
      POSTGRES_IMAGE: 'example/postgres:15',
      REDIS_IMAGE: 'example/redis:7',
      RABBITMQ_IMAGE: 'example/rabbitmq:3',
      MYSQL_IMAGE: 'example/mariadb:10',
      POSTGRES_HOST_PORT: '17432',
      REDIS_HOST_PORT: '17379',
      RABBITMQ_HOST_PORT: '17672',
      RABBITMQ_MANAGEMENT_HOST_PORT: '17673',
      MYSQL_HOST_PORT: '17306',
      SANDBOX_HOST_PORT: '17090',
      GATEWAY_HOST_PORT: '17080',
      GATEWAY_ADMIN_HOST_PORT: '17091',
      OPS_HOST_PORT: '17093',
      COMMAND_WORKER_ADMIN_HOST_PORTS: '17100-17109',
      CALLBACK_WORKER_ADMIN_HOST_PORTS: '17110-17119',
    };
    const { compose: moved } = resolve(chosen);
    expect(images(moved)).toMatchObject({
      postgres: 'example/postgres:15',
      redis: 'example/redis:7',
      rabbitmq: 'example/rabbitmq:3',
      mysql: 'example/mariadb:10',
    });
    for (const [, service] of ours(moved)) expect(service.build?.args?.NODE_IMAGE).toBe(chosen.NODE_IMAGE);
    const hostPorts = Object.values(published(moved))
      .flat()
      .map((p) => p.split(':').at(-2));
    expect(hostPorts.sort()).toEqual(
      [
        '17432',
        '17379',
        '17672',
        '17673',
        '17306',
        '17090',
        '17080',
        '17091',
        '17093',
        '17100-17109',
        '17110-17119',
      ].sort(),
    );
  });

  it('has an override for the compose test that only stops every service from pulling', () => {
    const override = readYamlDocuments(repoPath('docker/compose.no-pull.yaml'))[0] as Compose;
    expect(Object.keys(override)).toEqual(['services']);
    expect(Object.keys(override.services).sort()).toEqual(Object.keys((raw as Compose).services).sort());
    for (const service of Object.values(override.services)) expect(service).toEqual({ pull_policy: 'never' });
  });

  it.each(Object.keys(SCENARIOS))(
    'gives each service only variables it reads, which it accepts (%s)',
    (scenario) => {
      const { compose } = resolve(SCENARIOS[scenario] ?? {});
      const known = knownEnvNames();
      for (const [name, service] of ours(compose)) {
        const env = processEnv(service);
        const unknown = Object.keys(env).filter((key) => !serviceEnvNames(name).has(key) || !known.has(key));
        expect({ name, unknown }).toEqual({ name, unknown: [] });
        if (name === 'migrate') {
          expect(env.DATABASE_URL).toMatch(/^(postgres|mysql):\/\/[^@]+@[^/]+\/taskbot$/);
          continue;
        }
        expect(() => loadConfig(serviceSchemas[name], env)).not.toThrow();
      }
    },
  );

  it('passes each setting of .env to every service that reads it', () => {
    for (const name of ['gateway', 'command-worker', 'callback-worker', 'ops'] as const) {
      const used = new Set<string>();
      interpolateDeep((raw as Compose).services[name]?.environment, exampleEnv, used);
      const dropped = [...serviceEnvNames(name)].filter(
        (key) => !FIXED_BY_COMPOSE.has(key) && !used.has(key),
      );
      expect({ name, dropped }).toEqual({ name, dropped: [] });
    }
  });

  it('gives the gateway, the workers and ops the same broker, queue layout, retry delays and Redis', () => {
    const env = { ...exampleEnv, QUEUE_PARTITIONS: '16', QUEUE_PREFIX: 'staging-', RETRY_DELAYS_MS: '1000' };
    const { services } = resolve(env).compose;
    const read = (name: string) => {
      const { RABBITMQ_URL, QUEUE_PREFIX, QUEUE_PARTITIONS, RETRY_DELAYS_MS, REDIS_URL, REDIS_PREFIX } =
        processEnv(services[name] ?? {});
      return { RABBITMQ_URL, QUEUE_PREFIX, QUEUE_PARTITIONS, RETRY_DELAYS_MS, REDIS_URL, REDIS_PREFIX };
    };
    const expected = {
      RABBITMQ_URL: 'amqp://taskbot:taskbot-dev@rabbitmq:5672',
      QUEUE_PREFIX: 'staging-',
      QUEUE_PARTITIONS: '16',
      RETRY_DELAYS_MS: '1000',
      REDIS_URL: 'redis://:taskbot-dev@redis:6379',
      REDIS_PREFIX: 'taskbot:',
    };
    expect(['command-worker', 'callback-worker'].map(read)).toEqual([expected, expected]);
    // The gateway needs no retry delays (the workers retry; ops watches their delay queues).
    expect(read('gateway')).toEqual({ ...expected, RETRY_DELAYS_MS: undefined });
    expect(read('ops')).toEqual({ ...expected, REDIS_URL: undefined, REDIS_PREFIX: undefined });
  });

  it('publishes each admin listener on localhost only, with the token from .env', () => {
    const token = '0f9e8d7c6b5a49382716f5e4d3c2b1a0';
    const { services } = resolve({ ...exampleEnv, ADMIN_TOKEN: token }).compose;
    const hostPorts: { name: string; first: number; last: number }[] = [];
    for (const [name, port] of Object.entries(ADMIN_PORTS)) {
      const service = services[name] ?? {};
      const config = loadConfig(serviceSchemas[name as keyof typeof ADMIN_PORTS], processEnv(service)) as {
        ADMIN_PORT?: number;
        ADMIN_TOKEN?: string;
      };
      expect({ name, port: config.ADMIN_PORT, token: config.ADMIN_TOKEN }).toEqual({ name, port, token });
      const published = (service.ports ?? []).filter((p) => p.endsWith(`:${port}`));
      expect({ name, published: published.map((p) => /^127\.0\.0\.1:\d+(-\d+)?:\d+$/.test(p)) }).toEqual({
        name,
        published: [true],
      });
      const [first, last = first] = (published[0] ?? '').split(':')[1]?.split('-').map(Number) ?? [];
      hostPorts.push({ name, first: first ?? 0, last: last ?? 0 });
    }
    // A worker publishes a range, so that each replica of `--scale` finds a free port of its own.
    const range = (name: string) => hostPorts.find((p) => p.name === name);
    expect(range('gateway')).toEqual({ name: 'gateway', first: 9090, last: 9090 });
    expect(range('ops')).toEqual({ name: 'ops', first: 9093, last: 9093 });
    for (const worker of ['command-worker', 'callback-worker']) {
      const { first = 0, last = 0 } = range(worker) ?? {};
      expect({ worker, size: last - first + 1 }).toEqual({ worker, size: 10 });
    }
    const sorted = [...hostPorts].sort((a, b) => a.first - b.first);
    for (const [index, ports] of sorted.slice(1).entries()) {
      expect(ports.first).toBeGreaterThan(sorted[index]?.last ?? 0);
    }
    const withoutToken = processEnv(resolve(exampleEnv).compose.services.gateway ?? {});
    expect(withoutToken.ADMIN_TOKEN ?? '').toBe('');
  });

  it.each(Object.keys(SCENARIOS))(
    'publishes every port on 127.0.0.1 only and runs no server without a password (%s)',
    (scenario) => {
      const { services } = resolve(SCENARIOS[scenario] ?? {}).compose;
      for (const [name, service] of Object.entries(services)) {
        const open = (service.ports ?? []).filter((port) => !/^127\.0\.0\.1:\d+(-\d+)?:\d+$/.test(port));
        expect({ name, open }).toEqual({ name, open: [] });
      }
      const env = (name: string) => services[name]?.environment ?? {};
      expect(env('postgres').POSTGRES_PASSWORD).toEqual(expect.stringMatching(/\S/));
      expect(env('postgres')).not.toHaveProperty('POSTGRES_HOST_AUTH_METHOD');
      expect(env('mysql').MYSQL_ROOT_PASSWORD).toEqual(expect.stringMatching(/\S/));
      expect(env('mysql')).not.toHaveProperty('MYSQL_ALLOW_EMPTY_PASSWORD');
      const redis = services.redis?.command ?? [];
      expect(redis[redis.indexOf('--requirepass') + 1] ?? '').toMatch(/\S/);
      expect(redis.indexOf('--requirepass')).toBeGreaterThan(0);
      expect(env('redis').REDISCLI_AUTH).toBe(redis[redis.indexOf('--requirepass') + 1]);
      expect(env('rabbitmq').RABBITMQ_DEFAULT_USER).not.toMatch(/^(guest)?$/);
      expect(env('rabbitmq').RABBITMQ_DEFAULT_PASS).toEqual(expect.stringMatching(/\S/));
    },
  );

  it("builds the services' addresses from the servers' passwords in .env", () => {
    const passwords = {
      POSTGRES_PASSWORD: 'pg-Secret_1',
      MYSQL_ROOT_PASSWORD: 'my-Secret_2',
      REDIS_PASSWORD: 'redis-Secret_3',
      RABBITMQ_PASSWORD: 'mq-Secret_4',
    };
    const { services } = resolve({ ...exampleEnv, ...passwords }).compose;
    expect(services.postgres?.environment?.POSTGRES_PASSWORD).toBe('pg-Secret_1');
    expect(services.mysql?.environment?.MYSQL_ROOT_PASSWORD).toBe('my-Secret_2');
    expect(services.redis?.command).toContain('redis-Secret_3');
    expect(services.rabbitmq?.environment?.RABBITMQ_DEFAULT_PASS).toBe('mq-Secret_4');
    for (const name of ['command-worker', 'callback-worker']) {
      const env = processEnv(services[name] ?? {});
      expect(env.DATABASE_URL).toBe('postgres://postgres:pg-Secret_1@postgres:5432/taskbot');
      expect(processEnv(services[name] ?? {}, { mysqlRuns: true }).DATABASE_URL).toBe(
        'mysql://root:my-Secret_2@mysql:3306/taskbot',
      );
    }
    for (const name of ['gateway', 'command-worker', 'callback-worker', 'ops']) {
      const env = processEnv(services[name] ?? {});
      expect(env.RABBITMQ_URL).toBe('amqp://taskbot:mq-Secret_4@rabbitmq:5672');
      if (name !== 'ops') expect(env.REDIS_URL).toBe('redis://:redis-Secret_3@redis:6379');
    }
    expect(processEnv(services.migrate ?? {}).DATABASE_URL).toBe(
      'postgres://postgres:pg-Secret_1@postgres:5432/taskbot',
    );
  });

  it('keeps Redis data across restarts: an append-only file synced every second, on a volume', () => {
    const redis = resolve(exampleEnv).compose.services.redis;
    const command = redis?.command ?? [];
    const option = (flag: string) => command[command.indexOf(flag) + 1];
    expect(command[0]).toBe('redis-server');
    expect({ appendonly: option('--appendonly'), appendfsync: option('--appendfsync') }).toEqual({
      appendonly: 'yes',
      appendfsync: 'everysec',
    });
    expect(redis?.volumes).toContain('redis-data:/data');
    expect(raw).toMatchObject({ volumes: { 'redis-data': null } });
  });

  it('runs the gateway in polling mode unless a webhook URL is set, then in webhook mode', () => {
    const gatewayMode = (env: Record<string, string>) =>
      processEnv(resolve(env).compose.services.gateway ?? {}).TELEGRAM_MODE;
    expect(gatewayMode({})).toBe('polling');
    expect(gatewayMode(exampleEnv)).toBe('polling');
    expect(gatewayMode({ ...exampleEnv, TELEGRAM_MODE: 'webhook' })).toBe('polling');
    expect(gatewayMode(WEBHOOK)).toBe('webhook');
  });

  it('points the services at the sandbox while no bot token is set, and at Telegram once one is', () => {
    const telegramOf = (env: Record<string, string>) => {
      const { services } = resolve(env).compose;
      return ['gateway', 'command-worker', 'callback-worker'].map((name) => {
        const { TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT, TELEGRAM_MODE } = processEnv(services[name] ?? {});
        return { name, TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT, TELEGRAM_MODE };
      });
    };
    const sandbox = { TELEGRAM_BOT_TOKEN: SANDBOX_TOKEN, TELEGRAM_API_ROOT: 'http://sandbox:8090' };
    const noToken = { ...WEBHOOK, TELEGRAM_BOT_TOKEN: '' };
    for (const env of [{}, noToken]) {
      expect(telegramOf(env)).toEqual([
        { name: 'gateway', ...sandbox, TELEGRAM_MODE: 'polling' },
        { name: 'command-worker', ...sandbox, TELEGRAM_MODE: undefined },
        { name: 'callback-worker', ...sandbox, TELEGRAM_MODE: undefined },
      ]);
    }
    const telegram = {
      TELEGRAM_BOT_TOKEN: WEBHOOK.TELEGRAM_BOT_TOKEN,
      TELEGRAM_API_ROOT: 'https://api.telegram.org',
    };
    expect(telegramOf(WEBHOOK)).toEqual([
      { name: 'gateway', ...telegram, TELEGRAM_MODE: 'webhook' },
      { name: 'command-worker', ...telegram, TELEGRAM_MODE: undefined },
      { name: 'callback-worker', ...telegram, TELEGRAM_MODE: undefined },
    ]);
  });

  it('serves the sandbox on the address the services are given, published on localhost only', () => {
    const { services } = resolve({}).compose;
    const config = loadConfig(serviceSchemas.sandbox, processEnv(services.sandbox ?? {}));
    expect(config).toEqual({ SANDBOX_PORT: 8090, SANDBOX_HOST: '0.0.0.0' });
    expect(services.sandbox?.ports).toEqual(['127.0.0.1:8090:8090']);
    for (const name of ['gateway', 'command-worker', 'callback-worker']) {
      expect(services[name]?.depends_on).toMatchObject({ sandbox: { condition: 'service_healthy' } });
    }
  });

  it('points the database services at MySQL when the mysql profile runs it, at PostgreSQL otherwise', () => {
    const { compose } = resolve(SCENARIOS['the mysql profile'] ?? {});
    for (const name of ['migrate', 'command-worker', 'callback-worker']) {
      const service = compose.services[name] as Service;
      expect(processEnv(service, { mysqlRuns: true }).DATABASE_URL).toBe(
        'mysql://root:taskbot-dev@mysql:3306/taskbot',
      );
      expect(processEnv(service).DATABASE_URL).toBe('postgres://postgres:taskbot-dev@postgres:5432/taskbot');
    }
  });

  it('uses the database TASKBOT_COMPOSE_DATABASE_URL names, whichever servers run', () => {
    const { compose } = resolve(SCENARIOS['a database of its own'] ?? {});
    for (const name of ['migrate', 'command-worker', 'callback-worker']) {
      const service = compose.services[name] as Service;
      for (const mysqlRuns of [true, false]) {
        expect(processEnv(service, { mysqlRuns }).DATABASE_URL).toBe(
          'mysql://app:secret@db.example:3306/taskbot',
        );
      }
    }
  });
});

describe('the compose checks themselves', () => {
  it('reject a misspelt service field and a made-up depends_on condition', () => {
    const { compose } = resolve(exampleEnv);
    const bad = structuredClone(compose) as unknown as { services: Record<string, Record<string, unknown>> };
    bad.services.gateway = { ...bad.services.gateway, enviroment: {} };
    bad.services.migrate = {
      ...bad.services.migrate,
      depends_on: { postgres: { condition: 'service_ready' } },
    };
    expect(validateCompose(bad)).toBe(false);
    const messages = (validateCompose.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n');
    expect(messages).toMatch(/must NOT have additional properties/);
    expect(messages).toMatch(/depends_on\/postgres\/condition must be equal to one of the allowed values/);
  });

  it('interpolate as Compose does', () => {
    const used = new Set<string>();
    const env = { SET: 'x', EMPTY: '' };
    // Compose's ${...} syntax, written in plain strings on purpose.
    const compose = (text: string) => interpolate(text.replaceAll('%', '$'), env, used);
    expect(compose('%{SET:-d} %{EMPTY:-d} %{EMPTY-d} %{UNSET-d} %{SET:+r} %{EMPTY:+r} %%SET %SET')).toBe(
      'x d  d r  $SET x',
    );
    expect(compose('%{UNSET:-%{SET}}')).toBe('x');
    expect(() => compose('%{EMPTY:?must be set}')).toThrow('EMPTY: must be set');
    expect([...used].sort()).toEqual(['EMPTY', 'SET', 'UNSET']);
  });
});
