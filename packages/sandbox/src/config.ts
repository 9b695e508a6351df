import { z } from 'zod';
import { DEFAULT_SANDBOX_PORT } from './sandbox-server';

/**
 * Where the sandbox serves its page and Bot API: read by `pnpm start` and by the sandbox on its own
 * (`node dist/main.js`, the compose service). Names of their own, so the gateway's PORT in .env
 * does not move it.
 */
export const sandboxConfigSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(DEFAULT_SANDBOX_PORT),
  /** The address to listen on: 127.0.0.1 on a machine, 0.0.0.0 in a container. */
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
});
