import { ConfigError } from '@taskbot/config/load-config';
import { SANDBOX_TOKEN, sandboxConfigSchema } from '@taskbot/config/sandbox';

/** The token line of .env.example: someone who copied the file has not set a token of their own. */
export const EXAMPLE_TOKEN = '123456789:replace-with-the-token-from-botfather';

export type LaunchPlan =
  | { mode: 'telegram' }
  | { mode: 'sandbox'; reason: string; port: number; host: string };

/**
 * What `pnpm start` runs: the services against Telegram when a bot token is set, else against the
 * local sandbox. Reads the environment with .env applied (see readEnv); throws on a bad SANDBOX_PORT.
 */
export function planLaunch(env: NodeJS.ProcessEnv): LaunchPlan {
  const token = env.TELEGRAM_BOT_TOKEN?.trim() ?? '';
  if (token !== '' && token !== EXAMPLE_TOKEN) return { mode: 'telegram' };
  const place = sandboxConfigSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')),
  );
  if (!place.success) {
    const issue = place.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue?.path.join('.')} ${issue?.message}`);
  }
  return {
    mode: 'sandbox',
    reason:
      token === ''
        ? 'TELEGRAM_BOT_TOKEN is not set'
        : 'TELEGRAM_BOT_TOKEN is the placeholder from .env.example',
    port: place.data.SANDBOX_PORT,
    host: place.data.SANDBOX_HOST,
  };
}

/** The settings that point every service at the sandbox; they win over .env. */
export function sandboxServiceEnv(apiRoot: string): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: SANDBOX_TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    // The gateway long-polls the sandbox: no public address, no webhook.
    TELEGRAM_MODE: 'polling',
    TELEGRAM_WEBHOOK_URL: '',
  };
}

/**
 * LOG_FORMAT for the services: readable lines when `pnpm start` runs in a terminal, JSON when its
 * output goes to a file or a pipe, decided once here for all of them.
 * A LOG_FORMAT set in the environment or .env wins, and is passed on from .env too: the services'
 * logger reads it from their environment. A bad value is passed on for the services to refuse.
 */
export function serviceLogEnv(env: NodeJS.ProcessEnv, terminal: boolean): Record<string, string> {
  const chosen = env.LOG_FORMAT?.trim() ?? '';
  if (chosen !== '' && chosen !== 'auto') return { LOG_FORMAT: chosen };
  return terminal ? { LOG_FORMAT: 'pretty' } : {};
}
