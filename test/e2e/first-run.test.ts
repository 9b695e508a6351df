import { randomBytes } from 'node:crypto';
import { createDataSource, migrations, parseDatabaseUrl } from '@taskbot/db/data-source';
import { MIGRATE_SCRIPT } from '@taskbot/launcher/apps';
import { launch } from '@taskbot/launcher/launch';
import { onServer } from '../support/database';
import { startApp, TEST_TOKEN } from '../support/stack';

// The first run of someone trying the bot: `pnpm db:migrate` (as `pnpm start` runs it) against a
// server where the database does not exist yet, and what they see when DATABASE_URL is wrong.

const baseUrl = process.env.DATABASE_URL ?? '';
const postgres = parseDatabaseUrl(baseUrl).family === 'postgres';

function urlWith(changes: { database?: string; user?: string; password?: string }): string {
  const url = new URL(baseUrl);
  if (changes.database !== undefined) url.pathname = `/${changes.database}`;
  if (changes.user !== undefined) url.username = changes.user;
  if (changes.password !== undefined) url.password = changes.password;
  return url.toString();
}

/** `pnpm db:migrate` runs `node dist/migrate.js` in packages/db; so do this and `pnpm start`. */
async function runMigrate(
  databaseUrl: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const migrate = launch({ name: 'migrate', script: MIGRATE_SCRIPT, env: { DATABASE_URL: databaseUrl } });
  const code = await migrate.exited();
  return { code, stdout: migrate.stdout(), stderr: migrate.stderr() };
}

describe('pnpm db:migrate on a server without the database', () => {
  const name = `taskbot_first_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

  afterAll(async () => {
    await onServer(
      postgres ? `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)` : `DROP DATABASE IF EXISTS \`${name}\``,
    );
  });

  it('creates the database, says so, applies every migration and exits 0', async () => {
    const { code, stdout, stderr } = await runMigrate(urlWith({ database: name }));

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^created the database "${name}" on .+:\\d+, as it did not exist$`));
    expect(lines.at(-1)).toBe(`applied ${migrations.length} migrations`);

    const created = await createDataSource(urlWith({ database: name }), { poolSize: 1 }).initialize();
    try {
      const [row] = await created.query('SELECT COUNT(*) AS n FROM migrations');
      expect(Number(row.n)).toBe(migrations.length);
      const runner = created.createQueryRunner();
      try {
        for (const table of ['users', 'chats', 'priorities', 'projects', 'tasks', 'chat_members'])
          expect([table, await runner.hasTable(table)]).toEqual([table, true]);
      } finally {
        await runner.release();
      }
    } finally {
      await created.destroy();
    }
  });

  it('finds it there the second time and changes nothing', async () => {
    const { code, stdout } = await runMigrate(urlWith({ database: name }));

    expect(code).toBe(0);
    expect(stdout.trim()).toBe('database is up to date');
  });
});

describe('a DATABASE_URL with a user the server refuses', () => {
  const password = 'first-run-wrong-password-5190';
  const url = urlWith({ user: `taskbot_nobody_${randomBytes(3).toString('hex')}`, password });

  it('stops pnpm db:migrate at once with one line naming DATABASE_URL, exit 78', async () => {
    const { code, stdout, stderr } = await runMigrate(url);

    expect(code).toBe(78);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('check the user name and password in DATABASE_URL');
    expect(stderr).not.toContain(password);
  });

  it('stops a worker at once with one line, without retrying', async () => {
    const app = startApp('command-worker', {
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      // Never called: the database comes first, and the worker stops there.
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
      DATABASE_URL: url,
      RABBITMQ_URL: process.env.RABBITMQ_URL ?? '',
      REDIS_URL: process.env.REDIS_URL ?? '',
      HEALTH_PORT: '0',
      ADMIN_PORT: '0',
    });
    const code = await app.exited();

    const lines = app.output().trim().split('\n');
    // The configuration-error code, as for any other bad setting: a restart would not help.
    expect(code).toBe(78);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line).toMatchObject({ level: 'error', message: 'start failed', service: 'command-worker' });
    expect(line.error.message).toContain('check the user name and password in DATABASE_URL');
    expect(app.output()).not.toContain(password);
    expect(app.output()).not.toContain('database not reachable yet');
  });
});
