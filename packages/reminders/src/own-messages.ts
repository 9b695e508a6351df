import type { Task } from '@taskbot/db/entities/Task';
import type { User } from '@taskbot/db/entities/User';
import type { ChatRepository } from '@taskbot/db/repositories/ChatRepository';
import type { ReminderRepository } from '@taskbot/db/repositories/ReminderRepository';
import type { UserRepository } from '@taskbot/db/repositories/UserRepository';
import { effectiveSettings, NOTHING_CHOSEN, type SettingDefaults } from '@taskbot/domain/effective-settings';
import { type DigestTask, digestView, reminderView } from '@taskbot/domain/reminder-views';
import { endOfLocalDay } from '@taskbot/domain/schedule';
import { localDate } from '@taskbot/domain/time-zone';
import type { View } from '@taskbot/domain/views';
import type { Logger } from '@taskbot/logger/logger';
import type { DigestMessage, ReminderMessage } from '@taskbot/messaging/bus-message';
import { inCallScope } from '@taskbot/telegram/call-scope';
import { messageOptions } from '@taskbot/telegram/markup';
import type { Telegram } from 'telegraf';

// What the bot says on its own, as the command worker takes it off the `telegram` queue: reminders
// and daily digests published by the scheduler. A message may arrive twice (two schedulers, a
// restart between publish and claim, a redelivery): each send runs as the job named by the
// message's id, so the Telegram client sends it once, and the task is checked again first, so a
// reminder that was snoozed, moved or done meanwhile is not sent at all.

export interface OwnMessageDeps {
  reminders: ReminderRepository;
  users: UserRepository;
  chats: ChatRepository;
  telegram: Telegram;
  logger: Logger;
  /** DEFAULT_TIME_ZONE and DEFAULT_REMINDER_LEAD_MINUTES, for people who did not choose theirs. */
  defaults: SettingDefaults;
  now?: () => Date;
}

/** The job (and message id) of one reminder: a snoozed or moved reminder is a new job. */
export function reminderJobKey(taskId: number, remindAt: Date): string {
  return `reminder:${taskId}:${remindAt.toISOString()}`;
}

export function digestJobKey(userId: number, date: string): string {
  return `digest:${userId}:${date}`;
}

/**
 * The person a task's reminder is for: its assignee, else its author; null for a group's task whose
 * author was forgotten and that nobody is assigned: its reminder goes to the group, naming nobody.
 */
export function recipientOf(task: Task): User | null {
  return task.assignee ?? task.author ?? null;
}

/** Sends reminders and digests; one per worker, built by the composition root. */
export class OwnMessages {
  private readonly now: () => Date;

  constructor(private readonly deps: OwnMessageDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Handles a reminder or digest message; the worker's error boundary classifies failures. */
  handle(message: ReminderMessage | DigestMessage): Promise<void> {
    return message.kind === 'reminder' ? this.remind(message) : this.digest(message);
  }

  private send(jobKey: string, chatId: number, view: View) {
    return inCallScope(jobKey, 'own', () =>
      this.deps.telegram.sendMessage(chatId, view.text, messageOptions(view)),
    );
  }

  private async remind(message: ReminderMessage): Promise<void> {
    const { reminders, defaults } = this.deps;
    const remindAt = new Date(message.remindAt);
    const logger = this.deps.logger.child({ task_id: message.taskId, remind_at: message.remindAt });
    const task = await reminders.findTask(message.taskId);
    if (
      !task ||
      task.chatId !== message.chatId ||
      task.status !== 'open' ||
      !task.chat?.active ||
      task.remindAt?.getTime() !== remindAt.getTime()
    ) {
      logger.info('reminder no longer due, not sent');
      return;
    }
    const person = recipientOf(task);
    const settings = effectiveSettings(person ?? NOTHING_CHOSEN, defaults);
    // In a group the reminder names its person, so Telegram notifies them even in a muted chat.
    const mention =
      task.chat.type === 'private' || !person ? null : { userId: person.id, name: person.firstName };
    const view = reminderView(settings.language, task, settings.timeZone, mention);
    await this.send(reminderJobKey(task.id, remindAt), task.chatId, view);
    logger.info('reminder sent');
  }

  private async digest(message: DigestMessage): Promise<void> {
    const { reminders, users, chats, defaults } = this.deps;
    const now = this.now();
    const logger = this.deps.logger.child({ user_id: message.userId, local_date: message.localDate });
    const [user, chat] = await Promise.all([users.findById(message.userId), chats.findById(message.chatId)]);
    if (!user?.digestTime || !chat?.active || chat.id !== user.id) {
      logger.info('digest no longer wanted, not sent');
      return;
    }
    const settings = effectiveSettings(user, defaults);
    // A digest held up past midnight (broker down, retries) would speak of the wrong day.
    if (localDate(now, settings.timeZone) !== message.localDate) {
      logger.info('digest is for a day that is over, not sent');
      return;
    }
    const tasks = await reminders.findDigestTasks(user.id, endOfLocalDay(now, settings.timeZone));
    const view = digestView(
      settings.language,
      message.localDate,
      tasks.flatMap(digestTaskOf),
      now,
      settings.timeZone,
    );
    if (!view) {
      logger.info('nothing for the digest, not sent');
      return;
    }
    await this.send(digestJobKey(user.id, message.localDate), chat.id, view);
    logger.info('digest sent', { tasks: tasks.length });
  }
}

function digestTaskOf(task: Task): DigestTask[] {
  if (!task.dueAt) return [];
  const chatTitle = task.chat && task.chat.type !== 'private' ? task.chat.title : null;
  return [{ title: task.title, dueAt: task.dueAt, chatTitle }];
}
