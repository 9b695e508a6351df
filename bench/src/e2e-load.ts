import { closedLoop, openLoop, type Poster } from './load';
import { percentile } from './stats';
import type { TimedFakeBotApi } from './timed-fake';
import { mixedUpdate } from './updates';

// Load that follows each update to its reply at the fake Bot API.

/** Longest an update may take to its reply before it counts as lost. */
const REPLY_TIMEOUT_MS = 60_000;

export interface EndToEndResult {
  sent: number;
  /** Not answered 200 by the webhook. */
  refused: number;
  /** The webhook's answers other than 200, by status (0: no answer, the connection failed). */
  refusals: Record<string, number>;
  replied: number;
  lost: number;
  /** From the first POST to the last reply. */
  elapsedMs: number;
  /** POST to reply, per replied update. */
  latenciesMs: number[];
  /** POST to the webhook's answer. */
  acksMs: number[];
  ackElapsedMs: number;
}

const emptyResult = (): EndToEndResult => ({
  sent: 0,
  refused: 0,
  refusals: {},
  replied: 0,
  lost: 0,
  elapsedMs: 0,
  latenciesMs: [],
  acksMs: [],
  ackElapsedMs: 0,
});

/** Sends one update and follows it; resolves once the reply came (or not). */
async function oneUpdate(
  fake: TimedFakeBotApi,
  poster: Poster,
  index: number,
  chats: number,
  result: EndToEndResult,
  acked?: () => void,
): Promise<number> {
  const { chatId, body } = mixedUpdate(index, chats);
  const reply = fake.nextReply(chatId, REPLY_TIMEOUT_MS);
  const sent = await poster.post(body);
  result.sent += 1;
  result.acksMs.push(sent.ms);
  acked?.();
  if (sent.status !== 200) {
    result.refused += 1;
    result.refusals[sent.status] = (result.refusals[sent.status] ?? 0) + 1;
    fake.cancelReply(chatId);
    return Number.NaN;
  }
  const at = await reply;
  if (Number.isNaN(at)) result.lost += 1;
  else {
    result.replied += 1;
    result.latenciesMs.push(at - sent.startedAt);
  }
  return at;
}

/** `workers` people at once, each sending the next update when the last one was answered. */
export async function closedLoopToReply(
  fake: TimedFakeBotApi,
  poster: Poster,
  options: { workers: number; durationMs: number; chats: number; offset: number },
): Promise<EndToEndResult> {
  const result = emptyResult();
  const loop = await closedLoop({ workers: options.workers, durationMs: options.durationMs }, async (i) => {
    await oneUpdate(fake, poster, options.offset + i, options.chats, result);
  });
  result.elapsedMs = loop.elapsedMs;
  result.ackElapsedMs = loop.elapsedMs;
  return result;
}

/** Updates started at a fixed rate, each followed to its reply. */
export async function fixedRateToReply(
  fake: TimedFakeBotApi,
  poster: Poster,
  options: { ratePerSecond: number; durationMs: number; chats: number; offset: number },
): Promise<EndToEndResult> {
  const result = emptyResult();
  const loop = await openLoop(options.ratePerSecond, options.durationMs, async (i) => {
    await oneUpdate(fake, poster, options.offset + i, options.chats, result);
  });
  result.elapsedMs = loop.elapsedMs;
  return result;
}

/**
 * A batch of `total` updates through `connections` webhook connections as fast as the webhook
 * answers; resolves when every reply came. Throughput handled = total / time to the last reply.
 */
export async function batchToReply(
  fake: TimedFakeBotApi,
  poster: Poster,
  options: { connections: number; total: number; chats: number; offset: number },
): Promise<EndToEndResult> {
  const result = emptyResult();
  const started = performance.now();
  const followed: Promise<number>[] = [];
  const loop = await closedLoop({ workers: options.connections, total: options.total }, (i) => {
    // The connection is free again once the webhook answered; the reply is followed meanwhile.
    return new Promise<void>((acked) => {
      followed.push(oneUpdate(fake, poster, options.offset + i, options.chats, result, acked));
    });
  });
  const replies = await Promise.all(followed);
  result.ackElapsedMs = loop.elapsedMs;
  result.elapsedMs = Math.max(...replies.filter(Number.isFinite), started) - started;
  return result;
}

/** "12 refused (503: 12)" or "" when none was. */
export function refusalText(result: EndToEndResult): string {
  if (result.refused === 0) return '';
  const byStatus = Object.entries(result.refusals).map(([status, n]) => `${status}: ${n}`);
  return `${result.refused} refused (${byStatus.join(', ')})`;
}

export const p50 = (values: number[]) => percentile(values, 50);
export const p99 = (values: number[]) => percentile(values, 99);

/** Replies a second over the run: what the system sustained. */
export const throughput = (result: EndToEndResult): number => (result.replied * 1000) / result.elapsedMs;
