import { DataSource } from 'typeorm';
import { entities } from './data-source';
import { Project } from './entities/Project';
import { Task } from './entities/Task';
import { User } from './entities/User';
import { hydrate, PreparedQuery } from './prepared-select';

// prepared-select.ts is the one place that leans on how TypeORM works inside (checked with TypeORM
// 1.1.1): that getQueryAndParameters() lists the parameter values in placeholder order, that raw
// rows name a selected column `<alias>_<column>`, and that metadata.create, setEntityValue and
// driver.prepareHydratedValue turn a raw row into the entity TypeORM itself would give. These tests
// run the real TypeORM for both database families, without a server: when an upgrade changes any of
// it, they fail here, before a list shows wrong tasks.

type Family = 'postgres' | 'mysql';

/** A real data source of the family with its metadata built; it never connects. */
async function offlineSource(family: Family) {
  const source = new DataSource({ type: family, host: '127.0.0.1', database: 'offline', entities });
  // buildMetadatas is protected: initialize() would call it only after connecting.
  await (source as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  const calls: Array<{ sql: string; parameters: unknown[] }> = [];
  source.query = (async (sql: string, parameters: unknown[]) => {
    calls.push({ sql, parameters });
    return [];
  }) as DataSource['query'];
  return { source, calls };
}

/** Tasks with their assignee, by chat and a value used twice, as the task lists build them. */
function tasksWithAssignee(source: DataSource, markers: Record<'chatId' | 'now', string>) {
  return source
    .getRepository(Task)
    .createQueryBuilder('task')
    .leftJoinAndSelect('task.assignee', 'assignee')
    .where('task.chatId = :chatId', { chatId: markers.chatId })
    .andWhere('task.dueAt < :now AND task.remindAt < :now', { now: markers.now })
    .limit(10);
}

describe.each(['postgres', 'mysql'] as const)('what PreparedQuery relies on in TypeORM (%s)', (family) => {
  it('passes each run’s values where TypeORM put the placeholders, a name used twice included', async () => {
    const { source, calls } = await offlineSource(family);
    const prepared = new PreparedQuery(source, ['chatId', 'now'] as const, (markers) =>
      tasksWithAssignee(source, markers),
    );
    const now = new Date('2027-03-13T12:00:00Z');
    await prepared.rows({ chatId: -100, now });

    const [call] = calls;
    expect(call?.parameters).toEqual(family === 'postgres' ? [-100, now] : [-100, now, now]);
    const placeholders = call?.sql.match(family === 'postgres' ? /\$\d+/g : /\?/g) ?? [];
    expect(placeholders).toEqual(family === 'postgres' ? ['$1', '$2', '$2'] : ['?', '?', '?']);
  });

  it('reads each selected column under `<alias>_<column>`, the name hydrate looks for', async () => {
    const { source } = await offlineSource(family);
    const [sql] = tasksWithAssignee(source, { chatId: 'c', now: 'n' }).getQueryAndParameters();
    const quote = family === 'postgres' ? '"' : '`';
    for (const [alias, target] of [
      ['task', Task],
      ['assignee', User],
    ] as const) {
      for (const column of source.getMetadata(target).columns) {
        expect(sql).toContain(`AS ${quote}${alias}_${column.databaseName}${quote}`);
      }
    }
  });

  it('turns a raw row into the entity as TypeORM converts it, and a LEFT JOIN that found nothing into null', async () => {
    const { source } = await offlineSource(family);
    // As the drivers return them: bigints as strings, MySQL booleans as 0/1, instants as dates.
    const due = new Date('2027-03-13T12:00:00.125Z');
    const row = {
      task_id: 7,
      task_chat_id: '-1001234567890',
      task_priority_id: 3,
      task_title: 'Report',
      task_due_at: due,
      task_author_id: '42',
      task_assignee_id: null,
      project_id: 5,
      project_archived: family === 'postgres' ? true : 1,
      assignee_id: null,
      assignee_first_name: null,
    };

    const task = hydrate(source, Task, 'task', row);
    expect(task).toBeInstanceOf(Task);
    expect(task).toMatchObject({
      id: 7,
      chatId: -1001234567890,
      priorityId: 3,
      title: 'Report',
      dueAt: due,
      authorId: 42,
      assigneeId: null,
    });
    expect(hydrate(source, Project, 'project', row)?.archived).toBe(true);
    expect(hydrate(source, User, 'assignee', row)).toBeNull();
  });
});
