import { contextValue, withContextValue } from '@taskbot/logger/logger';

/**
 * The job an outgoing Bot API call belongs to. `key` names the job (`update:123`,
 * `reminder:42:2026-12-01T09:00:00.000Z`) so a job that runs again (redelivery, retry) finds what
 * it already sent; `initiative` says whether the bot answers a person (`reply`) or speaks on its
 * own (`own`: reminders, digests, notices), which counts against the global send limit;
 * `ordinal` counts the job's calls that have an effect in a chat, in the order it makes them.
 */
export interface CallScope {
  key: string;
  initiative: 'reply' | 'own';
  ordinal: number;
  /**
   * Aborted when the job was given up while it ran (its message went back to the queue, so another
   * run will do it): from then on the job sends nothing, and two runs never talk over each other.
   */
  signal?: AbortSignal;
}

export type Initiative = CallScope['initiative'];

const CALL_SCOPE = Symbol('taskbot.callScope');

/** The job of the code running now; kept in the logger's async context, the process's one store. */
export const callScope = {
  getStore: (): CallScope | undefined => contextValue(CALL_SCOPE) as CallScope | undefined,
};

/** Runs `fn` as the job `key`: every Bot API call it makes, however deep, belongs to that job. */
export function inCallScope<T>(key: string, initiative: Initiative, fn: () => T, signal?: AbortSignal): T {
  if (key.length === 0) throw new Error('a call scope needs a non-empty job key');
  // A job started inside another (a scheduled message's handler) is given up together with it.
  const scope: CallScope = { key, initiative, ordinal: 0, signal: signal ?? callScope.getStore()?.signal };
  return withContextValue(CALL_SCOPE, scope, fn);
}
