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
import { DEFAULT_EXPORT_MAX_FILE_BYTES, TELEGRAM_MAX_UPLOAD_BYTES } from '@taskbot/domain/export-task';
import { canonicalTimeZone, isValidTimeZone } from '@taskbot/domain/time-zone';
import { z } from 'zod';

/** An IANA time zone name that this Node.js runtime knows, like Europe/Moscow (any case). */
const timeZone = z
  .string()
  .refine(isValidTimeZone, { message: 'must be an IANA time zone name, like UTC or Europe/Moscow' })
  .transform((value) => canonicalTimeZone(value) ?? value);

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
  /**
   * The bot's @username, as BotFather shows it. Set, the worker needs no answer from Telegram
   * before it takes updates; unset, it asks getMe (and waits, without taking updates, while
   * Telegram does not answer). Commands in groups are told apart by it (/tasks@thisbot).
   */
  TELEGRAM_BOT_USERNAME: z
    .string()
    .transform((value) => value.replace(/^@/, ''))
    .pipe(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, {
        message: "must be the bot's username, like my_tasks_bot (5 to 32 letters, digits or _)",
      }),
    )
    .optional(),
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
  /**
   * Seconds during which a person (and a group) gets at most one "that did not work" notice for
   * updates that failed for good; 0 sends none. At most a day.
   */
  FAILURE_NOTICE_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /**
   * Largest file /export sends, in bytes; an export that would be larger is refused with a message
   * saying so. Telegram takes files of up to 50 MB from a bot.
   */
  EXPORT_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1_024, { message: 'must be at least 1024 bytes' })
    .max(TELEGRAM_MAX_UPLOAD_BYTES, {
      message: `must be at most ${TELEGRAM_MAX_UPLOAD_BYTES} bytes (Telegram takes files of up to 50 MB from a bot)`,
    })
    .default(DEFAULT_EXPORT_MAX_FILE_BYTES),
});

export type WorkerConfig = z.output<typeof workerConfigSchema>;
