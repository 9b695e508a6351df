import { DEFAULT_PRIORITY_ID } from '@taskbot/domain/priority';
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
  UpdateDateColumn,
} from 'typeorm';
import { bigintAsNumber, INSTANT_PRECISION } from '../column-types';
import { Chat } from './Chat';
import { Priority } from './Priority';
import { Project } from './Project';
import { User } from './User';

export const TASK_STATUSES = ['open', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

@Entity({ name: 'tasks' })
// Open lists by chat and status; the done history also in the order tasks were done.
@Index('ix_tasks_chat_id_status_done_at', ['chatId', 'status', 'doneAt'])
@Index('ix_tasks_remind_at', ['remindAt'])
@Index('ix_tasks_chat_id_source_message_id', ['chatId', 'sourceMessageId'])
@Index('ix_tasks_series_id', ['seriesId'])
// Completing an occurrence makes at most one next one: a second attempt hits this index.
@Index('uq_tasks_next_of_task_id', ['nextOfTaskId'], { unique: true })
// A Telegram update creates at most one task: redelivered updates hit this constraint.
@Unique('uq_tasks_chat_id_source_update_id', ['chatId', 'sourceUpdateId'])
export class Task {
  @PrimaryGeneratedColumn('increment', { name: 'id', type: 'int', primaryKeyConstraintName: 'pk_tasks' })
  id!: number;

  @Column({ name: 'chat_id', type: 'bigint', transformer: bigintAsNumber })
  chatId!: number;

  @ManyToOne(() => Chat, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'chat_id', foreignKeyConstraintName: 'fk_tasks_chat_id' })
  chat?: Relation<Chat>;

  @Column({ name: 'project_id', type: 'int', nullable: true })
  projectId!: number | null;

  @ManyToOne(() => Project, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_tasks_project_id' })
  project?: Relation<Project> | null;

  @Column({ name: 'priority_id', type: 'smallint', default: DEFAULT_PRIORITY_ID })
  priorityId!: number;

  @ManyToOne(() => Priority, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'priority_id', foreignKeyConstraintName: 'fk_tasks_priority_id' })
  priority?: Relation<Priority>;

  /** TEXT holds far more than the domain allows (MAX_TITLE_LENGTH): the domain's limit is the one. */
  @Column({ name: 'title', type: 'text' })
  title!: string;

  @Column({ name: 'status', type: 'varchar', length: 16, default: 'open' })
  status!: TaskStatus;

  @Column({ name: 'due_at', type: 'timestamp', precision: INSTANT_PRECISION, nullable: true })
  dueAt!: Date | null;

  /** Who wrote it; null once they asked the bot to forget them (the task stays with its group). */
  @Column({ name: 'author_id', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  authorId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_tasks_author_id' })
  author?: Relation<User> | null;

  @Column({ name: 'assignee_id', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  assigneeId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_tasks_assignee_id' })
  assignee?: Relation<User> | null;

  @Column({ name: 'done_at', type: 'timestamp', precision: INSTANT_PRECISION, nullable: true })
  doneAt!: Date | null;

  /** When the reminder is due: due_at minus the lead time of the assignee, else the author. */
  @Column({ name: 'remind_at', type: 'timestamp', precision: INSTANT_PRECISION, nullable: true })
  remindAt!: Date | null;

  /** Set once the reminder was handed to the broker; a snooze or a new due date clears it. */
  @Column({ name: 'reminded_at', type: 'timestamp', precision: INSTANT_PRECISION, nullable: true })
  remindedAt!: Date | null;

  @Column({ name: 'source_update_id', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  sourceUpdateId!: number | null;

  /**
   * The message whose text gave the task its title, so editing that message renames the task. A
   * rename by hand clears it: the person's title is not overwritten by a later edit.
   */
  @Column({ name: 'source_message_id', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  sourceMessageId!: number | null;

  /** The repetition as an RFC 5545 RRULE value (see @taskbot/domain/recurrence); null: a one-off task. */
  @Column({ name: 'recurrence', type: 'varchar', length: 200, nullable: true })
  recurrence!: string | null;

  /** The first task of the series, on every later occurrence; null on the first task itself. */
  @Column({ name: 'series_id', type: 'int', nullable: true })
  seriesId!: number | null;

  /** The occurrence whose completion made this one (unique: each makes one next occurrence at most). */
  @Column({ name: 'next_of_task_id', type: 'int', nullable: true })
  nextOfTaskId!: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
