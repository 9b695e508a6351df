import type { PriorityCode } from '@taskbot/domain/priority';
import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * The priorities of @taskbot/domain/priority, as rows: seeded by a migration so that the foreign key
 * of tasks.priority_id keeps out any other id. Nothing reads them; the domain's list is the source.
 */
@Entity({ name: 'priorities' })
@Unique('uq_priorities_code', ['code'])
export class Priority {
  @PrimaryColumn({ name: 'id', type: 'smallint', primaryKeyConstraintName: 'pk_priorities' })
  id!: number;

  @Column({ name: 'code', type: 'varchar', length: 16 })
  code!: PriorityCode;

  @Column({ name: 'rank', type: 'int' })
  rank!: number;
}
