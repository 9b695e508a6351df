/**
 * Counts the messages being handled, so a drain can wait for the last one to finish before it
 * closes the channel: closing earlier would hand a chat's message to another worker while this
 * one still works on it.
 */
export class InFlight {
  private count = 0;
  private readonly idleWaiters: Array<() => void> = [];

  start(): void {
    this.count += 1;
  }

  finish(): void {
    this.count -= 1;
    if (this.count === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves once nothing is in flight, or after `timeoutMs`, whichever comes first. */
  async idle(timeoutMs: number): Promise<void> {
    if (this.count === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }
}
