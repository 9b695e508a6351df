import { setTimeout as sleep } from 'node:timers/promises';
import { describeError, type Failure } from '@taskbot/errors/failure';
import type { Logger } from '@taskbot/logger/logger';

const OUTAGE_BACKOFF_MS = { first: 250, max: 5_000 };
/** In-place tries after connection failures that had healed by the time they were checked. */
const MAX_BLIP_RETRIES = 4;

/**
 * `none`: nothing is down, the failure is the message's own (take the retry path). `over`: try the
 * message again in place, no attempt spent. `abandon`: the channel was lost or handed over while
 * holding; the broker gives the message out again, so it must be left alone.
 */
export type OutageOutcome = 'none' | 'over' | 'abandon';

export interface OutageHoldOptions {
  /** Names what the handlers depend on that is down right now; empty when all is up. */
  dependenciesDown: () => Promise<string[]>;
  logger: Logger;
  /** Told when a message starts being held. */
  onHold?: () => void;
  /** False once the message's channel is no longer ours (closed, or being handed over). */
  stillHeld: () => boolean;
}

/**
 * After a failure that may be an outage (retry-decision.ts's mayBeOutage): if a dependency is down,
 * holds the message until it is back, so an outage neither spends attempts (and dead-letters work)
 * nor sends a chat's message round a delay queue behind its later ones. `blips` counts the
 * in-place tries this message already had after lost connections that had healed.
 */
export async function waitOutOutage(
  options: OutageHoldOptions,
  failure: Failure,
  blips: number,
): Promise<OutageOutcome> {
  const { logger, stillHeld } = options;
  const check = () => options.dependenciesDown().catch((failure: unknown) => [describeError(failure)]);
  let down = await check();
  if (down.length === 0) {
    // A connection that dropped and came back before the check (a restart, a failover): a blip
    // is tried again in place a few times, so it does not send the message round a delay queue.
    if (failure.kind !== 'dependency-down' || blips >= MAX_BLIP_RETRIES) return 'none';
    logger.warn('a connection failed and is back; handling the message again', { error: failure.reason });
    await sleep(OUTAGE_BACKOFF_MS.first * 2 ** blips);
    return stillHeld() ? 'over' : 'abandon';
  }
  options.onHold?.();
  logger.warn('a dependency is down; holding the message until it is back', { down, error: failure.reason });
  let delay = OUTAGE_BACKOFF_MS.first;
  while (stillHeld()) {
    await sleep(delay);
    delay = Math.min(delay * 2, OUTAGE_BACKOFF_MS.max);
    if (!stillHeld()) break;
    down = await check();
    if (down.length === 0) {
      logger.info('dependencies are back; handling the message again');
      return 'over';
    }
  }
  return 'abandon';
}
