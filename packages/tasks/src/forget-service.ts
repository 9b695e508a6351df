import type { PersonKeys } from '@taskbot/db/cache/PersonKeys';
import type { PersonRecords } from '@taskbot/db/repositories/PersonRecords';
import type { PersonRecordCounts } from '@taskbot/domain/forget-me';

/** The stores /forget_me works on, passed in by the composition root. */
export interface ForgetStores {
  /** The person's rows in every table. */
  people: PersonRecords;
  /** The Redis keys naming them. */
  personKeys: PersonKeys;
}

/**
 * /forget_me: what the bot keeps about a person, and forgetting it. The database goes first, in one
 * transaction, then Redis. A failure in between (Redis away) leaves Redis keys naming the person:
 * undo history with their tasks' snapshots, open questions, admin statuses, limit slots. The
 * failure fails the job, which is retried; the retry finds the database part done and still clears
 * Redis, so the Redis part never depends on the database having had anything left. Every step is
 * safe to repeat.
 */
export class ForgetService {
  constructor(private readonly stores: ForgetStores) {}

  /** What forgetting the person would delete, and what would stay. */
  preview(userId: number): Promise<PersonRecordCounts> {
    return this.stores.people.count(userId);
  }

  /**
   * Deletes everything about the person; what this run found to delete (zeros when nothing was
   * left). Redis is cleared whatever the database part found; its failure rejects.
   */
  async forget(userId: number): Promise<{ counts: PersonRecordCounts; redisKeys: number }> {
    const counts = await this.stores.people.erase(userId);
    const redisKeys = await this.stores.personKeys.erase(userId);
    return { counts, redisKeys };
  }
}
