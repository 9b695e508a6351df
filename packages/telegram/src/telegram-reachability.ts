import type { Logger } from '@taskbot/logger/logger';
import type { TelegramCallObserver } from './client';

/** How often at most the Bot API is asked again (getMe) while it seems unreachable. */
const PROBE_INTERVAL_MS = 1_000;

/**
 * Whether the Bot API answers, as the last call found it: any answer from Telegram itself (a
 * result, or a refusal such as 400, 403, 404 or 429) means it is there; a 5xx, an HTML error page,
 * a reset or a timeout means it is not. Known from the calls the service makes anyway, and checked
 * with getMe only while it looks unreachable.
 *
 * It never takes a service out of readiness: it is reported in the probes and the metrics, and the
 * consumer holds messages in hand while Telegram is down instead of spending their attempts.
 */
export class TelegramReachability implements TelegramCallObserver {
  private reachable: boolean | undefined;
  private probing: Promise<boolean> | undefined;
  private lastProbeAt = 0;
  private lastProbeFoundDown = false;

  constructor(
    private readonly logger: Logger,
    /** Told of every call, as the client's observer would be (the metrics). */
    private readonly next?: TelegramCallObserver,
    /** Told when the state changes (a gauge). */
    private readonly onChange?: (reachable: boolean) => void,
  ) {}

  called(method: string, status: string): void {
    this.next?.called(method, status);
    this.set(!(status === 'network' || Number(status) >= 500), method, status);
  }

  /** true or false once a call was answered or failed; undefined before the first. */
  get isReachable(): boolean | undefined {
    return this.reachable;
  }

  /**
   * True when Telegram is unreachable now. While the last call failed, asks again with `probe` (at
   * most once a second, shared by concurrent askers; in between, the last probe's finding stands).
   * A probe that succeeds while calls keep failing means the failure is the call's, not Telegram's:
   * those take the retry path instead of waiting for an outage to end.
   */
  async isDown(probe: () => Promise<unknown>): Promise<boolean> {
    if (this.reachable !== false) return false;
    if (this.probing) return this.probing;
    if (Date.now() - this.lastProbeAt < PROBE_INTERVAL_MS) return this.lastProbeFoundDown;
    this.lastProbeAt = Date.now();
    const probing = probe().then(
      () => false,
      () => true,
    );
    this.probing = probing;
    const down = await probing;
    this.lastProbeFoundDown = down;
    this.probing = undefined;
    return down;
  }

  private set(reachable: boolean, method: string, status: string): void {
    if (this.reachable === reachable) return;
    const before = this.reachable;
    this.reachable = reachable;
    this.onChange?.(reachable);
    if (!reachable) {
      this.logger.warn('Telegram unreachable; work that needs it waits until it is back', { method, status });
    } else if (before === false) {
      this.logger.info('Telegram reachable again', { method, status });
    }
  }
}
