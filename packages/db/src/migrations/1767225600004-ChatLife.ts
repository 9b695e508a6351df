import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { type DatabaseFamily, INSTANT_PRECISION, instantColumnType } from '../column-types';

/**
 * What the life of a chat needs on record:
 * - `chats.migrated_to_chat_id`: the supergroup a group became. Set in the same transaction that
 *   moves the group's rows, under a lock on the old chat's row, so whichever of Telegram's two
 *   migration messages comes first moves them and every later one (or a redelivery) finds it done.
 * - `tasks.source_message_id`: the message a task was made from, so editing it renames the task.
 *   Not unique: a chat's message ids are, but tasks moved from an upgraded group drop theirs
 *   rather than collide with the supergroup's own numbering.
 * - `chat_members.left_at`: when a member left or was removed. The row stays: it is what hides the
 *   group's tasks from the person's /my and digest (a person with no row at all, from before rows
 *   were kept, loses nothing), and a member who comes back just has it cleared.
 */
export class ChatLife1767225600004 implements MigrationInterface {
  name = 'ChatLife1767225600004';

  async up(queryRunner: QueryRunner): Promise<void> {
    const family = queryRunner.connection.driver.options.type as DatabaseFamily;
    await queryRunner.addColumn(
      'chats',
      new TableColumn({ name: 'migrated_to_chat_id', type: 'bigint', isNullable: true }),
    );
    // Looked up by the supergroup: was this chat a group once? (see ChatRepository.isMigrationTarget)
    await queryRunner.createIndex(
      'chats',
      new TableIndex({ name: 'ix_chats_migrated_to_chat_id', columnNames: ['migrated_to_chat_id'] }),
    );
    await queryRunner.addColumn(
      'tasks',
      new TableColumn({ name: 'source_message_id', type: 'bigint', isNullable: true }),
    );
    await queryRunner.addColumn(
      'chat_members',
      new TableColumn({
        name: 'left_at',
        type: instantColumnType(family),
        precision: INSTANT_PRECISION,
        isNullable: true,
      }),
    );
    await queryRunner.createIndex(
      'tasks',
      new TableIndex({
        name: 'ix_tasks_chat_id_source_message_id',
        columnNames: ['chat_id', 'source_message_id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('chat_members', 'left_at');
    await queryRunner.dropIndex('tasks', 'ix_tasks_chat_id_source_message_id');
    await queryRunner.dropColumn('tasks', 'source_message_id');
    await queryRunner.dropIndex('chats', 'ix_chats_migrated_to_chat_id');
    await queryRunner.dropColumn('chats', 'migrated_to_chat_id');
  }
}
