import { randomBytes } from 'node:crypto';
import { DatabaseUnusableError, isWorthRetrying } from '@taskbot/db/connection-errors';
import { migrations, parseDatabaseUrl } from '@taskbot/db/data-source';
import { ensureDatabase } from '@taskbot/db/ensure-database';
import { migrate } from '@taskbot/db/migrate';
import { openDatabase } from '@taskbot/db/open-database';
import { retryWithBackoff } from '@taskbot/runtime/retry';
import { onServer } from '../support/database';
import { TcpProxy } from '../support/tcp-proxy';

// What happens the first time someone points the bot at a server: the database is made when it is
// missing, a setting that waiting cannot fix stops everything at once with one line, and a server
// that is not up yet is waited for.

const baseUrl = process.env.DATABASE_URL ?? '';
const base = parseDatabaseUrl(baseUrl);
const postgres = base.family === 'postgres';
const server = `${base.host}:${base.port ?? (postgres ? 5432 : 3306)}`;

const uniqueName = (label: string) =>
  `taskbot_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

function urlWith(changes: {
  database?: string;
  user?: string;
  password?: string;
  host?: string;
  port?: number;
}) {
  const url = new URL(baseUrl);
  if (changes.database !== undefined) url.pathname = `/${changes.database}`;
  if (changes.user !== undefined) url.username = changes.user;
  if (changes.password !== undefined) url.password = changes.password;
  if (changes.host !== undefined) url.hostname = changes.host;
  if (changes.port !== undefined) url.port = String(changes.port);
  return url.toString();
}

async function databaseExists(name: string): Promise<boolean> {
  const rows = await onServer<unknown[]>(
    postgres
      ? 'SELECT 1 FROM pg_database WHERE datname = $1'
      : 'SELECT 1 FROM information_schema.schemata WHERE schema_name = ?',
    [name],
  );
  return rows.length > 0;
}

const dropDatabase = (name: string) =>
  onServer(
    postgres ? `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)` : `DROP DATABASE IF EXISTS \`${name}\``,
  );

/**
 * Connects as a service does at start (packages/worker), counting the tries; `whileWaiting` runs
 * in place of each wait between them.
 */
async function connectAsAService(
  url: string,
  whileWaiting: () => Promise<void> = async () => undefined,
): Promise<{ tries: number; connected: boolean; error?: Error }> {
  let tries = 0;
  const outcome = await retryWithBackoff(
    async () => {
      tries += 1;
      return openDatabase(url, { poolSize: 1 });
    },
    { attempts: 5, firstDelayMs: 1, maxDelayMs: 1, shouldRetry: isWorthRetrying, sleep: whileWaiting },
  ).then(
    async (dataSource) => {
      await dataSource.destroy();
      return { connected: true };
    },
    (error: unknown) => ({ connected: false, error: error as Error }),
  );
  return { tries, ...outcome };
}

describe('a database that does not exist yet', () => {
  const made: string[] = [];
  const fresh = (label: string) => {
    const name = uniqueName(label);
    made.push(name);
    return name;
  };

  afterAll(async () => {
    for (const name of made) await dropDatabase(name);
  });

  it('is created by pnpm db:migrate, which says so in one line and then applies every migration', async () => {
    const name = fresh('first');
    const lines: string[] = [];

    const result = await migrate(urlWith({ database: name }), (line) => lines.push(line));

    expect(lines[0]).toBe(`created the database "${name}" on ${server}, as it did not exist`);
    expect(lines.filter((line) => line.startsWith('created'))).toHaveLength(1);
    expect(result.applied).toHaveLength(migrations.length);
    expect(await databaseExists(name)).toBe(true);
  });

  it('is created once when two migrations start at the same time, and both succeed', async () => {
    const name = fresh('race');
    const lines: string[] = [];

    const results = await Promise.all(
      [1, 2].map(() => migrate(urlWith({ database: name }), (line) => lines.push(line))),
    );

    expect(lines.filter((line) => line.startsWith('created the database'))).toHaveLength(1);
    expect(results.flatMap((result) => result.applied)).toHaveLength(migrations.length);
  });

  it('is created by exactly one of two processes creating it at the same moment', async () => {
    const address = parseDatabaseUrl(urlWith({ database: fresh('same_moment') }));

    const outcomes = await Promise.all([ensureDatabase(address), ensureDatabase(address)]);

    expect(outcomes.sort()).toEqual(['created', 'existed']);
    expect(await ensureDatabase(address)).toBe('existed');
  });

  it('is not created by a service, which says to run pnpm db:migrate, and without retrying', async () => {
    const name = uniqueName('service');

    const attempt = await connectAsAService(urlWith({ database: name }));

    expect(attempt.tries).toBe(1);
    expect(attempt.error).toBeInstanceOf(DatabaseUnusableError);
    expect(attempt.error?.message).toBe(
      `The database "${name}" does not exist on ${server}: run pnpm db:migrate, which creates it, or correct the database name in DATABASE_URL.`,
    );
    expect(await databaseExists(name)).toBe(false);
  });
});

describe('a setting that waiting cannot fix', () => {
  const password = 'not-the-password-4821';

  it('a wrong user or password stops the migration at once with one line naming DATABASE_URL', async () => {
    const user = uniqueName('nobody');
    const lines: string[] = [];

    const failure = await migrate(urlWith({ user, password }), (line) => lines.push(line), {
      attempts: 5,
      retryDelayMs: 1,
    }).catch((error: Error) => error);

    expect(failure).toBeInstanceOf(DatabaseUnusableError);
    expect((failure as Error).message).toMatch(
      new RegExp(
        `^The database server at ${server} refused user "${user}" \\(.+\\): check the user name and password in DATABASE_URL\\.$`,
      ),
    );
    expect((failure as Error).message).not.toContain(password);
    expect(lines).toEqual([]);
  });

  it('a wrong user or password stops a service at once, on its first try', async () => {
    const attempt = await connectAsAService(urlWith({ user: uniqueName('nobody'), password }));

    expect(attempt.tries).toBe(1);
    expect(attempt.error).toBeInstanceOf(DatabaseUnusableError);
    expect(attempt.error?.message).toContain('check the user name and password in DATABASE_URL');
    expect(attempt.error?.message).not.toContain(password);
  });

  it('an unknown host stops the migration and a service at once', async () => {
    const url = urlWith({ host: 'taskbot-database.invalid', password });
    const lines: string[] = [];

    const failure = await migrate(url, (line) => lines.push(line), { attempts: 5, retryDelayMs: 1 }).catch(
      (error: Error) => error,
    );
    const attempt = await connectAsAService(url);

    const line = 'The database host "taskbot-database.invalid" is not known';
    expect((failure as Error).message).toMatch(
      new RegExp(`^${line} \\(.+\\): check the host name in DATABASE_URL\\.$`),
    );
    expect((failure as Error).message).not.toContain(password);
    expect(lines).toEqual([]);
    expect(attempt.tries).toBe(1);
    expect(attempt.error?.message).toContain(line);
  });

  it('a database name the server refuses stops the migration at once', async () => {
    const name = 'n'.repeat(70);
    const lines: string[] = [];

    const failure = await migrate(urlWith({ database: name }), (line) => lines.push(line), {
      attempts: 5,
      retryDelayMs: 1,
    }).catch((error: Error) => error);

    expect(failure).toBeInstanceOf(DatabaseUnusableError);
    expect((failure as Error).message).toContain('DATABASE_URL');
    expect(lines).toEqual([]);
    expect(await databaseExists(name)).toBe(false);
  });
});

describe('a missing database that this user may not create', () => {
  const user = uniqueName('nc');
  const password = 'nocreate-password-7310';

  beforeAll(async () => {
    if (postgres) await onServer(`CREATE ROLE "${user}" LOGIN PASSWORD '${password}' NOCREATEDB`);
    else await onServer(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
  });

  afterAll(async () => {
    if (postgres) await onServer(`DROP ROLE IF EXISTS "${user}"`);
    else await onServer(`DROP USER IF EXISTS '${user}'@'%'`);
  });

  it('stops the migration at once with one line saying what to do', async () => {
    const name = uniqueName('forbidden');
    const lines: string[] = [];

    const failure = await migrate(urlWith({ user, password, database: name }), (line) => lines.push(line), {
      attempts: 5,
      retryDelayMs: 1,
    }).catch((error: Error) => error);

    expect(failure).toBeInstanceOf(DatabaseUnusableError);
    // PostgreSQL says the database is missing and the user may not create it; MySQL only that the
    // user may not use it, whether it exists or not.
    expect((failure as Error).message).toMatch(
      postgres
        ? new RegExp(
            `^The database "${name}" does not exist on ${server} and user "${user}" may not create it \\(permission denied to create database\\): create it as an administrator \\(CREATE DATABASE "${name}"\\), or put a user allowed to create databases in DATABASE_URL\\.$`,
          )
        : new RegExp(
            `^The database "${name}" on ${server} may not be used by user "${user}" \\(.+\\): grant the user access to it`,
          ),
    );
    expect((failure as Error).message).not.toContain(password);
    expect(lines).toEqual([]);
    expect(await databaseExists(name)).toBe(false);
  });
});

describe('a server that refuses connections', () => {
  let proxy: TcpProxy;

  beforeAll(async () => {
    proxy = await TcpProxy.start({ host: base.host, port: base.port ?? (postgres ? 5432 : 3306) });
    await proxy.refuse();
  });

  afterAll(async () => {
    await proxy.refuse();
  });

  it('is tried again by the migration, which gives up after its attempts with a line naming DATABASE_URL', async () => {
    const lines: string[] = [];

    const failure = await migrate(
      urlWith({ host: '127.0.0.1', port: proxy.port }),
      (line) => lines.push(line),
      {
        attempts: 3,
        retryDelayMs: 1,
      },
    ).catch((error: Error) => error);

    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^database not reachable yet \(attempt 1\/3: connect ECONNREFUSED .+\), retrying$/,
    );
    expect((failure as Error).message).toMatch(
      new RegExp(
        `^the database server at 127\\.0\\.0\\.1:${proxy.port} did not answer in 3 attempts \\(.+\\); is it running, and are the host and port in DATABASE_URL right\\?$`,
      ),
    );
  });

  it('is waited for by a service, which connects once the server accepts', async () => {
    const attempt = await connectAsAService(urlWith({ host: '127.0.0.1', port: proxy.port }), () =>
      proxy.accept(),
    );

    expect(attempt).toEqual({ tries: 2, connected: true });
  });
});
