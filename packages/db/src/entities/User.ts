import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber, INSTANT_PRECISION } from '../column-types';

/** A Telegram user the bot has seen; the primary key is the Telegram user id. */
@Entity({ name: 'users' })
export class User {
  @PrimaryColumn({
    name: 'id',
    type: 'bigint',
    transformer: bigintAsNumber,
    primaryKeyConstraintName: 'pk_users',
  })
  id!: number;

  @Column({ name: 'username', type: 'varchar', length: 64, nullable: true })
  username!: string | null;

  @Column({ name: 'first_name', type: 'varchar', length: 255 })
  firstName!: string;

  @Column({ name: 'last_name', type: 'varchar', length: 255, nullable: true })
  lastName!: string | null;

  @Column({ name: 'language_code', type: 'varchar', length: 35, nullable: true })
  languageCode!: string | null;

  /** The user's choice of 'en' or 'ru', over Telegram's language_code. */
  @Column({ name: 'language', type: 'varchar', length: 2, nullable: true })
  language!: string | null;

  /**
   * IANA name; null until the person chooses, meaning the zone guessed from their language, else
   * the configured DEFAULT_TIME_ZONE (see effectiveSettings).
   */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, nullable: true })
  timeZone!: string | null;

  /** Null means the configured DEFAULT_REMINDER_LEAD_MINUTES. */
  @Column({ name: 'reminder_lead_minutes', type: 'int', nullable: true })
  reminderLeadMinutes!: number | null;

  /** 'HH:MM' local time of the daily digest; null means no digest. */
  @Column({ name: 'digest_time', type: 'varchar', length: 5, nullable: true })
  digestTime!: string | null;

  /** 'HH:MM' local; both null means no quiet hours. */
  @Column({ name: 'quiet_start', type: 'varchar', length: 5, nullable: true })
  quietStart!: string | null;

  @Column({ name: 'quiet_end', type: 'varchar', length: 5, nullable: true })
  quietEnd!: string | null;

  /** 'YYYY-MM-DD': the local date of the last digest sent. */
  @Column({ name: 'last_digest_on', type: 'varchar', length: 10, nullable: true })
  lastDigestOn!: string | null;

  /** When the bot said which zone it read their first dated task in; null until it did. */
  @Column({ name: 'zone_noted_at', type: 'timestamp', precision: INSTANT_PRECISION, nullable: true })
  zoneNotedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
