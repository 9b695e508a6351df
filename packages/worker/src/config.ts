import {
  adminEnv,
  databaseEnv,
  logEnv,
  outgoingEnv,
  rabbitEnv,
  redisEnv,
  retryEnv,
  telegramEnv,
  workerEnv,
} from '@taskbot/config/env';
import { z } from 'zod';

/** An IANA time zone name that this Node.js runtime knows, like Europe/Moscow. */
const timeZone = z.string().refine(
  (value) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone name, like UTC or Europe/Moscow' },
);

export const workerConfigSchema = z.object({
  ...telegramEnv,
  ...databaseEnv,
  ...rabbitEnv,
  ...redisEnv,
  ...outgoingEnv,
  ...workerEnv,
  ...logEnv,
  ...adminEnv,
  ...retryEnv,
  /** Port of the /healthz and /readyz probes (each worker has its own default; 0 picks a free one). */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** How often a worker beats into the member list and rebalances the partitions it is active on. */
  PARTITION_BALANCE_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  /** The time zone of users who did not choose one in /settings. */
  DEFAULT_TIME_ZONE: timeZone.default('UTC'),
  /** Minutes before the due time to remind users who did not choose a lead time (at most a week). */
  DEFAULT_REMINDER_LEAD_MINUTES: z.coerce.number().int().min(0).max(10_080).default(15),
  /** Pause between two passes of the command worker's scheduler over due reminders and digests. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  /** Seconds a chat admin status from getChatMember is cached; a demoted admin keeps rights this long. */
  ADMIN_STATUS_CACHE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
});

export type WorkerConfig = z.output<typeof workerConfigSchema>;
