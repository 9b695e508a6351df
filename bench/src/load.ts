import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

// A small load generator on undici: a pool of kept-alive connections to one server, driven either
// closed-loop (N workers, each sends its next request when the last one is done) or open-loop
// (requests started at a fixed rate, whatever the answers do).

export interface Sent {
  status: number;
  /** From the start of the request to the end of the answer. */
  ms: number;
  startedAt: number;
}

export class Poster {
  private readonly pool: Pool;

  constructor(
    origin: string,
    connections: number,
    private readonly path: string,
    private readonly headers: Record<string, string>,
  ) {
    this.pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  }

  /** POSTs `body`; a failed connection answers status 0 instead of throwing. */
  async post(body: string): Promise<Sent> {
    const startedAt = performance.now();
    try {
      const response = await this.pool.request({
        method: 'POST',
        path: this.path,
        headers: { 'content-type': 'application/json', ...this.headers },
        body,
      });
      await response.body.dump();
      return { status: response.statusCode, ms: performance.now() - startedAt, startedAt };
    } catch {
      return { status: 0, ms: performance.now() - startedAt, startedAt };
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export interface LoopOptions {
  workers: number;
  /** Stops starting new steps after this long... */
  durationMs?: number;
  /** ...or after this many steps, whichever comes first. */
  total?: number;
}

/** Runs `step(i)` in `workers` parallel loops; resolves the elapsed milliseconds and steps done. */
export async function closedLoop(
  options: LoopOptions,
  step: (index: number) => Promise<void>,
): Promise<{ elapsedMs: number; steps: number }> {
  const started = performance.now();
  const deadline = options.durationMs === undefined ? Number.POSITIVE_INFINITY : started + options.durationMs;
  const total = options.total ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(deadline) && !Number.isFinite(total))
    throw new Error('a loop needs a duration or a total');
  let next = 0;
  const loop = async () => {
    while (next < total && performance.now() < deadline) {
      const index = next;
      next += 1;
      await step(index);
    }
  };
  await Promise.all(Array.from({ length: options.workers }, loop));
  return { elapsedMs: performance.now() - started, steps: next };
}

/** Starts `step(i)` at `ratePerSecond` for `durationMs`; resolves once every step has finished. */
export async function openLoop(
  ratePerSecond: number,
  durationMs: number,
  step: (index: number) => Promise<void>,
): Promise<{ elapsedMs: number; steps: number }> {
  const started = performance.now();
  const count = Math.floor((ratePerSecond * durationMs) / 1000);
  const running: Promise<void>[] = [];
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(count, Math.floor(((performance.now() - started) * ratePerSecond) / 1000) + 1);
      while (next < due) {
        running.push(step(next));
        next += 1;
      }
      if (next >= count) resolve();
      else setTimeout(tick, 2);
    };
    tick();
  });
  await Promise.all(running);
  return { elapsedMs: performance.now() - started, steps: count };
}
