import { adminEnv, httpEnv, logEnv, rabbitEnv, redisEnv, telegramEnv } from '@taskbot/config/env';
import { z } from 'zod';
import { trustProxySetting } from './trust-proxy';
import { weakSecretReason } from './webhook-secret';

export const gatewayConfigSchema = z
  .object({
    ...telegramEnv,
    ...rabbitEnv,
    ...redisEnv,
    ...httpEnv,
    ...logEnv,
    ...adminEnv,
    /** webhook: Telegram POSTs to us; polling: we long-poll getUpdates (no public address needed). */
    TELEGRAM_MODE: z.enum(['webhook', 'polling']).default('webhook'),
    /** The secret_token Telegram sends in X-Telegram-Bot-Api-Secret-Token (1-256 of A-Z a-z 0-9 _ -). */
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, {
        message: 'must be 1 to 256 characters of A-Z, a-z, 0-9, "_" and "-"',
      })
      .optional(),
    /** When set in webhook mode, the gateway registers this public HTTPS URL with Telegram at start. */
    TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https$/, error: 'must be a public https:// URL' }).optional(),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
    WEBHOOK_BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).max(10_485_760).default(1_048_576),
    /**
     * Requests with a wrong or missing secret one address may make in a minute before it gets 429
     * (for 5 minutes). Requests with the right secret are never counted.
     */
    BAD_SECRET_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
    /**
     * Which proxies in front of the gateway to believe about the client's address
     * (X-Forwarded-For): `false` (none, the default), a number of hops (`1` behind one ingress),
     * or a comma-separated list of addresses, subnets (10.0.0.0/8) and `loopback`, `linklocal`,
     * `uniquelocal`. `true` believes any caller, so anyone could pick the address they are limited by.
     */
    TRUST_PROXY: trustProxySetting.default(false),
  })
  .superRefine((config, ctx) => {
    if (config.TELEGRAM_MODE === 'webhook' && !config.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'is required when TELEGRAM_MODE=webhook (generate one: openssl rand -hex 32)',
      });
      return;
    }
    const weakness =
      config.TELEGRAM_MODE === 'webhook' && config.TELEGRAM_WEBHOOK_SECRET
        ? weakSecretReason(config.TELEGRAM_WEBHOOK_SECRET)
        : undefined;
    if (weakness) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: `${weakness} in webhook mode (generate one: openssl rand -hex 32)`,
      });
    }
  });

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
