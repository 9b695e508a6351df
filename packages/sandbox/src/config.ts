import { z } from 'zod';
import { DEFAULT_SANDBOX_PORT } from './sandbox-server';

/** What the sandbox on its own (`node dist/main.js`, the compose service) reads. */
export const sandboxConfigSchema = z.object({
  /** The port of the page and the Bot API. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(DEFAULT_SANDBOX_PORT),
  /** The address to listen on: 127.0.0.1 on a machine, 0.0.0.0 in a container. */
  HOST: z.string().min(1).default('127.0.0.1'),
});
