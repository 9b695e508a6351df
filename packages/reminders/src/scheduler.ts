import type { User } from '@taskbot/db/entities/User';
import { REMINDER_PAGE_SIZE, type ReminderRepository } from '@taskbot/db/repositories/ReminderRepository';
import { effectiveSettings, NOTHING_CHOSEN, type SettingDefaults } from '@taskbot/domain/effective-settings';
import { endOfLocalDay, isDigestDue, isQuiet, quietHoursOf } from '@taskbot/domain/schedule';
import { localDate } from '@taskbot/domain/time-zone';
import type { Logger } from '@taskbot/logger/logger';
import type { Publisher } from '@taskbot/messaging/publisher';
import { digestJobKey, recipientOf, reminderJobKey } from './own-messages';

export interface SchedulerOptions {
  reminders: ReminderRepository;
  publisher: Pick<Publisher, 'publishMessage'>;
  logger: Logger;
  /** SCHEDULER_INTERVAL_MS: the pause between the end of one tick and the start of the next. */
  intervalMs: number;
  /** DEFAULT_TIME_ZONE and DEFAULT_REMINDER_LEAD_MINUTES, for people who did not choose theirs. */
  defaults: SettingDefaults;
  /** The clock; tests move it instead of waiting. */
  now?: () => Date;
}

export interface TickReport {
  /** Reminders handed to the broker and claimed by this tick. */
  reminders: number;
  /** Reminders due but held for their person's quiet hours; they stay due. */
  held: number;
  digests: number;
}

/**
 * Finds the reminders and digests that are due and hands each to the broker (the `outgoing` route,
 * the command worker's `telegram` queue), then claims it with a conditional write. Publish first,
 * claim second: a crash or a lost database between the two sends the message again on the next
 * tick, and the send side drops the repeat (send-once by job key), whereas the other order could
 * lose a reminder for good. Every replica runs a scheduler; they may publish the same reminder
 * twice, and that is harmless for the same reason.
 *
 * Ticks never overlap: the next one is planned when the last one ended. A failed tick (database or
 * broker down) is logged and the next one tries again.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private started = false;
  /** Set by stop(): no tick is planned any more, and the one in progress ends at its next item. */
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Starts ticking at once, then every `intervalMs` after the previous tick ended. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    this.plan(0);
  }

  /** Stops planning ticks and waits for the one in progress, which stops at its next item. */
  async stop(): Promise<void> {
    this.started = false;
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private plan(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.plan(this.options.intervalMs);
      });
    }, delayMs);
  }

  /** One pass over what is due now. Failures are logged, never thrown: the next tick tries again. */
  async tick(): Promise<TickReport> {
    const now = this.now();
    const report: TickReport = { reminders: 0, held: 0, digests: 0 };
    await this.guard('reminders', () => this.sendReminders(now, report));
    await this.guard('digests', () => this.sendDigests(now, report));
    if (report.reminders + report.held + report.digests > 0) {
      this.options.logger.info('scheduler tick', { ...report });
    }
    return report;
  }

  private async guard(part: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.options.logger.warn('scheduler tick failed, trying again next tick', {
        part,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private async sendReminders(now: Date, report: TickReport): Promise<void> {
    const { reminders, publisher, defaults } = this.options;
    for (let afterId = 0; !this.stopped; ) {
      const due = await reminders.findDue(now, afterId);
      for (const task of due) {
        if (this.stopped) return;
        afterId = task.id;
        const remindAt = task.remindAt;
        if (!remindAt) continue;
        const settings = effectiveSettings(recipientOf(task) ?? NOTHING_CHOSEN, defaults);
        if (isQuiet(now, quietHoursOf(settings.quietStart, settings.quietEnd), settings.timeZone)) {
          report.held += 1;
          continue;
        }
        await publisher.publishMessage(
          'outgoing',
          { kind: 'reminder', taskId: task.id, chatId: task.chatId, remindAt: remindAt.toISOString() },
          { sender: 'scheduler', messageId: reminderJobKey(task.id, remindAt) },
        );
        if (await reminders.markReminded(task.id, remindAt, now)) report.reminders += 1;
      }
      if (due.length < REMINDER_PAGE_SIZE) return;
    }
  }

  private async sendDigests(now: Date, report: TickReport): Promise<void> {
    const { reminders } = this.options;
    for (let afterId = 0; !this.stopped; ) {
      const readers = await reminders.findDigestReaders(afterId);
      for (const user of readers) {
        if (this.stopped) return;
        afterId = user.id;
        if (await this.sendDigest(user, now)) report.digests += 1;
      }
      if (readers.length < REMINDER_PAGE_SIZE) return;
    }
  }

  /** Publishes the person's digest when it is due and has something to say; true when published. */
  private async sendDigest(user: User, now: Date): Promise<boolean> {
    const { reminders, publisher, defaults } = this.options;
    const { timeZone, digestTime } = effectiveSettings(user, defaults);
    if (!isDigestDue(now, digestTime, user.lastDigestOn, timeZone)) return false;
    const date = localDate(now, timeZone);
    const [anyTask] = await reminders.findDigestTasks(user.id, endOfLocalDay(now, timeZone), 1);
    if (anyTask) {
      await publisher.publishMessage(
        'outgoing',
        { kind: 'digest', userId: user.id, chatId: user.id, localDate: date },
        { sender: 'scheduler', messageId: digestJobKey(user.id, date) },
      );
    }
    // Also when there was nothing to say: the day is done, and it is not looked at again until tomorrow.
    await reminders.markDigestSent(user.id, date);
    return anyTask !== undefined;
  }
}
