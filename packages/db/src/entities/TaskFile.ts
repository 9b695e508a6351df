import type { TaskFileKind } from '@taskbot/domain/task-extras';
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

/** A file attached to a task. Telegram keeps the file; this row keeps what sends it back. */
@Entity({ name: 'task_files' })
@Index('ix_task_files_author_id', ['authorId'])
// The same file attached to a task twice (or a redelivered update) is one attachment.
@Unique('uq_task_files_task_id_file_unique_id', ['taskId', 'fileUniqueId'])
export class TaskFile {
  @PrimaryGeneratedColumn('increment', { name: 'id', type: 'int', primaryKeyConstraintName: 'pk_task_files' })
  id!: number;

  @Column({ name: 'task_id', type: 'int' })
  taskId!: number;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_task_files_task_id' })
  task?: Relation<Task>;

  /** Who attached it; null once they asked the bot to forget them. */
  @Column({ name: 'author_id', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  authorId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_task_files_author_id' })
  author?: Relation<User> | null;

  /** The kind of message the file came in, which also says how it is sent back (sendPhoto for a photo...). */
  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: TaskFileKind;

  /** What sends the file again (valid for this bot only). */
  @Column({ name: 'file_id', type: 'varchar', length: 255 })
  fileId!: string;

  /** The same for every bot and over time: the same file twice is one attachment. */
  @Column({ name: 'file_unique_id', type: 'varchar', length: 64 })
  fileUniqueId!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true })
  fileName!: string | null;

  @Column({ name: 'mime_type', type: 'varchar', length: 255, nullable: true })
  mimeType!: string | null;

  @Column({ name: 'file_size', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  fileSize!: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
