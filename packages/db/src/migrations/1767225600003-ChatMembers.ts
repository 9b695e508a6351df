import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { type DatabaseFamily, INSTANT_PRECISION, instantColumnType } from '../column-types';

/**
 * Who the bot has seen in which chat, so a task is assigned by @username only to someone of that
 * chat. Filled from the authors and assignees of existing tasks, then by every update in a group.
 */
export class ChatMembers1767225600003 implements MigrationInterface {
  name = 'ChatMembers1767225600003';

  async up(queryRunner: QueryRunner): Promise<void> {
    const family = queryRunner.connection.driver.options.type as DatabaseFamily;
    await queryRunner.createTable(
      new Table({
        name: 'chat_members',
        columns: [
          { name: 'chat_id', type: 'bigint', isPrimary: true, primaryKeyConstraintName: 'pk_chat_members' },
          { name: 'user_id', type: 'bigint', isPrimary: true, primaryKeyConstraintName: 'pk_chat_members' },
          {
            name: 'created_at',
            type: instantColumnType(family),
            precision: INSTANT_PRECISION,
            default: family === 'postgres' ? 'now()' : `CURRENT_TIMESTAMP(${INSTANT_PRECISION})`,
          },
        ],
        indices: [new TableIndex({ name: 'ix_chat_members_user_id', columnNames: ['user_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_chat_members_chat_id',
            columnNames: ['chat_id'],
            referencedTableName: 'chats',
            referencedColumnNames: ['id'],
            onUpdate: 'NO ACTION',
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'fk_chat_members_user_id',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onUpdate: 'NO ACTION',
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    // The people of existing group tasks. Plain SQL both families read alike; UNION drops repeats.
    const inGroups = "JOIN chats c ON c.id = t.chat_id WHERE c.type <> 'private'";
    await queryRunner.query(
      'INSERT INTO chat_members (chat_id, user_id) ' +
        `SELECT t.chat_id, t.author_id FROM tasks t ${inGroups} ` +
        `UNION SELECT t.chat_id, t.assignee_id FROM tasks t ${inGroups} AND t.assignee_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('chat_members', false, true, true);
  }
}
