import { failureOf, withFailure } from '@taskbot/errors/failure';
import {
  badDatabaseName,
  classifyConnectionError,
  DatabaseUnusableError,
  databaseDown,
  describeError,
  isWorthRetrying,
  missingDatabase,
} from './connection-errors';
import { parseDatabaseUrl } from './data-source';

// The errors as the drivers raise them (pg: SQLSTATE in `code`; mysql2: ER_ name, errno, sqlState).
const driverError = (message: string, fields: Record<string, unknown>) =>
  Object.assign(new Error(message), fields);

const pg = parseDatabaseUrl('postgres://bot:s3cret-pass@db.internal:5432/taskbot');
const mysql = parseDatabaseUrl('mysql://bot:s3cret-pass@db.internal/taskbot');

describe('a failed connection', () => {
  it.each([
    ['PostgreSQL: the server is starting', pg, { code: '57P03' }],
    ['PostgreSQL: too many connections', pg, { code: '53300' }],
    ['refused', pg, { code: 'ECONNREFUSED' }],
    ['reset', mysql, { code: 'ECONNRESET' }],
    ['a name lookup that failed for now', mysql, { code: 'EAI_AGAIN' }],
    ['MySQL: too many connections', mysql, { code: 'ER_CON_COUNT_ERROR', errno: 1040 }],
    ['an error nobody knows', mysql, {}],
  ])('is worth waiting for when %s', (_case, address, fields) => {
    expect(classifyConnectionError(driverError('failed', fields), address)).toEqual({ kind: 'transient' });
  });

  it.each([
    ['PostgreSQL', pg, { code: '3D000' }],
    ['MySQL', mysql, { code: 'ER_BAD_DB_ERROR', errno: 1049, sqlState: '42000' }],
  ])('says the database is missing on %s', (_case, address, fields) => {
    expect(classifyConnectionError(driverError('missing', fields), address)).toEqual({
      kind: 'missing-database',
    });
  });

  it.each([
    [
      'a wrong PostgreSQL password',
      pg,
      { code: '28P01' },
      'check the user name and password in DATABASE_URL',
    ],
    ['an unknown PostgreSQL role', pg, { code: '28000' }, 'check the user name and password in DATABASE_URL'],
    [
      'a wrong MySQL password',
      mysql,
      { code: 'ER_ACCESS_DENIED_ERROR', errno: 1045, sqlState: '28000' },
      'check the user name and password in DATABASE_URL',
    ],
    [
      'a MariaDB user unknown',
      mysql,
      { code: 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR', errno: 1698, sqlState: '28000' },
      'check the user name and password in DATABASE_URL',
    ],
    ['an unknown host', pg, { code: 'ENOTFOUND' }, 'check the host name in DATABASE_URL'],
    ['a host with no address', mysql, { code: 'EAI_NONAME' }, 'check the host name in DATABASE_URL'],
    [
      'no right to the database',
      mysql,
      { code: 'ER_DBACCESS_DENIED_ERROR', errno: 1044 },
      'grant the user access',
    ],
    [
      'a name MySQL refuses',
      mysql,
      { code: 'ER_WRONG_DB_NAME', errno: 1102 },
      'choose another name in DATABASE_URL',
    ],
  ])('cannot be waited out after %s, and says what to change', (_case, address, fields, advice) => {
    const failure = classifyConnectionError(driverError('refused: s3cret-pass', fields), address);

    expect(failure).toMatchObject({ kind: 'unusable' });
    const { message } = failure as { message: string };
    expect(message).toContain(advice);
    expect(message).not.toContain('s3cret-pass');
    expect(message.split('\n')).toHaveLength(1);
  });

  it('is read the same when the driver error comes from another realm or inside an AggregateError', () => {
    const foreign = { errors: [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND db.internal' }] };

    expect(classifyConnectionError(foreign, pg)).toMatchObject({ kind: 'unusable' });
    expect(describeError(foreign, pg)).toBe('getaddrinfo ENOTFOUND db.internal');
  });
});

describe('what a service does with it', () => {
  it('retries everything except what waiting cannot fix', () => {
    expect(isWorthRetrying(driverError('connect ECONNREFUSED', { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isWorthRetrying(missingDatabase(pg))).toBe(false);
  });

  it('speaks the one error taxonomy: unusable is permanent, a server that is away is down', () => {
    expect(failureOf(missingDatabase(pg))).toMatchObject({ kind: 'permanent' });
    const refused = driverError('connect ECONNREFUSED 10.0.0.5:5432', { code: 'ECONNREFUSED' });
    expect(failureOf(withFailure(refused, databaseDown(refused, pg)))).toEqual({
      kind: 'dependency-down',
      dependency: 'database',
      reason: 'connect ECONNREFUSED 10.0.0.5:5432',
    });
  });

  it('shows one line without a stack trace of the driver', () => {
    const error = missingDatabase(pg);

    expect(error).toBeInstanceOf(DatabaseUnusableError);
    expect(error.message).toBe(
      'The database "taskbot" does not exist on db.internal:5432: run pnpm db:migrate, which creates it, or correct the database name in DATABASE_URL.',
    );
    expect(error.stack).toBe(`DatabaseUnusableError: ${error.message}`);
  });
});

describe('a database name', () => {
  it('longer than PostgreSQL keeps is refused before PostgreSQL silently shortens it', () => {
    const long = parseDatabaseUrl(`postgres://db/${'n'.repeat(64)}`);

    expect(badDatabaseName(long)?.message).toBe(
      'The database name in DATABASE_URL is 64 bytes long, and PostgreSQL allows at most 63: choose a shorter name in DATABASE_URL.',
    );
    expect(badDatabaseName(parseDatabaseUrl(`postgres://db/${'n'.repeat(63)}`))).toBeUndefined();
    expect(badDatabaseName(parseDatabaseUrl(`mysql://db/${'n'.repeat(64)}`))).toBeUndefined();
  });
});
