import { createDataSource } from '@taskbot/db/data-source';
import { Project } from '@taskbot/db/entities/Project';
import { hydrate, PreparedQuery, PreparedSql } from '@taskbot/db/prepared-select';
import { createTestDatabase, type TestDatabase } from '../support/database';

// The hot reads run as PreparedQuerys. On PostgreSQL each is a named statement, parsed and planned
// once per connection; a connection that lost it (a pooler handing the next run to another server
// connection) or a table whose columns changed under the process must not fail a read. Checked on
// a pool of one connection, so the statements this test runs share the connection with the query.

let db: TestDatabase;
let source: ReturnType<typeof createDataSource>;
const postgres = () => source.driver.options.type === 'postgres';

const projectsOf = (of: ReturnType<typeof createDataSource>) =>
  new PreparedQuery(of, ['chatId'] as const, (markers) =>
    of
      .getRepository(Project)
      .createQueryBuilder('project')
      .where('project.chatId = :chatId', { chatId: markers.chatId })
      .orderBy('project.id', 'ASC'),
  );

const namesOf = async (prepared: ReturnType<typeof projectsOf>, chatId: number) =>
  (await prepared.rows({ chatId })).map((row) => hydrate(source, Project, 'project', row)?.name);

const namedStatements = async () =>
  ((await source.query('SELECT name FROM pg_prepared_statements')) as Array<{ name: string }>).length;

beforeAll(async () => {
  db = await createTestDatabase();
  source = await createDataSource(db.url, { poolSize: 1 }).initialize();
  await source.query("INSERT INTO chats (id, type) VALUES (-7001, 'group')");
  await source.getRepository(Project).insert([
    { chatId: -7001, name: 'Home' },
    { chatId: -7001, name: 'Work' },
  ]);
});

afterAll(async () => {
  await source?.destroy();
  await db?.drop();
});

describe('a prepared select', () => {
  it('reads the rows TypeORM reads, run after run, with new values', async () => {
    const prepared = projectsOf(source);
    expect(await namesOf(prepared, -7001)).toEqual(['Home', 'Work']);
    expect(await namesOf(prepared, -7002)).toEqual([]);
    expect(await namesOf(prepared, -7001)).toEqual(
      (await source.getRepository(Project).find({ where: { chatId: -7001 }, order: { id: 'ASC' } })).map(
        (project) => project.name,
      ),
    );
    // PostgreSQL keeps it as one named statement on the connection; MySQL has none of its own.
    if (postgres()) expect(await namedStatements()).toBe(1);
  });

  it('reads again when the table changed under the running process (PostgreSQL)', async () => {
    if (!postgres()) return;
    const prepared = projectsOf(source);
    expect(await namesOf(prepared, -7001)).toEqual(['Home', 'Work']);
    // The result's column type changes: the server refuses the statement's cached plan once.
    await source.query('ALTER TABLE projects ALTER COLUMN name TYPE varchar(200)');
    expect(await namesOf(prepared, -7001)).toEqual(['Home', 'Work']);
    expect(await namesOf(prepared, -7001)).toEqual(['Home', 'Work']);
  });

  it('fails a statement the server cannot run once, without renaming it again and again (PostgreSQL)', async () => {
    if (!postgres()) return;
    // 0A000 is also "feature not supported": a new name does not cure it, so one retry and out.
    const unsupported = new PreparedSql(source, 'SELECT id FROM projects GROUP BY id FOR UPDATE');
    const failure = await unsupported.run([]).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'QueryFailedError', driverError: { code: '0A000' } });
    expect(await namesOf(projectsOf(source), -7001)).toEqual(['Home', 'Work']);
  });

  it('falls back to unnamed statements when the connection loses them (PostgreSQL)', async () => {
    if (!postgres()) return;
    const prepared = projectsOf(source);
    expect(await namesOf(prepared, -7001)).toEqual(['Home', 'Work']);
    // As behind a pooler that does not keep them: the server no longer knows the name.
    await source.query('DEALLOCATE ALL');
    expect(await namesOf(prepared, -7001)).toEqual(['Home', 'Work']);
    expect(await namesOf(projectsOf(source), -7001)).toEqual(['Home', 'Work']);
    expect(await namedStatements()).toBe(0);
  });
});
