import type { Recorder } from './figures';
import type { BenchSettings } from './settings';
import type { TimedFakeBotApi } from './timed-fake';

/** What every scenario is given by main. */
export interface BenchContext {
  settings: BenchSettings;
  fake: TimedFakeBotApi;
  apiRoot: string;
  /** The run's fresh database. */
  databaseUrl: string;
  recorder: Recorder;
  /** Observations that go under the table (lost replies, failed requests...). */
  notes: string[];
  /** A new QUEUE_PREFIX / REDIS_PREFIX, removed at the end of the run. */
  newPrefix(label: string): string;
  progress(line: string): void;
}

export const seconds = (s: number): number => s * 1000;
