import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { PreparedQuery } from './prepared-select';

/** A data source that records the queries it is asked to run. */
function recordingSource() {
  const calls: Array<{ sql: string; parameters: unknown[] }> = [];
  const source = {
    query: async (sql: string, parameters: unknown[]) => {
      calls.push({ sql, parameters });
      return [{ ok: 1 }];
    },
  } as unknown as DataSource;
  return { source, calls };
}

/** A query builder whose SQL puts the given parameter markers in this order. */
const builderWith = (sql: string, order: string[]) =>
  ({ getQueryAndParameters: () => [sql, order] }) as unknown as SelectQueryBuilder<ObjectLiteral>;

describe('PreparedQuery', () => {
  it('builds the query once and passes each run’s values in the placeholders’ order', async () => {
    const { source, calls } = recordingSource();
    let builds = 0;
    const prepared = new PreparedQuery(source, ['a', 'b'] as const, (markers) => {
      builds += 1;
      // As MySQL does: a name used twice is passed twice.
      return builderWith('SELECT ? , ? , ?', [markers.b, markers.a, markers.b]);
    });
    expect(await prepared.rows({ a: 1, b: 'two' })).toEqual([{ ok: 1 }]);
    await prepared.rows({ a: 3, b: null });
    expect(builds).toBe(1);
    expect(calls).toEqual([
      { sql: 'SELECT ? , ? , ?', parameters: ['two', 1, 'two'] },
      { sql: 'SELECT ? , ? , ?', parameters: [null, 3, null] },
    ]);
  });

  it('refuses a builder that uses a value it was not given as a marker', () => {
    const { source } = recordingSource();
    expect(
      () => new PreparedQuery(source, ['a'] as const, () => builderWith('SELECT $1', ['inline value'])),
    ).toThrow('a prepared query has a parameter it was not given');
  });
});
