import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { type DatabaseFamily, INSTANT_PRECISION, instantColumnType } from '../column-types';

/**
 * What the time zone asked at first contact needs on record:
 * - `users.zone_noted_at`: when the bot told the person, on their first dated task, which zone it
 *   read the date in (the one guessed from their language, until they choose). Set once, by a
 *   conditional update, so the note is said once whatever runs at the same time. Whether the
 *   person chose a zone is `time_zone` itself: null until they do.
 */
export class TimeZoneChoice1767225600006 implements MigrationInterface {
  name = 'TimeZoneChoice1767225600006';

  async up(queryRunner: QueryRunner): Promise<void> {
    const family = queryRunner.connection.driver.options.type as DatabaseFamily;
    await queryRunner.addColumn(
      'users',
      new TableColumn({
        name: 'zone_noted_at',
        type: instantColumnType(family),
        precision: INSTANT_PRECISION,
        isNullable: true,
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'zone_noted_at');
  }
}
