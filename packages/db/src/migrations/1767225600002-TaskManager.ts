import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { type DatabaseFamily, INSTANT_PRECISION, instantColumnType } from '../column-types';

/** Per-user settings of the task manager; null everywhere means "use the default". */
const USER_COLUMNS = [
  // An override of Telegram's language_code: 'en' or 'ru'.
  { name: 'language', type: 'varchar', length: '2', isNullable: true },
  // An IANA time zone; null means DEFAULT_TIME_ZONE.
  { name: 'time_zone', type: 'varchar', length: '64', isNullable: true },
  // Minutes before the due time to remind; null means DEFAULT_REMINDER_LEAD_MINUTES.
  { name: 'reminder_lead_minutes', type: 'int', isNullable: true },
  // 'HH:MM' in the user's time zone; null means no daily digest.
  { name: 'digest_time', type: 'varchar', length: '5', isNullable: true },
  { name: 'quiet_start', type: 'varchar', length: '5', isNullable: true },
  { name: 'quiet_end', type: 'varchar', length: '5', isNullable: true },
  // 'YYYY-MM-DD': the local date of the last digest sent.
  { name: 'last_digest_on', type: 'varchar', length: '10', isNullable: true },
];

export class TaskManager1767225600002 implements MigrationInterface {
  name = 'TaskManager1767225600002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instantType = instantColumnType(queryRunner.connection.driver.options.type as DatabaseFamily);
    const instant = (name: string) =>
      new TableColumn({ name, type: instantType, precision: INSTANT_PRECISION, isNullable: true });

    await queryRunner.addColumns(
      'users',
      USER_COLUMNS.map((column) => new TableColumn(column)),
    );
    // remind_at: when the reminder is due; reminded_at: when it was handed to the broker.
    await queryRunner.addColumns('tasks', [instant('remind_at'), instant('reminded_at')]);
    await queryRunner.createIndex(
      'tasks',
      new TableIndex({ name: 'ix_tasks_remind_at', columnNames: ['remind_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('tasks', 'ix_tasks_remind_at');
    await queryRunner.dropColumns('tasks', ['remind_at', 'reminded_at']);
    await queryRunner.dropColumns(
      'users',
      USER_COLUMNS.map((column) => column.name),
    );
  }
}
