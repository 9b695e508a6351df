import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { bigintAsNumber, INSTANT_PRECISION } from '../column-types';
import { Chat } from './Chat';
import { User } from './User';

/**
 * Someone the bot has seen in a group chat (they wrote there, joined, or a task there names them).
 * Only they can be assigned a task of that chat by @username. Someone who left keeps the row with
 * `left_at` set, so the group's tasks leave their /my and digest.
 */
@Entity({ name: 'chat_members' })
@Index('ix_chat_members_user_id', ['userId'])
export class ChatMember {
  @PrimaryColumn({
    name: 'chat_id',
    type: 'bigint',
    transformer: bigintAsNumber,
    primaryKeyConstraintName: 'pk_chat_members',
  })
  chatId!: number;

  @PrimaryColumn({
    name: 'user_id',
    type: 'bigint',
    transformer: bigintAsNumber,
    primaryKeyConstraintName: 'pk_chat_members',
  })
  userId!: number;

  @ManyToOne(() => Chat, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'chat_id', foreignKeyConstraintName: 'fk_chat_members_chat_id' })
  chat?: Relation<Chat>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_chat_members_user_id' })
  user?: Relation<User>;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  /** When they left the chat or were removed from it; null while they are in it. */
  @Column({ name: 'left_at', type: 'timestamp', precision: INSTANT_PRECISION, nullable: true })
  leftAt!: Date | null;
}
