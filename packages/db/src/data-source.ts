import 'reflect-metadata';
import * as mysql2 from 'mysql2';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { type DatabaseFamily, instantColumnType } from './column-types';
import { Chat } from './entities/Chat';
import { ChatMember } from './entities/ChatMember';
import { Priority } from './entities/Priority';
import { Project } from './entities/Project';
import { Task } from './entities/Task';
import { TaskFile } from './entities/TaskFile';
import { TaskNote } from './entities/TaskNote';
import { User } from './entities/User';
import { CreateSchema1767225600000 } from './migrations/1767225600000-CreateSchema';
import { SeedPriorities1767225600001 } from './migrations/1767225600001-SeedPriorities';
import { TaskManager1767225600002 } from './migrations/1767225600002-TaskManager';
import { ChatMembers1767225600003 } from './migrations/1767225600003-ChatMembers';
import { ChatLife1767225600004 } from './migrations/1767225600004-ChatLife';
import { RecurringTasks1767225600005 } from './migrations/1767225600005-RecurringTasks';
import { TimeZoneChoice1767225600006 } from './migrations/1767225600006-TimeZoneChoice';
import { TaskNotesAndFiles1767225600007 } from './migrations/1767225600007-TaskNotesAndFiles';
import { ForgetPeople1767225600008 } from './migrations/1767225600008-ForgetPeople';
import { DoneHistoryIndex1767225600009 } from './migrations/1767225600009-DoneHistoryIndex';

export interface DataSourceSettings {
  /** Connections in the pool (default: the driver's, 10). */
  poolSize?: number;
  /** Log every SQL statement to the console. */
  logging?: boolean;
  /** Apply pending migrations during `initialize()`. */
  migrationsRun?: boolean;
}

/** Listed as classes rather than globs so the same list works from `dist` and from the sources under Jest. */
export const entities = [User, Chat, Priority, Project, Task, ChatMember, TaskNote, TaskFile];
export const migrations = [
  CreateSchema1767225600000,
  SeedPriorities1767225600001,
  TaskManager1767225600002,
  ChatMembers1767225600003,
  ChatLife1767225600004,
  RecurringTasks1767225600005,
  TimeZoneChoice1767225600006,
  TaskNotesAndFiles1767225600007,
  ForgetPeople1767225600008,
  DoneHistoryIndex1767225600009,
];

const FAMILY_BY_PROTOCOL: Record<string, DatabaseFamily> = {
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'mysql:': 'mysql',
  'mariadb:': 'mariadb',
};

export interface DatabaseAddress {
  family: DatabaseFamily;
  host: string;
  port: number | undefined;
  username: string | undefined;
  password: string | undefined;
  database: string;
}

/** Parses DATABASE_URL; errors name the variable and never echo the password. */
export function parseDatabaseUrl(databaseUrl: string): DatabaseAddress {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error('DATABASE_URL is not a valid URL (expected postgres://… or mysql://…)');
  }
  const family = FAMILY_BY_PROTOCOL[url.protocol];
  if (!family) {
    throw new Error(
      `DATABASE_URL has the unsupported scheme "${url.protocol}" (expected postgres://, postgresql://, mysql:// or mariadb://)`,
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname || !database) {
    throw new Error('DATABASE_URL must name a host and a database, like postgres://user@host:5432/taskbot');
  }
  if (url.search) {
    throw new Error('DATABASE_URL query parameters are not supported; remove everything after "?"');
  }
  return {
    family,
    host: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
  };
}

/**
 * `datetime` columns get DEFAULT CURRENT_TIMESTAMP from the server, which reads the session time zone;
 * pinning every pooled connection to UTC makes those defaults agree with the values mysql2 writes
 * (timezone 'Z'). The listener is attached before the pool opens its first connection, which is why this
 * wraps `createPool` instead of configuring the pool after `initialize()`.
 */
const mysqlWithUtcSessions: typeof mysql2 = {
  ...mysql2,
  createPool: ((config: mysql2.PoolOptions): mysql2.Pool => {
    const pool = mysql2.createPool(config);
    pool.on('connection', (connection) => {
      connection.query("SET time_zone = '+00:00'", (error) => {
        if (error) connection.destroy();
      });
    });
    return pool;
  }) as typeof mysql2.createPool,
};

function optionsFor(address: DatabaseAddress, settings: DataSourceSettings): DataSourceOptions {
  const common = {
    host: address.host,
    port: address.port,
    username: address.username,
    password: address.password,
    database: address.database,
    entities,
    migrations,
    migrationsTransactionMode: 'each' as const,
    migrationsRun: settings.migrationsRun ?? false,
    synchronize: false,
    logging: settings.logging ?? false,
    ...(settings.poolSize === undefined ? {} : { poolSize: settings.poolSize }),
  };
  if (address.family === 'postgres') {
    return { ...common, type: 'postgres' };
  }
  return {
    ...common,
    type: address.family,
    driver: mysqlWithUtcSessions,
    charset: 'utf8mb4',
    timezone: 'Z',
  };
}

/**
 * Adjusts TypeORM to the server it reached, in the one hook that runs after the pool connects and before
 * metadata is built or migrations run:
 * - a mysql:// URL may point at MariaDB (as on the development machines), and TypeORM reads MariaDB's
 *   information_schema differently (quoted defaults, 'NULL' as a default), so it must know which it talks
 *   to or it sees schema drift that is not there;
 * - entities declare instants as `timestamp`, which both families accept; once TypeORM has built and
 *   validated the metadata, those columns get the family's real instant type (see `instantColumnType`).
 */
class TaskbotDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    private family: DatabaseFamily,
  ) {
    super(options);
  }

  protected override async buildMetadatas(): Promise<void> {
    await this.recognizeMariaDb();
    await super.buildMetadatas();
    const instantType = instantColumnType(this.family);
    for (const metadata of this.entityMetadatas) {
      for (const column of metadata.columns) {
        if (column.type === 'timestamp') column.type = instantType;
      }
    }
  }

  private async recognizeMariaDb(): Promise<void> {
    if (this.family !== 'mysql') return;
    const [row] = (await this.query('SELECT VERSION() AS version')) as { version: string }[];
    if (!row || !/mariadb/i.test(row.version)) return;
    this.family = 'mariadb';
    // The driver keeps its own copy of the options; both are read when TypeORM branches on the type.
    this.setOptions({ type: 'mariadb' });
    Object.assign(this.driver.options, { type: 'mariadb' });
  }
}

/** A data source for DATABASE_URL; the scheme picks the driver. Call `initialize()` before use. */
export function createDataSource(databaseUrl: string, settings: DataSourceSettings = {}): DataSource {
  const address = parseDatabaseUrl(databaseUrl);
  return new TaskbotDataSource(optionsFor(address, settings), address.family);
}
