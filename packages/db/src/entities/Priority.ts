import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

export const PRIORITY_CODES = ['low', 'normal', 'high', 'urgent'] as const;
export type PriorityCode = (typeof PRIORITY_CODES)[number];

export function isPriorityCode(value: string): value is PriorityCode {
  return (PRIORITY_CODES as readonly string[]).includes(value);
}

/** The id of 'normal', which the seed migration fixes and tasks.priority_id defaults to. */
export const DEFAULT_PRIORITY_ID = 2;

/** Reference data seeded by a migration: ids 1..4 are low, normal, high, urgent; a higher rank sorts first. */
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
