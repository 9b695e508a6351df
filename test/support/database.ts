// Gives each integration test file a database of its own on the server DATABASE_URL points at, so
// suites never see each other's rows and can run in any order.
import { randomBytes } from 'node:crypto';
import { createDataSource, parseDatabaseUrl } from '@taskbot/db/data-source';

type DataSource = ReturnType<typeof createDataSource>;

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** Runs `work` against the server (not the new database), through the URL's own database. */
async function withServer<T>(baseUrl: string, work: (admin: DataSource) => Promise<T>): Promise<T> {
  const admin = await createDataSource(baseUrl, { poolSize: 1 }).initialize();
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

export async function createTestDatabase(
  baseUrl = process.env.DATABASE_URL,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  if (!baseUrl) throw new Error('DATABASE_URL is not set (test/support/global-setup.ts should have set it)');
  const { family } = parseDatabaseUrl(baseUrl);
  const name = `taskbot_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

  await withServer(baseUrl, (admin) =>
    admin.query(
      family === 'postgres'
        ? `CREATE DATABASE "${name}"`
        : `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    ),
  );

  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const dataSource = createDataSource(url.toString());
  try {
    await dataSource.initialize();
    if (options.migrate ?? true) await dataSource.runMigrations();
  } catch (error) {
    await dropDatabase(baseUrl, family, name);
    throw error;
  }

  return {
    url: url.toString(),
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await dropDatabase(baseUrl, family, name);
    },
  };
}

async function dropDatabase(baseUrl: string, family: string, name: string): Promise<void> {
  await withServer(baseUrl, (admin) =>
    admin.query(
      family === 'postgres'
        ? `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`
        : `DROP DATABASE IF EXISTS \`${name}\``,
    ),
  );
}

/** Runs SQL on the server through the database DATABASE_URL names (it exists: the tests run in it). */
export function onServer<T>(sql: string, parameters: unknown[] = []): Promise<T> {
  return withServer(
    process.env.DATABASE_URL ?? '',
    async (admin) => (await admin.query(sql, parameters)) as T,
  );
}
