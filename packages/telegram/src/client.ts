import http from 'node:http';
import https from 'node:https';
import { Telegram } from 'telegraf';
import type { UserFromGetMe } from 'telegraf/types';

export interface TelegramClientOptions {
  token: string;
  apiRoot: string;
}

/** The one Bot API client: telegraf's, pointed at TELEGRAM_API_ROOT, with kept-alive connections. */
export function createTelegramClient(options: TelegramClientOptions): Telegram {
  const isHttps = options.apiRoot.startsWith('https:');
  const agent = isHttps
    ? new https.Agent({ keepAlive: true, maxSockets: 64 })
    : new http.Agent({ keepAlive: true, maxSockets: 64 });
  return new Telegram(options.token, { apiRoot: options.apiRoot, agent, webhookReply: false });
}

/** Asks Telegram who the bot is, retrying while the API is unreachable (at start only). */
export async function fetchBotInfo(telegram: Telegram, attempts = 10): Promise<UserFromGetMe> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      return await telegram.getMe();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(200 * 2 ** attempt, 5_000)));
    }
  }
  throw lastError;
}
