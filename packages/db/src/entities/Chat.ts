import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from '../column-types';

export const CHAT_TYPES = ['private', 'group', 'supergroup', 'channel'] as const;
export type ChatType = (typeof CHAT_TYPES)[number];

export function isChatType(value: string): value is ChatType {
  return (CHAT_TYPES as readonly string[]).includes(value);
}

/** A Telegram chat the bot works in; the primary key is the Telegram chat id (negative for groups). */
@Entity({ name: 'chats' })
@Index('ix_chats_migrated_to_chat_id', ['migratedToChatId'])
export class Chat {
  @PrimaryColumn({
    name: 'id',
    type: 'bigint',
    transformer: bigintAsNumber,
    primaryKeyConstraintName: 'pk_chats',
  })
  id!: number;

  @Column({ name: 'type', type: 'varchar', length: 16 })
  type!: ChatType;

  @Column({ name: 'title', type: 'varchar', length: 255, nullable: true })
  title!: string | null;

  /** False once the bot was removed from the chat or blocked by the user. */
  @Column({ name: 'active', type: 'boolean', default: true })
  active!: boolean;

  /**
   * Set once the group was upgraded to this supergroup and its tasks, projects and members moved
   * there; the old chat then stays inactive, and its old buttons say where the chat went.
   */
  @Column({
    name: 'migrated_to_chat_id',
    type: 'bigint',
    nullable: true,
    transformer: bigintAsNumber,
  })
  migratedToChatId!: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
