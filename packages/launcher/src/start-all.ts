import { type Launched, type LaunchOptions, launch } from './launch';

export interface Step extends LaunchOptions {
  /** Resolves when the process is ready for the next step (a log line, an answer); none: at once. */
  ready?: (launched: Launched) => Promise<unknown>;
}

/**
 * Starts processes in order: the processes of one step together, and the next step once each of
 * them is ready. When one does not get ready, every process started is killed and the error thrown,
 * so a failed start leaves nothing running.
 */
export async function startAll(steps: ReadonlyArray<Step | readonly Step[]>): Promise<Launched[]> {
  const started: Launched[] = [];
  try {
    for (const step of steps) {
      const together = Array.isArray(step) ? step : [step as Step];
      const launched = together.map((options) => launch(options));
      started.push(...launched);
      await Promise.all(launched.map((each, i) => together[i]?.ready?.(each)));
    }
  } catch (error) {
    await stopAll(started, 'SIGKILL');
    throw error;
  }
  return started;
}

/** Stops them all at once, each with `signal` and its own deadline. */
export async function stopAll(processes: readonly Launched[], signal?: NodeJS.Signals): Promise<void> {
  await Promise.all(processes.map((each) => each.stop(signal)));
}
