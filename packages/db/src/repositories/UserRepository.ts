import type { User as TelegramUser } from '@telegraf/types';
import type { DataSource, Repository } from 'typeorm';
import { User } from '../entities/User';
import { PreparedQuery } from '../prepared-select';

type UpsertParameter = 'id' | 'username' | 'firstName' | 'lastName' | 'languageCode';

export class UserRepository {
  private readonly users: Repository<User>;
  /** The upsert of `save`, built once: every person's first update in a process runs it. */
  private readonly upsert: PreparedQuery<UpsertParameter>;

  constructor(dataSource: DataSource) {
    this.users = dataSource.getRepository(User);
    this.upsert = new PreparedQuery(
      dataSource,
      ['id', 'username', 'firstName', 'lastName', 'languageCode'],
      (parameters) =>
        this.users
          .createQueryBuilder()
          .insert()
          .into(User)
          .values(parameters as unknown as Partial<User>)
          .orUpdate(['username', 'first_name', 'last_name', 'language_code'], ['id'], {
            skipUpdateIfNoValuesChanged: true,
          })
          .updateEntity(false),
    );
  }

  /**
   * Records the user as Telegram describes them now. A single INSERT … ON CONFLICT / ON DUPLICATE KEY
   * statement, so workers registering the same user at the same moment cannot collide.
   */
  async register(tgUser: TelegramUser): Promise<User> {
    await this.save(tgUser);
    return this.users.findOneByOrFail({ id: tgUser.id });
  }

  /** The write half of `register`: the upsert alone (its row is left as it is when nothing changed). */
  async save(tgUser: TelegramUser): Promise<void> {
    await this.upsert.rows({
      id: tgUser.id,
      username: tgUser.username ?? null,
      firstName: tgUser.first_name,
      lastName: tgUser.last_name ?? null,
      languageCode: tgUser.language_code ?? null,
    });
  }

  findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** Stores the person's settings; only the given fields change. */
  async updateSettings(
    id: number,
    settings: Partial<
      Pick<User, 'language' | 'timeZone' | 'reminderLeadMinutes' | 'digestTime' | 'quietStart' | 'quietEnd'>
    >,
  ): Promise<User> {
    if (Object.keys(settings).length > 0) await this.users.update({ id }, settings);
    return this.users.findOneByOrFail({ id });
  }

  /**
   * Records that the person was told which zone their first dated task was read in; true only for
   * the one call that recorded it, so the note goes out once.
   */
  async markZoneNoted(id: number, at: Date): Promise<boolean> {
    const result = await this.users
      .createQueryBuilder()
      .update(User)
      .set({ zoneNotedAt: at })
      .where('id = :id', { id })
      .andWhere('zone_noted_at IS NULL')
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
