import { isConnectionErrorCode } from '@taskbot/errors/connection-errors';
import { DataSource, type DataSourceOptions } from 'typeorm';
import {
  classifyConnectionError,
  DatabaseUnusableError,
  describeError,
  errorCode,
  mayNotCreate,
  serverOf,
} from './connection-errors';
import type { DatabaseAddress } from './data-source';

export type EnsureOutcome = 'created' | 'existed';

/** PostgreSQL: another process created it between our look and our CREATE (or at the same time). */
const PG_DUPLICATE_DATABASE = '42P04';
/** Two concurrent CREATE DATABASE can also meet in pg_database's unique name index. */
const PG_UNIQUE_VIOLATION = '23505';
const PG_INSUFFICIENT_PRIVILEGE = '42501';
const PG_INVALID_CATALOG_NAME = '3D000';
/** Every PostgreSQL server has one of these; `postgres` is the one meant for tools like us. */
const PG_MAINTENANCE_DATABASES = ['postgres', 'template1'];

/**
 * Creates the database DATABASE_URL names, through a connection to the server without it (a
 * maintenance database on PostgreSQL, none on MySQL). Safe to run from several processes at once:
 * exactly one of them reports `created`. Throws DatabaseUnusableError when the user may not create
 * it or the server refuses the name; a server that is not reachable yet throws its own error.
 */
export async function ensureDatabase(address: DatabaseAddress): Promise<EnsureOutcome> {
  return address.family === 'postgres' ? ensurePostgres(address) : ensureMysql(address);
}

async function ensurePostgres(address: DatabaseAddress): Promise<EnsureOutcome> {
  const server = await connectToServer(address, PG_MAINTENANCE_DATABASES);
  try {
    await server.query(`CREATE DATABASE ${quotePostgres(address.database)}`);
    return 'created';
  } catch (error) {
    const code = errorCode(error);
    if (code === PG_DUPLICATE_DATABASE || code === PG_UNIQUE_VIOLATION) return 'existed';
    if (code === PG_INSUFFICIENT_PRIVILEGE) throw mayNotCreate(address, error);
    throw cannotCreate(address, error);
  } finally {
    await server.destroy();
  }
}

async function ensureMysql(address: DatabaseAddress): Promise<EnsureOutcome> {
  const server = await connectToServer(address, [undefined]);
  try {
    // IF NOT EXISTS makes concurrent creators safe; the server reports a row only for the one that made it.
    const result = (await server.query(
      `CREATE DATABASE IF NOT EXISTS ${quoteMysql(address.database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    )) as { affectedRows?: number };
    return result.affectedRows === 1 ? 'created' : 'existed';
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ER_DBACCESS_DENIED_ERROR' || code === 'ER_SPECIFIC_ACCESS_DENIED_ERROR')
      throw mayNotCreate(address, error);
    throw cannotCreate(address, error);
  } finally {
    await server.destroy();
  }
}

/** One connection to the server, to the first of `databases` that exists (undefined: none at all). */
async function connectToServer(
  address: DatabaseAddress,
  databases: (string | undefined)[],
): Promise<DataSource> {
  for (const [index, database] of databases.entries()) {
    try {
      return await new DataSource(serverOptions(address, database)).initialize();
    } catch (error) {
      const last = index === databases.length - 1;
      if (!last && errorCode(error) === PG_INVALID_CATALOG_NAME) continue;
      const failure = classifyConnectionError(error, address);
      if (failure.kind === 'unusable') throw new DatabaseUnusableError(failure.message, { cause: error });
      throw error;
    }
  }
  throw new Error('no database to connect to');
}

function serverOptions(address: DatabaseAddress, database: string | undefined): DataSourceOptions {
  const common = {
    host: address.host,
    port: address.port,
    username: address.username,
    password: address.password,
    database,
    poolSize: 1,
  };
  return address.family === 'postgres'
    ? { ...common, type: 'postgres' }
    : { ...common, type: 'mysql', charset: 'utf8mb4' };
}

function cannotCreate(address: DatabaseAddress, error: unknown): Error {
  const failure = classifyConnectionError(error, address);
  if (failure.kind === 'unusable') return new DatabaseUnusableError(failure.message, { cause: error });
  const code = errorCode(error);
  // The connection broke, or the server is busy or going down: worth another try.
  if (code === undefined || isConnectionErrorCode(code)) return error as Error;
  return new DatabaseUnusableError(
    `Could not create the database "${address.database}" on ${serverOf(address)} (${describeError(error, address)}): create it yourself, or name an existing database in DATABASE_URL.`,
    { cause: error },
  );
}

const quotePostgres = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const quoteMysql = (name: string): string => `\`${name.replaceAll('`', '``')}\``;
