import { z } from 'zod';

/** The token services use with the sandbox: any token works there, this one passes their config check. */
export const SANDBOX_TOKEN = '100000001:SANDBOX-local-bot-api-not-a-real-token';

export const DEFAULT_SANDBOX_PORT = 8090;

/**
 * Where the sandbox (apps/sandbox) serves its page and Bot API: read by the sandbox and by
 * `pnpm start`, and checked against compose. Names of their own, so the gateway's PORT in .env does
 * not move it.
 */
export const sandboxConfigSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(DEFAULT_SANDBOX_PORT),
  /** The address to listen on: 127.0.0.1 on a machine, 0.0.0.0 in a container. */
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
});
