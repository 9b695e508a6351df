import { adminEnv, logEnv, rabbitEnv, retryEnv } from '@taskbot/config/env';
import { z } from 'zod';

/** The operations page's settings: the broker it watches, its listeners, and the gateway it asks. */
export const opsConfigSchema = z
  .object({
    ...rabbitEnv,
    /** The workers' retry delays: the page watches their delay queues. */
    ...retryEnv,
    ...logEnv,
    /** The page, its live part, its job actions and /metrics (default 9093), behind ADMIN_TOKEN. */
    ...adminEnv,
    /** Port of the /healthz and /readyz probes, without a token (default 8083; 0 picks a free one). */
    HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(8083),
    /** How often the page samples the queues for its charts (it keeps 120 samples). */
    OPS_SAMPLE_INTERVAL_MS: z.coerce.number().int().min(200).max(60_000).default(5_000),
    /**
     * The gateway's admin listener, where the page reads the updates published (its throughput
     * in) and the gateway's latest warnings and errors. Every address the host name resolves to
     * is asked, so a headless Service reaches every gateway replica. Asked with ADMIN_TOKEN.
     */
    OPS_GATEWAY_ADMIN_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL like http://127.0.0.1:9090' })
      .default('http://127.0.0.1:9090'),
  })
  .superRefine((config, ctx) => {
    const url = new URL(config.OPS_GATEWAY_ADMIN_URL);
    if (url.username || url.password || url.pathname !== '/' || url.search) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPS_GATEWAY_ADMIN_URL'],
        message:
          'must be only scheme, host and port, like http://gateway:9090 (the token comes from ADMIN_TOKEN)',
      });
    }
  });

export type OpsConfig = z.output<typeof opsConfigSchema>;
