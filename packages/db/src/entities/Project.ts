import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { bigintAsNumber } from '../column-types';
import { Chat } from './Chat';

/** A named group of tasks inside one chat; names are unique per chat. */
@Entity({ name: 'projects' })
@Unique('uq_projects_chat_id_name', ['chatId', 'name'])
export class Project {
  @PrimaryGeneratedColumn('increment', { name: 'id', type: 'int', primaryKeyConstraintName: 'pk_projects' })
  id!: number;

  @Column({ name: 'chat_id', type: 'bigint', transformer: bigintAsNumber })
  chatId!: number;

  @ManyToOne(() => Chat, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'chat_id', foreignKeyConstraintName: 'fk_projects_chat_id' })
  chat?: Relation<Chat>;

  @Column({ name: 'name', type: 'varchar', length: 128 })
  name!: string;

  @Column({ name: 'archived', type: 'boolean', default: false })
  archived!: boolean;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
