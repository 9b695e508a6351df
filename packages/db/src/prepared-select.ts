import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Values a prepared query takes: what the database drivers accept as parameters. */
export type ParameterValue = string | number | boolean | Date | null;

/**
 * A SELECT that TypeORM builds once, in the database's own dialect (quoting, placeholders), and that
 * then runs with new parameter values: the hot paths (every update registers its sender, every
 * /tasks lists a page) skip building the query again each time. The builder is called once with a
 * marker for each parameter to learn where each one goes; it must not inspect the values.
 *
 * This file is the one place that relies on TypeORM's inner workings (placeholder order, raw column
 * aliases, hydration); prepared-select.typeorm.test.ts checks each of them against the real TypeORM.
 */
export class PreparedSelect<Name extends string> {
  private readonly sql: string;
  /** The parameter for each placeholder, in order (a name used twice can appear twice). */
  private readonly order: Name[];

  constructor(
    private readonly dataSource: DataSource,
    names: readonly Name[],
    build: (parameters: Record<Name, string>) => SelectQueryBuilder<ObjectLiteral>,
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
    this.sql = sql;
  }

  /** The raw rows, with the column aliases TypeORM gave them (`<alias>_<column>`). */
  rows(values: Record<Name, ParameterValue>): Promise<Array<Record<string, unknown>>> {
    return this.dataSource.query(
      this.sql,
      this.order.map((name) => values[name]),
    );
  }
}

/**
 * The entity selected under `alias` in a raw row, converted as TypeORM converts it (bigint ids,
 * dates, booleans of MySQL); null when all its columns are null (a LEFT JOIN that found nothing).
 */
export function hydrate<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  alias: string,
  row: Record<string, unknown>,
): T | null {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create(undefined, { fromDeserializer: true }) as T;
  let found = false;
  for (const column of metadata.columns) {
    const value = row[`${alias}_${column.databaseName}`];
    if (value === undefined) continue;
    if (value !== null) found = true;
    column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(value, column));
  }
  return found ? entity : null;
}
