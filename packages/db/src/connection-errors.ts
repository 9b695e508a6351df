import { type Failure, failureOf, PermanentError } from '@taskbot/errors/failure';
import type { DatabaseAddress } from './data-source';

/**
 * The database cannot be used as DATABASE_URL says, and waiting will not change that: a wrong
 * password, an unknown host, a database that is missing and may not be created. The message is the
 * one line an operator needs (what is wrong, what to do); it names DATABASE_URL, never its password.
 */
export class DatabaseUnusableError extends PermanentError {
  override name = 'DatabaseUnusableError';
  /** A setting to change, not an outage to wait out: the configuration-error exit code. */
  readonly exitCode = 78;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // The frames would point into the driver's socket code and tell an operator nothing.
    this.stack = `${this.name}: ${message}`;
  }
}

/** What a failed connection means for the caller: wait and try again, create the database, or stop. */
export type ConnectionFailure =
  | { kind: 'transient' }
  | { kind: 'missing-database' }
  | { kind: 'unusable'; message: string };

/** A retry policy: everything is worth another try except what waiting cannot fix (permanent). */
export function isWorthRetrying(error: unknown): boolean {
  return failureOf(error).kind !== 'permanent';
}

/** A database the service needs is away (refused, reset, starting, shutting down, overloaded). */
export function databaseDown(error: unknown, address: DatabaseAddress): Failure {
  return { kind: 'dependency-down', dependency: 'database', reason: describeError(error, address) };
}

const PG = {
  invalidCatalogName: '3D000',
  invalidPassword: '28P01',
  invalidAuthorization: '28000',
  insufficientPrivilege: '42501',
  invalidName: '42602',
  nameTooLong: '42622',
};

const MYSQL_AUTH = new Set([
  'ER_ACCESS_DENIED_ERROR',
  'ER_ACCESS_DENIED_NO_PASSWORD_ERROR',
  'ER_HOST_NOT_PRIVILEGED',
  'ER_NOT_SUPPORTED_AUTH_MODE',
]);
/** SQLSTATE 28000, invalid authorization: MySQL's and MariaDB's every way of saying "not you". */
const MYSQL_AUTH_SQLSTATE = '28000';
const MYSQL_BAD_NAME = new Set(['ER_WRONG_DB_NAME', 'ER_TOO_LONG_IDENT']);
const UNKNOWN_HOST = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_FAIL']);

/** PostgreSQL truncates longer names silently, so a longer one would create a database of another name. */
const PG_MAX_NAME_BYTES = 63;

/** The driver's error code (a SQLSTATE for PostgreSQL, ER_... for MySQL, E... for the network). */
export function errorCode(error: unknown): string | undefined {
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) return errorCode(errors[0]);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  const driverError = (error as { driverError?: unknown } | null)?.driverError;
  return driverError && driverError !== error ? errorCode(driverError) : undefined;
}

/** The driver's own words for a failure, with the password taken out should a driver ever echo it. */
export function describeError(error: unknown, address?: DatabaseAddress): string {
  // Duck-typed rather than instanceof: the drivers' network errors may come from another realm (Jest).
  const { errors, message } = (error ?? {}) as { errors?: unknown; message?: unknown };
  if (Array.isArray(errors) && errors.length > 0) return describeError(errors[0], address);
  const text = typeof message === 'string' && message !== '' ? message : (errorCode(error) ?? String(error));
  const password = address?.password;
  return password && password.length >= 4 ? text.split(password).join('[redacted]') : text;
}

export const serverOf = (address: DatabaseAddress): string =>
  `${address.host}:${address.port ?? (address.family === 'postgres' ? 5432 : 3306)}`;

/** Who connects; without a user in the URL the driver picks one (pg: the login's), so say so. */
const whoOf = (address: DatabaseAddress): string =>
  address.username === undefined
    ? 'the default user (DATABASE_URL names none)'
    : `user "${address.username}"`;

/** Names the server would refuse or change; caught before any connection, so the line says why. */
export function badDatabaseName(address: DatabaseAddress): DatabaseUnusableError | undefined {
  const bytes = Buffer.byteLength(address.database);
  if (address.family === 'postgres' && bytes > PG_MAX_NAME_BYTES) {
    return new DatabaseUnusableError(
      `The database name in DATABASE_URL is ${bytes} bytes long, and PostgreSQL allows at most ${PG_MAX_NAME_BYTES}: choose a shorter name in DATABASE_URL.`,
    );
  }
  if (address.database.includes('\0')) {
    return new DatabaseUnusableError(
      'The database name in DATABASE_URL holds a NUL character (%00): choose another name in DATABASE_URL.',
    );
  }
  return undefined;
}

/** Sorts a failure to connect to the database DATABASE_URL names. */
export function classifyConnectionError(error: unknown, address: DatabaseAddress): ConnectionFailure {
  const code = errorCode(error);
  const why = describeError(error, address);
  const server = serverOf(address);
  const who = whoOf(address);
  const database = address.database;
  if (code === PG.invalidCatalogName || code === 'ER_BAD_DB_ERROR') return { kind: 'missing-database' };
  const sqlState = (error as { sqlState?: unknown } | null)?.sqlState;
  if (
    code === PG.invalidPassword ||
    code === PG.invalidAuthorization ||
    (code && MYSQL_AUTH.has(code)) ||
    sqlState === MYSQL_AUTH_SQLSTATE
  ) {
    return {
      kind: 'unusable',
      message: `The database server at ${server} refused ${who} (${why}): check the user name and password in DATABASE_URL.`,
    };
  }
  if (code && UNKNOWN_HOST.has(code)) {
    return {
      kind: 'unusable',
      message: `The database host "${address.host}" is not known (${why}): check the host name in DATABASE_URL.`,
    };
  }
  if (code === PG.insufficientPrivilege || code === 'ER_DBACCESS_DENIED_ERROR') {
    // MySQL says this too for a database that does not exist, to a user with no right to it.
    return {
      kind: 'unusable',
      message: `The database "${database}" on ${server} may not be used by ${who} (${why}): grant the user access to it (creating it first if it does not exist), or name another database or user in DATABASE_URL.`,
    };
  }
  if (code === PG.invalidName || code === PG.nameTooLong || (code && MYSQL_BAD_NAME.has(code))) {
    return {
      kind: 'unusable',
      message: `The server does not accept "${database}" as a database name (${why}): choose another name in DATABASE_URL (letters, digits and "_" are safe).`,
    };
  }
  // Refused, reset, timed out, starting up, too many connections (the codes listed once in
  // @taskbot/errors/connection-errors), or anything nobody recognised: worth waiting for.
  return { kind: 'transient' };
}

/** The line for a database that does not exist, said by a service that does not create databases. */
export function missingDatabase(address: DatabaseAddress, cause?: unknown): DatabaseUnusableError {
  return new DatabaseUnusableError(
    `The database "${address.database}" does not exist on ${serverOf(address)}: run pnpm db:migrate, which creates it, or correct the database name in DATABASE_URL.`,
    { cause },
  );
}

/** The line for a database that does not exist and that this user may not create. */
export function mayNotCreate(address: DatabaseAddress, cause: unknown): DatabaseUnusableError {
  const create =
    address.family === 'postgres'
      ? `CREATE DATABASE "${address.database}"`
      : `CREATE DATABASE \`${address.database}\` CHARACTER SET utf8mb4`;
  return new DatabaseUnusableError(
    `The database "${address.database}" does not exist on ${serverOf(address)} and ${whoOf(address)} may not create it (${describeError(cause, address)}): create it as an administrator (${create}), or put a user allowed to create databases in DATABASE_URL.`,
    { cause },
  );
}
