import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * The done history (/tasks → ✅ Done) pages a chat's done tasks by when they were done, newest
 * first. The index on (chat_id, status) found them but left the database to sort all of a chat's
 * done tasks for every page; (chat_id, status, done_at) hands them over in order. It replaces the
 * old index, whose every use it serves as well (its first two columns are the same), so a write
 * keeps one index to update, not two. The new one is made first: MySQL needs an index led by
 * chat_id for the foreign key at every moment.
 */
export class DoneHistoryIndex1767225600009 implements MigrationInterface {
  name = 'DoneHistoryIndex1767225600009';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'tasks',
      new TableIndex({
        name: 'ix_tasks_chat_id_status_done_at',
        columnNames: ['chat_id', 'status', 'done_at'],
      }),
    );
    await queryRunner.dropIndex('tasks', 'ix_tasks_chat_id_status');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'tasks',
      new TableIndex({ name: 'ix_tasks_chat_id_status', columnNames: ['chat_id', 'status'] }),
    );
    await queryRunner.dropIndex('tasks', 'ix_tasks_chat_id_status_done_at');
  }
}
