import { type MigrationInterface, type QueryRunner, TableColumn, TableForeignKey } from 'typeorm';

const AUTHOR_FK = 'fk_tasks_author_id';

function authorKey(onDelete: 'SET NULL' | 'RESTRICT'): TableForeignKey {
  return new TableForeignKey({
    name: AUTHOR_FK,
    columnNames: ['author_id'],
    referencedTableName: 'users',
    referencedColumnNames: ['id'],
    onUpdate: 'NO ACTION',
    onDelete,
  });
}

function authorColumn(isNullable: boolean): TableColumn {
  return new TableColumn({ name: 'author_id', type: 'bigint', isNullable });
}

/**
 * What /forget_me needs: a group's task outlives the person who wrote it, with no author.
 * `tasks.author_id` becomes nullable and its foreign key ON DELETE SET NULL (it was RESTRICT), so
 * deleting the person's `users` row empties the column instead of being refused. The key is
 * dropped around the column change: MySQL and MariaDB refuse to alter a column a key uses.
 *
 * `down` cannot give an author back to a task whose author was forgotten; rather than delete such
 * tasks of a group without a word, it stops and says how many there are.
 */
export class ForgetPeople1767225600008 implements MigrationInterface {
  name = 'ForgetPeople1767225600008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropForeignKey('tasks', AUTHOR_FK);
    await queryRunner.changeColumn('tasks', 'author_id', authorColumn(true));
    await queryRunner.createForeignKey('tasks', authorKey('SET NULL'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const [row] = (await queryRunner.query(
      'SELECT COUNT(*) AS n FROM tasks WHERE author_id IS NULL',
    )) as Array<{ n: unknown }>;
    const authorless = Number(row?.n ?? 0);
    if (authorless > 0) {
      throw new Error(
        `${authorless} tasks have no author (their authors asked to be forgotten); ` +
          'tasks.author_id cannot be made NOT NULL again while they exist',
      );
    }
    await queryRunner.dropForeignKey('tasks', AUTHOR_FK);
    await queryRunner.changeColumn('tasks', 'author_id', authorColumn(false));
    await queryRunner.createForeignKey('tasks', authorKey('RESTRICT'));
  }
}
