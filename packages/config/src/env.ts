import { z } from 'zod';

// The variables, grouped by the part of the system that needs them. Each service builds its own
// schema from the groups it uses, so a worker does not demand the gateway's port and vice versa.

const url = (schemes: string[], example: string) =>
  z
    .string()
    .refine((value) => schemes.some((scheme) => value.startsWith(`${scheme}://`)), {
      message: `must be a URL like ${example}`,
    })
    .refine((value) => URL.canParse(value), { message: `is not a valid URL (example: ${example})` });

export const logLevels = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;

export const telegramEnv = {
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d{3,}:[A-Za-z0-9_-]{30,}$/, {
    message: 'must be the token BotFather gave, like 123456:ABC-DEF...',
  }),
  TELEGRAM_API_ROOT: url(['http', 'https'], 'https://api.telegram.org').default('https://api.telegram.org'),
  /**
   * Longest wait for the Bot API to answer one call; past it the call counts as failed and is
   * tried again later (a long poll waits its own timeout on top).
   */
  TELEGRAM_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
};

export const databaseEnv = {
  DATABASE_URL: url(['postgres', 'postgresql', 'mysql', 'mariadb'], 'postgres://user:pass@host:5432/db'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
};

export const rabbitEnv = {
  RABBITMQ_URL: url(['amqp', 'amqps'], 'amqp://guest:guest@127.0.0.1:5672').default(
    'amqp://guest:guest@127.0.0.1:5672',
  ),
  /** Prepended to every exchange and queue name, so several deployments can share one broker. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]*$/, { message: 'may hold only letters, digits, "_", "." and "-"' })
    .default(''),
  /**
   * Queues each kind of work is split into, by chat; gateway and workers must agree. More
   * partitions let more worker replicas share the work (one active consumer per partition).
   * Changing it on a running system: drain the queues first.
   */
  QUEUE_PARTITIONS: z.coerce.number().int().min(1).max(256).default(8),
};

export const redisEnv = {
  REDIS_URL: url(['redis', 'rediss'], 'redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
  /** Prepended to every Redis key. */
  REDIS_PREFIX: z.string().default('taskbot:'),
};

/** Telegram's flood limits on what the bot sends, shared by every replica through Redis. */
export const outgoingEnv = {
  /** Messages a second into one chat (Telegram allows about 1). */
  TELEGRAM_CHAT_RATE_PER_SECOND: z.coerce.number().int().min(1).max(1_000).default(1),
  /** Messages a minute into one group or channel (Telegram allows 20). */
  TELEGRAM_GROUP_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(60_000).default(20),
  /** Messages a second overall before the bot's own (reminders, digests, notices) wait (about 30). */
  TELEGRAM_GLOBAL_RATE_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Longest a message waits for its turn; past it the job fails as transient and is retried later. */
  TELEGRAM_MAX_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
};

const delays = z
  .string()
  .regex(/^\d+(,\d+)*$/, { message: 'must be a comma-separated list of milliseconds, like 5000,30000' })
  .transform((value) => value.split(',').map(Number))
  .refine((values) => values.length <= 10 && values.every((ms) => ms >= 100 && ms <= 86_400_000), {
    message: 'must hold at most 10 delays, each between 100 and 86400000 ms',
  });

/** The workers retry with these delays; the gateway watches the delay queues they make. */
export const retryEnv = {
  /** Delay before each retry of a failed update; attempts in total = delays + 1. */
  RETRY_DELAYS_MS: delays.default([5_000, 30_000]),
};

export const workerEnv = {
  /**
   * Messages of one kind of work a worker holds unacknowledged at once, shared out over its
   * partitions (at least one each); updates of one chat still run one at a time.
   */
  WORKER_PREFETCH: z.coerce.number().int().min(1).max(1000).default(128),
};

/** JSON lines for machines, one readable line per event for people; auto: pretty on a terminal. */
export const logFormats = ['auto', 'json', 'pretty'] as const;

export const logEnv = {
  LOG_LEVEL: z.enum(logLevels).default('info'),
  LOG_FORMAT: z.enum(logFormats).default('auto'),
  /** Also write the log lines to this file (rotated at 10 MB, 5 files kept), like the old telegram.log. */
  LOG_FILE: z.string().min(1).optional(),
};

/**
 * The admin listener of every service: GET /metrics (and, in apps/ops, the operations page).
 * Without ADMIN_TOKEN it listens on 127.0.0.1 only; with it, on every interface, and each request
 * must carry the token.
 */
export const adminEnv = {
  /** Each service has its own default (gateway 9090, command worker 9091, callback worker 9092); 0 picks a free one. */
  ADMIN_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  ADMIN_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,256}$/, {
      message: 'must be 16 to 256 printable characters without spaces (generate one: openssl rand -hex 32)',
    })
    .optional(),
};

export const httpEnv = {
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
};

/** What `pnpm db:migrate` needs. */
export const databaseConfigSchema = z.object(databaseEnv);
