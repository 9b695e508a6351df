import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * What a repeating task needs on record:
 * - `tasks.recurrence`: the rule as an RFC 5545 RRULE value (see @taskbot/domain/recurrence); null
 *   for a one-off task.
 * - `tasks.series_id`: the first task of the series (the one the rule was last set on), shared by
 *   every later occurrence and null on that first task: "delete the whole series" finds them, and
 *   its due date is where the series' dates count from ("every 2 weeks").
 * - `tasks.next_of_task_id`: the occurrence this one was made to follow. UNIQUE: completing an
 *   occurrence makes at most one next one, whatever runs at once (two presses, two replicas, a
 *   redelivered update): the database decides, not a lock in one process. Nulls do not collide.
 */
export class RecurringTasks1767225600005 implements MigrationInterface {
  name = 'RecurringTasks1767225600005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('tasks', [
      new TableColumn({ name: 'recurrence', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'series_id', type: 'int', isNullable: true }),
      new TableColumn({ name: 'next_of_task_id', type: 'int', isNullable: true }),
    ]);
    await queryRunner.createIndex(
      'tasks',
      new TableIndex({ name: 'ix_tasks_series_id', columnNames: ['series_id'] }),
    );
    await queryRunner.createIndex(
      'tasks',
      new TableIndex({ name: 'uq_tasks_next_of_task_id', columnNames: ['next_of_task_id'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('tasks', 'uq_tasks_next_of_task_id');
    await queryRunner.dropIndex('tasks', 'ix_tasks_series_id');
    await queryRunner.dropColumns('tasks', ['next_of_task_id', 'series_id', 'recurrence']);
  }
}
