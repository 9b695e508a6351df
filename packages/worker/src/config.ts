import { databaseEnv, logEnv, rabbitEnv, telegramEnv, workerEnv } from '@taskbot/config/env';
import { z } from 'zod';

const delays = z
  .string()
  .regex(/^\d+(,\d+)*$/, { message: 'must be a comma-separated list of milliseconds, like 5000,30000' })
  .transform((value) => value.split(',').map(Number))
  .refine((values) => values.length <= 10 && values.every((ms) => ms >= 100 && ms <= 86_400_000), {
    message: 'must hold at most 10 delays, each between 100 and 86400000 ms',
  });

export const workerConfigSchema = z.object({
  ...telegramEnv,
  ...databaseEnv,
  ...rabbitEnv,
  ...workerEnv,
  ...logEnv,
  /** Delay before each retry of a failed update; attempts in total = delays + 1. */
  RETRY_DELAYS_MS: delays.default([5_000, 30_000]),
  /** Port of the /healthz and /readyz probes (each worker has its own default; 0 picks a free one). */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
});

export type WorkerConfig = z.output<typeof workerConfigSchema>;
