import { PermanentError } from '@taskbot/errors/failure';
import type { BusMessage } from './bus-message';
import type { JobKind, JobOf } from './job-catalogue';

// A worker's handlers, one per kind of job in the catalogue. The map must name every kind: a
// worker that does not take a kind says so there (notHandledHere), and such a job is refused as a
// permanent failure (to its dead-letter queue) rather than being retried.

export type JobHandler<K extends JobKind, C> = (job: JobOf<K>, context: C) => Promise<void>;

export interface NotHandled {
  /** Why this worker does not take the kind: where such jobs belong. */
  readonly notHandled: string;
}

export type JobHandlers<C> = { [K in JobKind]: JobHandler<K, C> | NotHandled };

export const notHandledHere = (why: string): NotHandled => ({ notHandled: why });

/** One function that runs each job with its kind's handler. */
export function dispatchJobs<C>(handlers: JobHandlers<C>): (job: BusMessage, context: C) => Promise<void> {
  return async (job, context) => {
    const handler = handlers[job.kind] as JobHandler<typeof job.kind, C> | NotHandled;
    if (typeof handler !== 'function') {
      throw new PermanentError(`this worker does not take ${job.kind} jobs: ${handler.notHandled}`);
    }
    await handler(job as never, context);
  };
}
