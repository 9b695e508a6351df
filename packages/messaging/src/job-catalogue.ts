import { PermanentError } from '@taskbot/errors/failure';
import type { z } from 'zod';
import {
  type BusMessage,
  digestMessageSchema,
  noticeMessageSchema,
  reminderMessageSchema,
  updateMessageSchema,
} from './bus-message';
import type { RoutingKey } from './topology';

// Every kind of job the bus carries, in one place: its schema (bus-message.ts), the routes it may
// travel (and so its queue: topology.ts's ROUTES), who may send it, how often a failure is retried
// and how long a run may take. The publisher refuses what this does not allow; a worker's handler
// map (job-handlers.ts) is typed from it.

/** Who puts jobs on the bus. */
export type Sender = 'gateway' | 'scheduler';

export interface RetryPolicy {
  /**
   * Delay before each retry; attempts in total = delays + 1. `configured` takes RETRY_DELAYS_MS
   * (5 s then 30 s by default: 3 attempts), so an operator sets every kind's retries at once.
   */
  delaysMs: 'configured' | readonly number[];
}

export interface JobSpec {
  schema: z.ZodType;
  /** The routing keys its senders publish it with (topology.ts's ROUTES: `outgoing` → `telegram`). */
  routes: readonly RoutingKey[];
  senders: readonly Sender[];
  retry: RetryPolicy;
  /**
   * How long a run may take before it is told to stop (its signal aborts: it sends nothing more).
   * It then ends as it ends: a run cut short by that fails and takes the retry path.
   */
  timeoutMs: number;
}

const CONFIGURED: RetryPolicy = { delaysMs: 'configured' };
/** Longer than any run should need: Telegram's call timeout and flood waits (30 s each) included. */
const RUN_TIMEOUT_MS = 120_000;

export const JOBS = {
  /** An update from Telegram, routed by what it is (a command, a button press, anything else). */
  update: {
    schema: updateMessageSchema,
    routes: ['command', 'callback', 'other'],
    senders: ['gateway'],
    retry: CONFIGURED,
    timeoutMs: RUN_TIMEOUT_MS,
  },
  /** The "slow down" notice to a person over the rate limit. */
  notice: {
    schema: noticeMessageSchema,
    routes: ['outgoing'],
    senders: ['gateway'],
    retry: CONFIGURED,
    timeoutMs: RUN_TIMEOUT_MS,
  },
  /** A task's reminder that is due. */
  reminder: {
    schema: reminderMessageSchema,
    routes: ['outgoing'],
    senders: ['scheduler'],
    retry: CONFIGURED,
    timeoutMs: RUN_TIMEOUT_MS,
  },
  /** A person's daily digest. */
  digest: {
    schema: digestMessageSchema,
    routes: ['outgoing'],
    senders: ['scheduler'],
    retry: CONFIGURED,
    timeoutMs: RUN_TIMEOUT_MS,
  },
} as const satisfies { [K in BusMessage['kind']]: JobSpec };

export type JobKind = keyof typeof JOBS;
export type JobOf<K extends JobKind> = Extract<BusMessage, { kind: K }>;

export const JOB_KINDS: readonly JobKind[] = Object.keys(JOBS) as JobKind[];

export function isJobKind(kind: unknown): kind is JobKind {
  return typeof kind === 'string' && Object.hasOwn(JOBS, kind);
}

/** The delays before each retry of this kind of job; `configured` is RETRY_DELAYS_MS. */
export function retryDelaysOf(kind: JobKind, configured: readonly number[]): readonly number[] {
  const { delaysMs } = JOBS[kind].retry;
  return delaysMs === 'configured' ? configured : delaysMs;
}

/** Every delay a retry may wait, so each has its delay queue. */
export function allRetryDelays(configured: readonly number[]): number[] {
  return [...new Set(JOB_KINDS.flatMap((kind) => retryDelaysOf(kind, configured)))];
}

/** A job the catalogue does not allow: refused before anything reaches the broker. */
export class JobRefusedError extends PermanentError {
  override name = 'JobRefusedError';
}

/**
 * Checks a job before it is published: a kind the catalogue knows, a body its schema accepts, a
 * sender it allows and a route it travels. Throws JobRefusedError naming what is wrong; the job is
 * the caller's still (nothing was published).
 */
export function checkJob(job: unknown, sender: Sender, route?: RoutingKey): asserts job is BusMessage {
  const kind = (job as { kind?: unknown } | null)?.kind;
  if (!isJobKind(kind)) {
    throw new JobRefusedError(
      `refused to publish a job of kind ${JSON.stringify(kind)}: the kinds are ${JOB_KINDS.join(', ')}`,
    );
  }
  const spec: JobSpec = JOBS[kind];
  const parsed = spec.schema.safeParse(job);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    throw new JobRefusedError(
      `refused to publish an invalid ${kind} job: ${where} ${issue?.message ?? ''}`.trim(),
    );
  }
  if (!spec.senders.includes(sender)) {
    throw new JobRefusedError(
      `refused to publish a ${kind} job from the ${sender}: only ${spec.senders.join(', ')} may`,
    );
  }
  if (route !== undefined && !spec.routes.includes(route)) {
    throw new JobRefusedError(
      `refused to publish a ${kind} job on the ${route} route: it travels on ${spec.routes.join(', ')}`,
    );
  }
}
