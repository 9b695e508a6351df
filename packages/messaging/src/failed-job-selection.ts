import type { GetMessage } from 'amqplib';
import type { FailedJob } from './failed-job';
import { isPartitionOf, type Topology, type WorkQueue } from './topology';

// Which failed jobs an operator means: by id, or by queue (a work queue, its kind's name or key,
// or one partition). Unknown ids or queues are refused before anything changes.

export class UnknownJobError extends Error {
  override name = 'UnknownJobError';
  constructor(readonly ids: string[]) {
    super(`no failed job with id ${ids.join(', ')}`);
  }
}

export class UnknownQueueError extends Error {
  override name = 'UnknownQueueError';
  constructor(
    readonly queue: string,
    known: string[],
  ) {
    super(`unknown queue "${queue}"; the work queues are ${known.join(', ')}`);
  }
}

/** A dead message taken (not acknowledged) from its queue, and what it is. */
export interface Held {
  job: FailedJob;
  raw: GetMessage;
}

/** Dead-letter queue name → the work-queue kind it belongs to. */
export function deadQueuesOf(layout: Topology): Map<string, { kind: WorkQueue; kindQueue: string }> {
  const queues = new Map<string, { kind: WorkQueue; kindQueue: string }>();
  for (const [kind, kindQueue] of Object.entries(layout.queues) as Array<[WorkQueue, string]>) {
    queues.set(layout.deadQueue(kindQueue), { kind, kindQueue });
  }
  return queues;
}

/** Every held copy of these ids, in queue order; throws UnknownJobError naming all unknown ids. */
export function selectById(held: Held[], ids: string[]): Held[] {
  const wanted = new Set(ids.map((id) => id.trim().toLowerCase()));
  const unknown = [...wanted].filter((id) => !held.some((entry) => entry.job.id === id));
  if (unknown.length > 0) throw new UnknownJobError(unknown);
  return held.filter((entry) => wanted.has(entry.job.id));
}

/** The held jobs of one queue; throws UnknownQueueError for a queue that is not ours. */
export function selectByQueue(held: Held[], queue: string, layout: Topology): Held[] {
  const kinds = [...deadQueuesOf(layout).values()];
  const isKnown =
    kinds.some(
      ({ kind, kindQueue }) => queue === kind || queue === kindQueue || isPartitionOf(queue, kindQueue),
    ) || held.some((entry) => entry.job.queue === queue);
  if (!isKnown) throw new UnknownQueueError(queue, Object.values(layout.queues));
  return held.filter(({ job }) => {
    const kind = kinds.find((entry) => entry.kindQueue === job.kindQueue)?.kind;
    return queue === job.queue || queue === job.kindQueue || queue === kind;
  });
}

/** The held copies grouped by job id (a job can rest in a dead queue more than once). */
export function groupById(held: Held[]): Held[][] {
  const groups = new Map<string, Held[]>();
  for (const entry of held) groups.set(entry.job.id, [...(groups.get(entry.job.id) ?? []), entry]);
  return [...groups.values()];
}
