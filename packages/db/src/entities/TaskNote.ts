import type { TaskNoteKind } from '@taskbot/domain/task-extras';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { bigintAsNumber } from '../column-types';
import { Task } from './Task';
import { User } from './User';

/** A note on a task: written by replying to its card, or the origin of a forwarded message. */
@Entity({ name: 'task_notes' })
@Index('ix_task_notes_author_id', ['authorId'])
// A Telegram update adds at most one note to a task: a redelivered update hits this constraint.
@Unique('uq_task_notes_task_id_source_update_id', ['taskId', 'sourceUpdateId'])
export class TaskNote {
  @PrimaryGeneratedColumn('increment', { name: 'id', type: 'int', primaryKeyConstraintName: 'pk_task_notes' })
  id!: number;

  @Column({ name: 'task_id', type: 'int' })
  taskId!: number;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_task_notes_task_id' })
  task?: Relation<Task>;

  /** Who wrote it. /forget_me deletes a person's notes; null only if their user row goes some other way. */
  @Column({ name: 'author_id', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  authorId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_task_notes_author_id' })
  author?: Relation<User> | null;

  /** 'note': written by a person; 'origin': where a forwarded message came from. */
  @Column({ name: 'kind', type: 'varchar', length: 16, default: 'note' })
  kind!: TaskNoteKind;

  /** TEXT holds more than the domain allows (MAX_NOTE_LENGTH): the domain's limit is the one. */
  @Column({ name: 'text', type: 'text' })
  text!: string;

  @Column({ name: 'source_update_id', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  sourceUpdateId!: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
