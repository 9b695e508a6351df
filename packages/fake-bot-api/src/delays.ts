import { StoppedError } from './stopped-error';

/** Timers for late answers, all cancellable at once so a stopping fake leaves no timer behind. */
export class Delays {
  private readonly pending = new Set<() => void>();

  wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const cancel = (): void => {
        clearTimeout(timer);
        this.pending.delete(cancel);
        reject(new StoppedError());
      };
      const timer = setTimeout(() => {
        this.pending.delete(cancel);
        resolve();
      }, ms);
      this.pending.add(cancel);
    });
  }

  cancelAll(): void {
    for (const cancel of [...this.pending]) cancel();
  }
}
