import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from '../column-types';

export const CHAT_TYPES = ['private', 'group', 'supergroup', 'channel'] as const;
export type ChatType = (typeof CHAT_TYPES)[number];

export function isChatType(value: string): value is ChatType {
  return (CHAT_TYPES as readonly string[]).includes(value);
}

/** A Telegram chat the bot works in; the primary key is the Telegram chat id (negative for groups). */
@Entity({ name: 'chats' })
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

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
