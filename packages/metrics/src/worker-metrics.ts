import { Counter, Histogram, type Registry } from 'prom-client';

/** Told by a consumer what became of each message (the shape of the consumer's `observer`). */
export interface MessageObserver {
  handled(outcome: string, durationMs: number): void;
  retried(): void;
  deadLettered(): void;
  outageHold(): void;
}

/** What a worker counts of the messages it handles, per kind of work (commands, callbacks, telegram). */
export function createWorkerMetrics(registry: Registry) {
  const registers = [registry];
  const handled = new Counter({
    name: 'taskbot_worker_messages_handled_total',
    help: 'Messages handled, by kind of work and outcome (ok, failed, refused)',
    labelNames: ['kind', 'outcome'],
    registers,
  });
  const duration = new Histogram({
    name: 'taskbot_worker_handler_duration_seconds',
    help: 'Time the handler took for one attempt at a message, by kind of work',
    labelNames: ['kind'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const retries = new Counter({
    name: 'taskbot_worker_retries_total',
    help: 'Failed messages sent to a delay queue for another attempt, by kind of work',
    labelNames: ['kind'],
    registers,
  });
  const deadLettered = new Counter({
    name: 'taskbot_worker_dead_lettered_total',
    help: 'Messages that failed for good and rest in a dead-letter queue, by kind of work',
    labelNames: ['kind'],
    registers,
  });
  const outageHolds = new Counter({
    name: 'taskbot_worker_outage_holds_total',
    help: 'Messages held (no attempt spent) while a dependency was down, by kind of work',
    labelNames: ['kind'],
    registers,
  });
  const failureNotices = new Counter({
    name: 'taskbot_worker_failure_notices_total',
    help: 'Updates that failed for good, by what became of the notice to their person (sent, failed, repeat, throttled, skipped)',
    labelNames: ['outcome'],
    registers,
  });
  return {
    /** One update that failed for good, by what became of its notice to the person. */
    failureNotice: (outcome: string) => failureNotices.inc({ outcome }),
    observer(kind: string): MessageObserver {
      return {
        handled(outcome, durationMs) {
          handled.inc({ kind, outcome });
          duration.observe({ kind }, durationMs / 1000);
        },
        retried: () => retries.inc({ kind }),
        deadLettered: () => deadLettered.inc({ kind }),
        outageHold: () => outageHolds.inc({ kind }),
      };
    },
  };
}
