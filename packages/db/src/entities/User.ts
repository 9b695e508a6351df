import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from '../column-types';

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

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
