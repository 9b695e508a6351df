import { httpEnv, logEnv, rabbitEnv, redisEnv, telegramEnv } from '@taskbot/config/env';
import { z } from 'zod';

export const gatewayConfigSchema = z
  .object({
    ...telegramEnv,
    ...rabbitEnv,
    ...redisEnv,
    ...httpEnv,
    ...logEnv,
    /** webhook: Telegram POSTs to us; polling: we long-poll getUpdates (no public address needed). */
    TELEGRAM_MODE: z.enum(['webhook', 'polling']).default('webhook'),
    /** The secret_token Telegram sends in X-Telegram-Bot-Api-Secret-Token (1-256 of A-Z a-z 0-9 _ -). */
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, {
        message: 'must be 16 to 256 characters of A-Z, a-z, 0-9, "_" and "-"',
      })
      .optional(),
    /** When set in webhook mode, the gateway registers this public HTTPS URL with Telegram at start. */
    TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https$/, error: 'must be a public https:// URL' }).optional(),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
    WEBHOOK_BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).max(10_485_760).default(1_048_576),
  })
  .superRefine((config, ctx) => {
    if (config.TELEGRAM_MODE === 'webhook' && !config.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'is required when TELEGRAM_MODE=webhook (generate one: openssl rand -hex 32)',
      });
    }
  });

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
