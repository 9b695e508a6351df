import { withFailure } from '@taskbot/errors/failure';
import type { DataSource } from 'typeorm';
import {
  badDatabaseName,
  classifyConnectionError,
  DatabaseUnusableError,
  databaseDown,
  missingDatabase,
} from './connection-errors';
import {
  createDataSource,
  type DatabaseAddress,
  type DataSourceSettings,
  parseDatabaseUrl,
} from './data-source';
import { ensureDatabase } from './ensure-database';

export interface OpenDatabaseOptions extends DataSourceSettings {
  /**
   * Create the database when the server says it does not exist (`pnpm db:migrate`, which fills it
   * next). A service leaves that to the migration: it would find no tables in a database it made.
   */
  createMissing?: boolean;
  /** Told once this process created the database (of several racing, only the one that did). */
  onCreated?: (address: DatabaseAddress) => void;
}

/**
 * Connects to DATABASE_URL once. Throws DatabaseUnusableError when waiting cannot help (see
 * connection-errors.ts), and the driver's own error when it can (refused, starting up), so a
 * caller's retry loop retries exactly the failures worth retrying.
 */
export async function openDatabase(
  databaseUrl: string,
  options: OpenDatabaseOptions = {},
): Promise<DataSource> {
  const { createMissing = false, onCreated, ...settings } = options;
  const address = parseDatabaseUrl(databaseUrl);
  const badName = badDatabaseName(address);
  if (badName) throw badName;
  try {
    return await createDataSource(databaseUrl, settings).initialize();
  } catch (error) {
    const failure = classifyConnectionError(error, address);
    if (failure.kind === 'transient')
      throw error instanceof Error ? withFailure(error, databaseDown(error, address)) : error;
    if (failure.kind === 'unusable') throw new DatabaseUnusableError(failure.message, { cause: error });
    if (!createMissing) throw missingDatabase(address, error);
  }
  if ((await ensureDatabase(address)) === 'created') onCreated?.(address);
  try {
    return await createDataSource(databaseUrl, settings).initialize();
  } catch (error) {
    const failure = classifyConnectionError(error, address);
    if (failure.kind === 'unusable') throw new DatabaseUnusableError(failure.message, { cause: error });
    throw asDatabaseDown(error, address);
  }
}

/** The driver's own error, tagged as the database being away (the one error taxonomy). */
function asDatabaseDown(error: unknown, address: DatabaseAddress): unknown {
  return error instanceof Error ? withFailure(error, databaseDown(error, address)) : error;
}
