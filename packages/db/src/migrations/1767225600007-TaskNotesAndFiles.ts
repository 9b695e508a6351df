import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  TableForeignKey,
  TableIndex,
  TableUnique,
} from 'typeorm';
import { type DatabaseFamily, INSTANT_PRECISION, instantColumnType } from '../column-types';

/**
 * What a task carries beyond its title:
 * - `task_notes`: notes added by replying to a task's card, and the origin of a forwarded message
 *   (who sent it first, and a link where Telegram gives one) as a task's first note.
 * - `task_files`: files attached to a task. Telegram keeps the file; the bot keeps its `file_id`
 *   (to send it back) and `file_unique_id` (the same file attached twice is one attachment).
 * Both go with their task (ON DELETE CASCADE). The author is kept for "who wrote this" and set to
 * null if their user row goes (/forget_me deletes their notes and files first);
 * `source_update_id` makes a redelivered update add nothing twice.
 */
export class TaskNotesAndFiles1767225600007 implements MigrationInterface {
  name = 'TaskNotesAndFiles1767225600007';

  async up(queryRunner: QueryRunner): Promise<void> {
    const family = queryRunner.connection.driver.options.type as DatabaseFamily;
    const createdAt = {
      name: 'created_at',
      type: instantColumnType(family),
      precision: INSTANT_PRECISION,
      default: family === 'postgres' ? 'now()' : `CURRENT_TIMESTAMP(${INSTANT_PRECISION})`,
    };
    const belongsToTask = (table: string) => [
      new TableForeignKey({
        name: `fk_${table}_task_id`,
        columnNames: ['task_id'],
        referencedTableName: 'tasks',
        referencedColumnNames: ['id'],
        onUpdate: 'NO ACTION',
        onDelete: 'CASCADE',
      }),
      new TableForeignKey({
        name: `fk_${table}_author_id`,
        columnNames: ['author_id'],
        referencedTableName: 'users',
        referencedColumnNames: ['id'],
        onUpdate: 'NO ACTION',
        onDelete: 'SET NULL',
      }),
    ];
    const id = (table: string) => ({
      name: 'id',
      type: 'int',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment' as const,
      primaryKeyConstraintName: `pk_${table}`,
    });

    await queryRunner.createTable(
      new Table({
        name: 'task_notes',
        columns: [
          id('task_notes'),
          { name: 'task_id', type: 'int' },
          { name: 'author_id', type: 'bigint', isNullable: true },
          { name: 'kind', type: 'varchar', length: '16', default: "'note'" },
          { name: 'text', type: 'text' },
          { name: 'source_update_id', type: 'bigint', isNullable: true },
          createdAt,
        ],
        indices: [new TableIndex({ name: 'ix_task_notes_author_id', columnNames: ['author_id'] })],
        uniques: [
          new TableUnique({
            name: 'uq_task_notes_task_id_source_update_id',
            columnNames: ['task_id', 'source_update_id'],
          }),
        ],
        foreignKeys: belongsToTask('task_notes'),
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'task_files',
        columns: [
          id('task_files'),
          { name: 'task_id', type: 'int' },
          { name: 'author_id', type: 'bigint', isNullable: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'file_id', type: 'varchar', length: '255' },
          { name: 'file_unique_id', type: 'varchar', length: '64' },
          { name: 'file_name', type: 'varchar', length: '255', isNullable: true },
          { name: 'mime_type', type: 'varchar', length: '255', isNullable: true },
          { name: 'file_size', type: 'bigint', isNullable: true },
          createdAt,
        ],
        indices: [new TableIndex({ name: 'ix_task_files_author_id', columnNames: ['author_id'] })],
        uniques: [
          new TableUnique({
            name: 'uq_task_files_task_id_file_unique_id',
            columnNames: ['task_id', 'file_unique_id'],
          }),
        ],
        foreignKeys: belongsToTask('task_files'),
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('task_files', false, true, true);
    await queryRunner.dropTable('task_notes', false, true, true);
  }
}
