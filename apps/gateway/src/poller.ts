import { setTimeout } from 'node:timers/promises';
import { ALLOWED_UPDATES } from '@taskbot/domain/updates';
import type { Logger } from '@taskbot/logger/logger';
import type { BackgroundTasks } from '@taskbot/runtime/background-tasks';
import type { Update } from '@telegraf/types';
import type { Telegram } from 'telegraf';
import type { Intake } from './intake';

// telegraf types its signal with the abort-controller polyfill; Node's own AbortSignal is what it uses.
type TelegrafSignal = NonNullable<Parameters<Telegram['callApi']>[2]>['signal'];

/** Waits `ms`, or less when the poller stops. */
const pause = (ms: number, signal: AbortSignal) =>
  setTimeout(ms, undefined, { signal }).catch(() => undefined);

/**
 * Polling mode: long-polls getUpdates and feeds each update, in order, into the same intake as
 * the webhook. The offset moves past an update only after the intake accepted it, so an update
 * the broker could not take is fetched again, never skipped.
 */
export class Poller {
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private offset = 0;

  constructor(
    private readonly telegram: Telegram,
    private readonly intake: Intake,
    private readonly logger: Logger,
    /** Where the webhook is removed, tried until Telegram takes it, without holding the start up. */
    private readonly startup: BackgroundTasks,
    private readonly timeoutSeconds = 25,
  ) {}

  /** Starts polling in the background: Telegram failing, now or later, never ends it. */
  start(): void {
    this.loop = (async () => {
      // Telegram refuses getUpdates while a webhook is set; pending updates are kept.
      const removed = await this.startup.run('deleteWebhook', () =>
        this.telegram.deleteWebhook({ drop_pending_updates: false }),
      );
      if (removed === undefined) return;
      this.logger.info('polling for updates');
      await this.run();
    })();
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    let failures = 0;
    while (!signal.aborted) {
      let updates: Update[];
      try {
        updates = await this.telegram.callApi(
          'getUpdates',
          {
            offset: this.offset,
            timeout: this.timeoutSeconds,
            limit: 100,
            allowed_updates: [...ALLOWED_UPDATES],
          },
          { signal: signal as unknown as TelegrafSignal },
        );
      } catch (error) {
        if (signal.aborted) return;
        // Once when it starts failing and once when it is back: an outage is not a line a second.
        if (failures === 0)
          this.logger.warn('getUpdates failing, retrying', { error: (error as Error).message });
        failures += 1;
        await pause(Math.min(1_000 * failures, 5_000), signal);
        continue;
      }
      if (failures > 0) this.logger.info('getUpdates answers again', { failed_calls: failures });
      failures = 0;
      for (const update of updates) {
        while (!signal.aborted) {
          try {
            await this.intake(update);
            this.offset = update.update_id + 1;
            break;
          } catch (error) {
            this.logger.warn('update not accepted, retrying', {
              update_id: update.update_id,
              error: (error as Error).message,
            });
            await pause(1_000, signal);
          }
        }
      }
    }
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }
}
