import http from 'node:http';
import https from 'node:https';
import type { Logger } from '@taskbot/logger/logger';
import type { Redis } from 'ioredis';
import { Telegram } from 'telegraf';
import type { Telegram as BotApiMethods, Opts, UserFromGetMe } from 'telegraf/types';
import { callScope } from './call-scope';
import { hasChatEffect } from './outgoing-methods';
import { ReplyLedger } from './reply-ledger';

export interface TelegramClientOptions {
  token: string;
  apiRoot: string;
  /**
   * Shared by every replica: send-once records and flood limits. Create it with
   * `enableOfflineQueue: false`, so calls fail fast rather than wait while Redis is down.
   */
  redis: Redis;
  /** REDIS_PREFIX: prepended to every Redis key. */
  prefix: string;
  logger: Logger;
}

type CallApiOptions = NonNullable<Parameters<Telegram['callApi']>[2]>;

/**
 * The one Bot API client. Every call goes through callApi, which telegraf's own methods use too;
 * inside a job (see call-scope) a call with a chat effect that an earlier run of the job already
 * made is answered from the send-once ledger instead of being sent again.
 */
export class TelegramClient extends Telegram {
  constructor(
    token: string,
    options: Partial<Telegram['options']>,
    private readonly ledger: ReplyLedger,
  ) {
    super(token, options);
  }

  override callApi<M extends keyof BotApiMethods>(
    method: M,
    payload: Opts<M>,
    options?: CallApiOptions,
  ): Promise<ReturnType<BotApiMethods[M]>> {
    const send = () => super.callApi(method, payload, options);
    const scope = callScope.getStore();
    if (!scope || !hasChatEffect(method)) return send();
    return this.ledger.once(scope, method, send);
  }
}

/** The one Bot API client, pointed at TELEGRAM_API_ROOT, with kept-alive connections. */
export function createTelegramClient(options: TelegramClientOptions): TelegramClient {
  const isHttps = options.apiRoot.startsWith('https:');
  const agent = isHttps
    ? new https.Agent({ keepAlive: true, maxSockets: 64 })
    : new http.Agent({ keepAlive: true, maxSockets: 64 });
  const ledger = new ReplyLedger({ redis: options.redis, prefix: options.prefix, logger: options.logger });
  return new TelegramClient(options.token, { apiRoot: options.apiRoot, agent, webhookReply: false }, ledger);
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
