import { QueryFailedError } from 'typeorm';

/** PostgreSQL's unique_violation SQLSTATE, and MySQL/MariaDB's ER_DUP_ENTRY. */
const PG_UNIQUE_VIOLATION = '23505';
const MYSQL_DUPLICATE_ENTRY = 'ER_DUP_ENTRY';

/**
 * True when a write failed only because a unique constraint already holds the value, which is how
 * concurrent "create once" writes learn that another worker won the race.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return code === PG_UNIQUE_VIOLATION || code === MYSQL_DUPLICATE_ENTRY;
}
