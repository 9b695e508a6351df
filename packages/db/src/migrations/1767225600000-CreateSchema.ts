import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  type TableColumnOptions,
  TableForeignKey,
  TableIndex,
  TableUnique,
} from 'typeorm';
import { type DatabaseFamily, INSTANT_PRECISION, instantColumnType } from '../column-types';

/**
 * Written with TypeORM's schema API so one migration serves PostgreSQL and MySQL/MariaDB. Only the
 * instant columns differ per family, and they must match what the data source maps the entities to,
 * or `createSchemaBuilder().log()` would report drift.
 */
function instantColumns(family: DatabaseFamily) {
  const type = instantColumnType(family);
  const now = family === 'postgres' ? 'now()' : `CURRENT_TIMESTAMP(${INSTANT_PRECISION})`;
  const instant = (name: string, options: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
    name,
    type,
    precision: INSTANT_PRECISION,
    ...options,
  });
  return {
    instant,
    createdAt: instant('created_at', { default: now }),
    // PostgreSQL has no ON UPDATE; TypeORM sets updated_at itself in the UPDATEs it writes there.
    updatedAt: instant('updated_at', { default: now, ...(family === 'postgres' ? {} : { onUpdate: now }) }),
  };
}

export class CreateSchema1767225600000 implements MigrationInterface {
  name = 'CreateSchema1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { instant, createdAt, updatedAt } = instantColumns(
      queryRunner.connection.driver.options.type as DatabaseFamily,
    );

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: 'bigint', isPrimary: true, primaryKeyConstraintName: 'pk_users' },
          { name: 'username', type: 'varchar', length: '64', isNullable: true },
          { name: 'first_name', type: 'varchar', length: '255' },
          { name: 'last_name', type: 'varchar', length: '255', isNullable: true },
          { name: 'language_code', type: 'varchar', length: '35', isNullable: true },
          createdAt,
          updatedAt,
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'chats',
        columns: [
          { name: 'id', type: 'bigint', isPrimary: true, primaryKeyConstraintName: 'pk_chats' },
          { name: 'type', type: 'varchar', length: '16' },
          { name: 'title', type: 'varchar', length: '255', isNullable: true },
          { name: 'active', type: 'boolean', default: 'true' },
          createdAt,
          updatedAt,
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'priorities',
        columns: [
          { name: 'id', type: 'smallint', isPrimary: true, primaryKeyConstraintName: 'pk_priorities' },
          { name: 'code', type: 'varchar', length: '16' },
          { name: 'rank', type: 'int' },
        ],
        uniques: [new TableUnique({ name: 'uq_priorities_code', columnNames: ['code'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'projects',
        columns: [
          {
            name: 'id',
            type: 'int',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
            primaryKeyConstraintName: 'pk_projects',
          },
          { name: 'chat_id', type: 'bigint' },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'archived', type: 'boolean', default: 'false' },
          createdAt,
        ],
        uniques: [new TableUnique({ name: 'uq_projects_chat_id_name', columnNames: ['chat_id', 'name'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_projects_chat_id',
            columnNames: ['chat_id'],
            referencedTableName: 'chats',
            referencedColumnNames: ['id'],
            // Spelled out because MariaDB reports an omitted ON UPDATE as RESTRICT, unlike the entities.
            onUpdate: 'NO ACTION',
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'tasks',
        columns: [
          {
            name: 'id',
            type: 'int',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
            primaryKeyConstraintName: 'pk_tasks',
          },
          { name: 'chat_id', type: 'bigint' },
          { name: 'project_id', type: 'int', isNullable: true },
          { name: 'priority_id', type: 'smallint', default: '2' },
          { name: 'title', type: 'text' },
          { name: 'status', type: 'varchar', length: '16', default: "'open'" },
          instant('due_at', { isNullable: true }),
          { name: 'author_id', type: 'bigint' },
          { name: 'assignee_id', type: 'bigint', isNullable: true },
          instant('done_at', { isNullable: true }),
          { name: 'source_update_id', type: 'bigint', isNullable: true },
          createdAt,
          updatedAt,
        ],
        uniques: [
          new TableUnique({
            name: 'uq_tasks_chat_id_source_update_id',
            columnNames: ['chat_id', 'source_update_id'],
          }),
        ],
        indices: [new TableIndex({ name: 'ix_tasks_chat_id_status', columnNames: ['chat_id', 'status'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_tasks_chat_id',
            columnNames: ['chat_id'],
            referencedTableName: 'chats',
            referencedColumnNames: ['id'],
            onUpdate: 'NO ACTION',
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'fk_tasks_project_id',
            columnNames: ['project_id'],
            referencedTableName: 'projects',
            referencedColumnNames: ['id'],
            onUpdate: 'NO ACTION',
            onDelete: 'SET NULL',
          }),
          new TableForeignKey({
            name: 'fk_tasks_priority_id',
            columnNames: ['priority_id'],
            referencedTableName: 'priorities',
            referencedColumnNames: ['id'],
            onUpdate: 'NO ACTION',
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            name: 'fk_tasks_author_id',
            columnNames: ['author_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onUpdate: 'NO ACTION',
            onDelete: 'RESTRICT',
          }),
          new TableForeignKey({
            name: 'fk_tasks_assignee_id',
            columnNames: ['assignee_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onUpdate: 'NO ACTION',
            onDelete: 'SET NULL',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['tasks', 'projects', 'priorities', 'chats', 'users']) {
      await queryRunner.dropTable(table, false, true, true);
    }
  }
}
