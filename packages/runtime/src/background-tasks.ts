import type { Logger } from '@taskbot/logger/logger';
import { retryWithBackoff } from './retry';

export type BackgroundTaskState = 'pending' | 'failing' | 'done';

/** Told each time a task changes state, for metrics; it must not throw. */
export type BackgroundTaskObserver = (name: string, state: BackgroundTaskState) => void;

export interface BackgroundTaskStatus {
  name: string;
  state: Exclude<BackgroundTaskState, 'done'>;
  attempts: number;
  lastError?: string;
}

export interface BackgroundTasksOptions {
  logger: Logger;
  observer?: BackgroundTaskObserver;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Work a service does at start that must succeed some day but must never hold the start up or end
 * the process: the calls to Telegram (getMe, setMyCommands, setWebhook...), which answers errors,
 * HTML pages, resets and silence during its incidents. Each task is tried until it succeeds, with
 * capped exponential backoff and jitter, and logged once per change of state (failing, then done
 * after failures), not once per attempt, so an outage of hours is two log lines.
 */
export class BackgroundTasks {
  private readonly abort = new AbortController();
  private readonly unfinished = new Map<string, BackgroundTaskStatus>();

  constructor(private readonly options: BackgroundTasksOptions) {}

  /** Runs `task` until it succeeds; resolves its result, or undefined if stop() came first. */
  async run<T>(name: string, task: () => Promise<T>): Promise<T | undefined> {
    const { logger, observer } = this.options;
    const status: BackgroundTaskStatus = { name, state: 'pending', attempts: 0 };
    this.unfinished.set(name, status);
    observer?.(name, 'pending');
    try {
      const result = await retryWithBackoff(
        () => {
          status.attempts += 1;
          return task();
        },
        {
          attempts: Number.POSITIVE_INFINITY,
          firstDelayMs: this.options.firstDelayMs ?? 500,
          maxDelayMs: this.options.maxDelayMs ?? 10_000,
          jitter: true,
          signal: this.abort.signal,
          onRetry: (_attempt, error, delayMs) => {
            status.lastError = describe(error);
            if (status.state === 'failing') return;
            status.state = 'failing';
            observer?.(name, 'failing');
            logger.warn('start-up call failing; retrying in the background', {
              call: name,
              error: status.lastError,
              retry_in_ms: delayMs,
            });
          },
        },
      );
      if (status.state === 'failing') {
        logger.info('start-up call succeeded after failures', { call: name, attempts: status.attempts });
      }
      observer?.(name, 'done');
      return result;
    } catch (error) {
      if (this.abort.signal.aborted) return undefined;
      throw error;
    } finally {
      this.unfinished.delete(name);
    }
  }

  /** The tasks not done yet, for the health probes. */
  get pending(): BackgroundTaskStatus[] {
    return [...this.unfinished.values()].map((status) => ({ ...status }));
  }

  /** Ends every task's retries; each run() resolves undefined. */
  stop(): void {
    this.abort.abort();
  }
}
