import { createDataSource, migrations } from '@taskbot/db/data-source';
import { migrate } from '@taskbot/db/migrate';
import { createTestDatabase, type TestDatabase } from '../support/database';

const TABLES = [
  'users',
  'chats',
  'priorities',
  'projects',
  'tasks',
  'chat_members',
  'task_notes',
  'task_files',
];
const MIGRATION_NAMES = [
  'CreateSchema1767225600000',
  'SeedPriorities1767225600001',
  'TaskManager1767225600002',
  'ChatMembers1767225600003',
  'ChatLife1767225600004',
  'RecurringTasks1767225600005',
  'TimeZoneChoice1767225600006',
  'TaskNotesAndFiles1767225600007',
  'ForgetPeople1767225600008',
  'DoneHistoryIndex1767225600009',
];

async function pendingSchemaChanges(db: TestDatabase): Promise<string[]> {
  const log = await db.dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}

describe('the migrated schema', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  it('matches the entities exactly, so synchronize would change nothing', async () => {
    expect(await pendingSchemaChanges(db)).toEqual([]);
  });

  it('has the four priorities seeded with fixed ids, urgent ranked highest', async () => {
    const rows = await db.dataSource.query('SELECT id, code FROM priorities ORDER BY id');
    expect(rows.map((row: { id: unknown; code: string }) => [Number(row.id), row.code])).toEqual([
      [1, 'low'],
      [2, 'normal'],
      [3, 'high'],
      [4, 'urgent'],
    ]);
  });
});

describe('rolling the migrations back', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  it('removes every table, and applying them again restores the same schema', async () => {
    for (let i = 0; i < migrations.length; i++)
      await db.dataSource.undoLastMigration({ transaction: 'each' });

    const runner = db.dataSource.createQueryRunner();
    try {
      for (const table of TABLES) expect([table, await runner.hasTable(table)]).toEqual([table, false]);
    } finally {
      await runner.release();
    }

    const reapplied = await db.dataSource.runMigrations({ transaction: 'each' });
    expect(reapplied).toHaveLength(migrations.length);
    expect(await pendingSchemaChanges(db)).toEqual([]);
  });
});

describe('pnpm db:migrate', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(undefined, { migrate: false });
  });

  afterAll(async () => {
    await db.drop();
  });

  it('applies every migration to an empty database and says so', async () => {
    const lines: string[] = [];
    const result = await migrate(db.url, (line) => lines.push(line));

    expect(result.applied).toEqual(MIGRATION_NAMES);
    expect(lines).toEqual([
      ...MIGRATION_NAMES.map((name) => `applying ${name}`),
      `applied ${MIGRATION_NAMES.length} migrations`,
    ]);
  });

  it('reports an up-to-date database and changes nothing', async () => {
    const lines: string[] = [];
    const result = await migrate(db.url, (line) => lines.push(line));

    expect(result.applied).toEqual([]);
    expect(lines).toEqual(['database is up to date']);
  });

  it('gives up with the connection error after the configured attempts', async () => {
    const unreachable = new URL(db.url);
    unreachable.port = '1';
    const lines: string[] = [];

    await expect(
      migrate(unreachable.toString(), (line) => lines.push(line), { attempts: 3, retryDelayMs: 10 }),
    ).rejects.toThrow();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^database not reachable yet \(attempt 1\/3: .+\), retrying$/);
  });
});

describe('pnpm db:migrate started by several replicas at once', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(undefined, { migrate: false });
  });

  afterAll(async () => {
    await db.drop();
  });

  it('applies each migration exactly once', async () => {
    const results = await Promise.all([1, 2, 3].map(() => migrate(db.url, () => {})));

    expect(results.flatMap((result) => result.applied).sort()).toEqual([...MIGRATION_NAMES].sort());
    const check = await createDataSource(db.url).initialize();
    try {
      const [row] = await check.query('SELECT COUNT(*) AS n FROM migrations');
      expect(Number(row.n)).toBe(migrations.length);
    } finally {
      await check.destroy();
    }
  });
});
