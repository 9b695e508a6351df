import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The priorities of @taskbot/domain/priority, which is their single source: written out rather than
 * imported because a migration stays as it ran. Ids are fixed: tasks.priority_id defaults to 2
 * ('normal') and callback data carry them. The rank is the id (a higher id is more urgent).
 */
const PRIORITIES = [
  { id: 1, code: 'low', rank: 1 },
  { id: 2, code: 'normal', rank: 2 },
  { id: 3, code: 'high', rank: 3 },
  { id: 4, code: 'urgent', rank: 4 },
];

export class SeedPriorities1767225600001 implements MigrationInterface {
  name = 'SeedPriorities1767225600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.manager.createQueryBuilder().insert().into('priorities').values(PRIORITIES).execute();
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.manager
      .createQueryBuilder()
      .delete()
      .from('priorities')
      .where('id IN (:...ids)', { ids: PRIORITIES.map((priority) => priority.id) })
      .execute();
  }
}
