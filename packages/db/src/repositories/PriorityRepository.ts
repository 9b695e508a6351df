import type { DataSource, Repository } from 'typeorm';
import { Priority, type PriorityCode } from '../entities/Priority';

export class PriorityRepository {
  private readonly priorities: Repository<Priority>;

  constructor(dataSource: DataSource) {
    this.priorities = dataSource.getRepository(Priority);
  }

  /** From the lowest rank (low) to the highest (urgent). */
  all(): Promise<Priority[]> {
    return this.priorities.find({ order: { rank: 'ASC' } });
  }

  findByCode(code: PriorityCode): Promise<Priority | null> {
    return this.priorities.findOneBy({ code });
  }
}
