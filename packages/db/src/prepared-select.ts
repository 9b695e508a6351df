import { createHash } from 'node:crypto';
import {
  type DataSource,
  type EntityTarget,
  type ObjectLiteral,
  type QueryBuilder,
  QueryFailedError,
} from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';

/** What of pg's Pool this file uses (pg ships no types of its own). */
interface Pool {
  query(config: {
    name: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** Values a prepared query takes: what the database drivers accept as parameters. */
export type ParameterValue = string | number | boolean | Date | null;

/**
 * SQLSTATEs that say a named statement cannot live on the connection: a pooler in front of
 * PostgreSQL (PgBouncer in transaction mode before 1.21, or without max_prepared_statements) hands
 * the statement's Parse and a later Bind to different server connections.
 */
const NO_NAMED_STATEMENTS = new Set(['26000', '42P05']);
/** "cached plan must not change result type": the table changed under a running process. */
const PLAN_OUTDATED = '0A000';

/** PostgreSQL pools whose connections turned out unable to keep named statements (see above). */
const unnamedOnly = new WeakSet<object>();

/**
 * A statement in the database's own dialect that runs again and again with new values. On
 * PostgreSQL it is a named statement on each pooled connection: the server parses and plans it
 * once per connection instead of on every run (a third of the server's CPU for the sender's read, a
 * quarter for a page of tasks), and the client sends its text once. Behind a pooler that cannot keep
 * named statements the process falls back to unnamed ones by itself. Elsewhere (MySQL) it runs
 * through TypeORM as any query. Either way TypeORM's logger and query subscribers see it and a
 * failure is a QueryFailedError.
 */
export class PreparedSql {
  /** The statement's name: the same text always gets the same name, so no pool holds it twice. */
  private name: string;

  constructor(
    private readonly dataSource: DataSource,
    readonly sql: string,
  ) {
    this.name = `taskbot_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
  }

  /** The rows the statement returns (a SELECT's, or an INSERT's RETURNING on PostgreSQL). */
  run(parameters: ParameterValue[]): Promise<Array<Record<string, unknown>>> {
    const pool = postgresPoolOf(this.dataSource);
    if (pool && !unnamedOnly.has(pool)) return this.named(pool, parameters);
    return this.dataSource.query(this.sql, parameters);
  }

  /**
   * Runs as a named statement; once more unnamed (or renamed) when the connection cannot keep it.
   * Neither error leaves anything done: the statement was not executed, so a write runs once.
   */
  private async named(
    pool: Pool,
    parameters: ParameterValue[],
    renamed = false,
  ): Promise<Array<Record<string, unknown>>> {
    this.dataSource.logger.logQuery(this.sql, parameters);
    try {
      const result = await pool.query({ name: this.name, text: this.sql, values: parameters });
      this.tellSubscribers(parameters, result.rows);
      return result.rows;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && NO_NAMED_STATEMENTS.has(code)) {
        unnamedOnly.add(pool);
        this.dataSource.logger.log(
          'warn',
          'named statements do not survive the connection: using unnamed ones',
        );
        return this.dataSource.query(this.sql, parameters);
      }
      if (code === PLAN_OUTDATED && !renamed) {
        // A new name is parsed afresh on every connection; the old one is dropped with it. Once:
        // 0A000 is also "feature not supported", which a new name would not cure.
        this.name = `${this.name.slice(0, 33)}_${Date.now().toString(36)}`;
        return this.named(pool, parameters, true);
      }
      this.dataSource.logger.logQueryError(error as Error, this.sql, parameters);
      throw new QueryFailedError(this.sql, parameters, error as Error);
    }
  }

  /** As TypeORM's query runner does: subscribers (statement counters in tests) see the statement. */
  private tellSubscribers(parameters: ParameterValue[], rows: unknown[]): void {
    const { subscribers, manager } = this.dataSource;
    for (const subscriber of subscribers) {
      subscriber.afterQuery?.({
        connection: this.dataSource,
        manager,
        query: this.sql,
        parameters,
        success: true,
        rawResults: rows,
      } as unknown as Parameters<NonNullable<typeof subscriber.afterQuery>>[0]);
    }
  }
}

/**
 * A statement that TypeORM builds once, in the database's own dialect (quoting, placeholders), and
 * that then runs with new parameter values as a PreparedSql: the hot paths (every update registers
 * its sender, every /tasks lists a page, a person's first update writes their rows) skip building
 * the query again each time, and PostgreSQL skips parsing and planning it. A SELECT or a write
 * (an upsert, an INSERT … RETURNING). The builder is called once with a marker for each parameter
 * to learn where each one goes; it must not inspect the values.
 *
 * This file is the one place that relies on TypeORM's inner workings (placeholder order, raw column
 * aliases, hydration, the PostgreSQL driver's pool); prepared-select.typeorm.test.ts checks each of
 * them against the real TypeORM.
 */
export class PreparedQuery<Name extends string> {
  private readonly statement: PreparedSql;
  /** The parameter for each placeholder, in order (a name used twice can appear twice). */
  private readonly order: Name[];

  constructor(
    dataSource: DataSource,
    names: readonly Name[],
    build: (parameters: Record<Name, string>) => QueryBuilder<ObjectLiteral>,
  ) {
    const markers = Object.fromEntries(names.map((name) => [name, `\u0000${name}\u0000`])) as Record<
      Name,
      string
    >;
    const [sql, parameters] = build(markers).getQueryAndParameters();
    this.order = parameters.map((value) => {
      const name = names.find((candidate) => markers[candidate] === value);
      if (name === undefined) throw new Error(`a prepared query has a parameter it was not given: ${value}`);
      return name;
    });
    this.statement = new PreparedSql(dataSource, sql);
  }

  /**
   * The raw rows, with the column aliases TypeORM gave them (`<alias>_<column>`); a write's
   * RETURNING rows on PostgreSQL, and on MySQL the driver's own result of a write.
   */
  rows(values: Record<Name, ParameterValue>): Promise<Array<Record<string, unknown>>> {
    return this.statement.run(this.order.map((name) => values[name]));
  }
}

/** The pg pool behind a connected PostgreSQL data source; undefined for MySQL or before connecting. */
function postgresPoolOf(dataSource: DataSource): Pool | undefined {
  const driver = dataSource.driver as { options?: { type?: string }; master?: Pool } | undefined;
  return driver?.options?.type === 'postgres' ? driver.master : undefined;
}

/** Where each column of an entity is found in a raw row under one alias, worked out once. */
interface HydrationPlan {
  metadata: EntityMetadata;
  fields: Array<{ key: string; column: ColumnMetadata }>;
}

const plans = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, Map<string, HydrationPlan>>>();

function planOf(dataSource: DataSource, target: EntityTarget<ObjectLiteral>, alias: string): HydrationPlan {
  let byTarget = plans.get(dataSource);
  if (!byTarget) {
    byTarget = new Map();
    plans.set(dataSource, byTarget);
  }
  let byAlias = byTarget.get(target);
  if (!byAlias) {
    byAlias = new Map();
    byTarget.set(target, byAlias);
  }
  let plan = byAlias.get(alias);
  if (!plan) {
    const metadata = dataSource.getMetadata(target);
    const fields = metadata.columns.map((column) => ({ key: `${alias}_${column.databaseName}`, column }));
    plan = { metadata, fields };
    byAlias.set(alias, plan);
  }
  return plan;
}

/**
 * The entity selected under `alias` in a raw row, converted as TypeORM converts it (bigint ids,
 * dates, booleans of MySQL); null when all its columns are null (a LEFT JOIN that found nothing).
 * Which row key holds which column is worked out once per entity and alias (every /tasks hydrates
 * a page of rows: looking up the metadata and naming every key again was half the work).
 */
export function hydrate<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  alias: string,
  row: Record<string, unknown>,
): T | null {
  const { metadata, fields } = planOf(dataSource, target, alias);
  const { driver } = dataSource;
  const entity = metadata.create(undefined, { fromDeserializer: true }) as T;
  let found = false;
  for (const { key, column } of fields) {
    const value = row[key];
    if (value === undefined) continue;
    if (value !== null) found = true;
    column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
  }
  return found ? entity : null;
}
