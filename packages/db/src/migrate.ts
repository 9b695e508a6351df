// `pnpm db:migrate`: creates the database DATABASE_URL names when it is missing, applies pending
// migrations and says what it did.
import { databaseConfigSchema } from '@taskbot/config/env';
import { loadConfig } from '@taskbot/config/load-config';
import { type DataSource, MigrationExecutor } from 'typeorm';
import { DatabaseUnusableError, describeError, isWorthRetrying, serverOf } from './connection-errors';
import { parseDatabaseUrl } from './data-source';
import { openDatabase } from './open-database';

export type Print = (line: string) => void;

export interface MigrateOptions {
  /** Connection attempts before giving up; compose may start us before the database accepts connections. */
  attempts?: number;
  /** Wait before the second attempt; it doubles up to 5 s. */
  retryDelayMs?: number;
}

export interface MigrateResult {
  applied: string[];
}

const MAX_RETRY_DELAY_MS = 5_000;
/** EX_CONFIG, as the services exit on a bad setting: waiting or restarting will not fix it. */
const EXIT_UNUSABLE = 78;

/** Any fixed number works; it only has to be the same for every process migrating this database. */
const PG_MIGRATION_LOCK_KEY = 727_453_001;
const MYSQL_MIGRATION_LOCK_NAME = 'taskbot:migrate';
const MYSQL_LOCK_TIMEOUT_SECONDS = 300;

export async function migrate(
  databaseUrl: string,
  print: Print,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const dataSource = await connectWithRetry(databaseUrl, print, options);
  try {
    return await withMigrationLock(dataSource, async () => {
      const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
      if (pending.length === 0) {
        print('database is up to date');
        return { applied: [] };
      }
      for (const migration of pending) print(`applying ${migration.name}`);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      print(`applied ${applied.length} migration${applied.length === 1 ? '' : 's'}`);
      return { applied: applied.map((migration) => migration.name) };
    });
  } finally {
    await dataSource.destroy();
  }
}

async function connectWithRetry(
  databaseUrl: string,
  print: Print,
  options: MigrateOptions,
): Promise<DataSource> {
  const attempts = options.attempts ?? 10;
  let delayMs = options.retryDelayMs ?? 500;
  const address = parseDatabaseUrl(databaseUrl);
  const onCreated = () =>
    print(`created the database "${address.database}" on ${serverOf(address)}, as it did not exist`);
  for (let attempt = 1; ; attempt++) {
    try {
      return await openDatabase(databaseUrl, { createMissing: true, onCreated });
    } catch (error) {
      if (!isWorthRetrying(error)) throw error;
      if (attempt >= attempts) {
        throw new Error(
          `the database server at ${serverOf(address)} did not answer in ${attempts} attempts (${describeError(error, address)}); is it running, and are the host and port in DATABASE_URL right?`,
          { cause: error },
        );
      }
      print(
        `database not reachable yet (attempt ${attempt}/${attempts}: ${describeError(error, address)}), retrying`,
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, MAX_RETRY_DELAY_MS);
    }
  }
}

/**
 * Every replica may run `pnpm db:migrate` on start; a session lock makes the later ones wait and then
 * find the database up to date, instead of racing to create the same tables.
 */
async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const postgres = dataSource.driver.options.type === 'postgres';
  try {
    if (postgres) {
      await runner.query('SELECT pg_advisory_lock($1)', [PG_MIGRATION_LOCK_KEY]);
    } else {
      const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS locked', [
        MYSQL_MIGRATION_LOCK_NAME,
        MYSQL_LOCK_TIMEOUT_SECONDS,
      ])) as { locked: number | string | null }[];
      if (Number(row?.locked) !== 1)
        throw new Error('another process has held the migration lock for 5 minutes');
    }
    try {
      return await work();
    } finally {
      await (postgres
        ? runner.query('SELECT pg_advisory_unlock($1)', [PG_MIGRATION_LOCK_KEY])
        : runner.query('SELECT RELEASE_LOCK(?)', [MYSQL_MIGRATION_LOCK_NAME]));
    }
  } finally {
    await runner.release();
  }
}

async function main(): Promise<number> {
  let databaseUrl: string;
  try {
    databaseUrl = loadConfig(databaseConfigSchema).DATABASE_URL;
    parseDatabaseUrl(databaseUrl);
  } catch (error) {
    // A missing or malformed DATABASE_URL: loadConfig's and parseDatabaseUrl's lines name it.
    console.error(describeError(error));
    return EXIT_UNUSABLE;
  }
  try {
    await migrate(databaseUrl, (line) => console.log(line));
    return 0;
  } catch (error) {
    if (error instanceof DatabaseUnusableError) {
      console.error(error.message);
      return EXIT_UNUSABLE;
    }
    console.error(`migration failed: ${describeError(error)}`);
    return 1;
  }
}

if (require.main === module) {
  // exit() rather than exitCode: a pool left half-open by a failed connection must not keep us alive.
  void main().then((code) => process.exit(code));
}
