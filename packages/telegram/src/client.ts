import http from 'node:http';
import https from 'node:https';
import type { Logger } from '@taskbot/logger/logger';
import type { Redis } from 'ioredis';
import { Telegram } from 'telegraf';
// telegraf's method map (its typegram with telegraf's own InputFile), which the client implements.
import type { Telegram as BotApiMethods, Opts } from 'telegraf/types';
import { type BotApiEndpoint, botApiEndpoint, includesMedia, postJson } from './bot-api-request';
import { callScope } from './call-scope';
import { DEFAULT_FLOOD_LIMITS, FloodControl, type FloodLimits } from './flood-control';
import { repeatAfterFloodWait } from './flood-wait';
import { floodChatOf, hasChatEffect, uploadsStream } from './outgoing-methods';
import { ReplyLedger } from './reply-ledger';
import { isLateAnswer, OutgoingDeferredError } from './telegram-errors';

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
  /** Telegram's flood limits as configured (outgoingEnv); Telegram's own figures by default. */
  limits?: Partial<FloodLimits>;
  /** Longest a call waits in all for the retry_after of Telegram's 429s before it fails (transient). */
  retryAfterBudgetMs?: number;
  /** Told how each request was answered, for metrics. */
  observer?: TelegramCallObserver;
  /**
   * Longest wait for an answer to one request (getUpdates: its long-poll timeout on top). Past it
   * the call fails as a network failure (transient); telegraf's own limit is over eight minutes.
   */
  callTimeoutMs?: number;
}

export interface TelegramCallObserver {
  /** `status`: "200", Telegram's error code ("429", "400", "500"...), or "network". */
  called(method: string, status: string): void;
}

/** Reports how a request was answered, without changing the answer. */
function observed<T>(
  observer: TelegramCallObserver | undefined,
  method: string,
  call: Promise<T>,
): Promise<T> {
  if (!observer) return call;
  return call.then(
    (result) => {
      observer.called(method, '200');
      return result;
    },
    (error: unknown) => {
      // Stopped by its caller (a poll ended at shutdown, a job given up): no word on Telegram.
      if ((error as { name?: unknown } | undefined)?.name === 'AbortError') throw error;
      const code = (error as { code?: unknown } | undefined)?.code;
      observer.called(method, typeof code === 'number' ? String(code) : 'network');
      throw error;
    },
  );
}

/** A request the Bot API did not answer in time; transient, like a reset connection. */
export class TelegramTimeoutError extends Error {
  override name = 'TelegramTimeoutError';
  readonly code = 'ETIMEDOUT';
}

/** What a call stopped by its caller's signal fails with, as node-fetch's abort did. */
function abortError(signal: AbortSignal): Error {
  const error = new Error('The user aborted a request.', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}

/** The job was given up while it ran: another run does the work, so this one sends nothing more. */
const givenUp = (method: string) =>
  new OutgoingDeferredError(`${method} not sent: the job was given up and goes to another run`);

type CallApiOptions = NonNullable<Parameters<Telegram['callApi']>[2]>;

/**
 * The one Bot API client. Every call goes through callApi, which telegraf's own methods use too:
 * inside a job (see call-scope) a call with a chat effect that an earlier run of the job already
 * made is answered from the send-once ledger instead of being sent again; a message into a chat
 * waits for its turn under Telegram's flood limits, shared by all replicas; a 429 is waited out and
 * the call made again, the chat held meanwhile on every replica.
 */
export class TelegramClient extends Telegram {
  /** Where JSON calls go, on the client's own kept-alive agent (postJson). */
  private readonly endpoint: BotApiEndpoint | undefined;

  constructor(
    token: string,
    options: Partial<Telegram['options']>,
    private readonly ledger: ReplyLedger,
    private readonly flood: FloodControl,
    private readonly logger: Logger,
    private readonly retryAfterBudgetMs: number,
    private readonly observer?: TelegramCallObserver,
    private readonly callTimeoutMs = 30_000,
  ) {
    super(token, options);
    const agent = options.agent as http.Agent | undefined;
    this.endpoint = options.apiRoot && agent ? botApiEndpoint(options.apiRoot, token, agent) : undefined;
  }

  /** One request, ended after callTimeoutMs (plus a long poll's own timeout) if nothing answers. */
  private async request<M extends keyof BotApiMethods>(
    method: M,
    payload: Opts<M>,
    options?: CallApiOptions,
  ): Promise<ReturnType<BotApiMethods[M]>> {
    const pollSeconds = (payload as { timeout?: unknown }).timeout;
    const limitMs =
      this.callTimeoutMs +
      (method === 'getUpdates' && typeof pollSeconds === 'number' ? pollSeconds * 1000 : 0);
    // telegraf types the signal with its abort-controller polyfill; at run time it is Node's.
    const callerSignal = options?.signal as AbortSignal | undefined;
    if (!this.endpoint || includesMedia(payload))
      return this.uploadRequest(method, payload, limitMs, options);
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      return await postJson(this.endpoint, method, payload, (stop) => {
        // One timer per call; no AbortSignal.timeout / AbortSignal.any pair made for each.
        timer = setTimeout(
          () => stop(new TelegramTimeoutError(`${method}: no answer from the Bot API within ${limitMs} ms`)),
          limitMs,
        );
        if (!callerSignal) return;
        onAbort = () => stop(abortError(callerSignal));
        if (callerSignal.aborted) onAbort();
        else callerSignal.addEventListener('abort', onAbort, { once: true });
      });
    } finally {
      clearTimeout(timer);
      if (onAbort) callerSignal?.removeEventListener('abort', onAbort);
    }
  }

  /** A call that uploads a file: telegraf builds the multipart body. */
  private async uploadRequest<M extends keyof BotApiMethods>(
    method: M,
    payload: Opts<M>,
    limitMs: number,
    options?: CallApiOptions,
  ): Promise<ReturnType<BotApiMethods[M]>> {
    const timeout = AbortSignal.timeout(limitMs);
    const callerSignal = options?.signal as AbortSignal | undefined;
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
    try {
      return await super.callApi(method, payload, { ...options, signal: signal as CallApiOptions['signal'] });
    } catch (error) {
      if (timeout.aborted && !callerSignal?.aborted) {
        throw new TelegramTimeoutError(`${method}: no answer from the Bot API within ${limitMs} ms`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  override callApi<M extends keyof BotApiMethods>(
    method: M,
    payload: Opts<M>,
    options?: CallApiOptions,
  ): Promise<ReturnType<BotApiMethods[M]>> {
    const scope = callScope.getStore();
    const chat = floodChatOf(method, payload);
    const send = async () => {
      // Outside a job nobody waits for an answer: count the call as the bot's own initiative.
      if (chat !== undefined) await this.flood.acquire(chat, scope?.initiative ?? 'own');
      if (scope?.signal?.aborted) throw givenUp(method);
      return repeatAfterFloodWait(
        () => observed(this.observer, method, this.request(method, payload, options)),
        {
          // A stream sent once is spent: its 429 goes to the job, whose next run makes a new one.
          budgetMs: uploadsStream(payload) ? 0 : this.retryAfterBudgetMs,
          onFloodWait: async (seconds) => {
            if (chat !== undefined) await this.flood.hold(chat, seconds);
          },
          logger: this.logger,
          context: { method, chat_id: chat, job: scope?.key },
          // telegraf types the signal with its abort-controller polyfill; at run time it is Node's.
          signal: options?.signal as AbortSignal | undefined,
        },
      );
    };
    if (scope?.signal?.aborted) return Promise.reject(givenUp(method));
    if (method === 'answerCallbackQuery') return this.answerPress(send);
    if (!scope || !hasChatEffect(method)) return send();
    return this.ledger.once(scope, method, send);
  }

  /**
   * Answers a button press. An answer Telegram no longer takes (it takes one for a few seconds: a
   * retried job, or one held through an outage, comes later) is passed over: taken for the whole
   * job being done, it would mark the job handled without the edit or reply that comes after it.
   */
  private async answerPress<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!isLateAnswer(error)) throw error;
      this.logger.info('a press answered too late for Telegram; going on without the answer', {
        reason: (error as Error).message,
      });
      return true as T;
    }
  }
}

/**
 * The one Bot API client, pointed at TELEGRAM_API_ROOT, with kept-alive connections: one agent for
 * every call of the process (telegraf itself would drop it for an http:// root).
 */
export function createTelegramClient(options: TelegramClientOptions): TelegramClient {
  const isHttps = options.apiRoot.startsWith('https:');
  const agent = isHttps
    ? new https.Agent({ keepAlive: true, maxSockets: 64 })
    : new http.Agent({ keepAlive: true, maxSockets: 64 });
  const { redis, prefix, logger } = options;
  const limits = { ...DEFAULT_FLOOD_LIMITS, ...options.limits };
  return new TelegramClient(
    options.token,
    { apiRoot: options.apiRoot, agent, webhookReply: false },
    new ReplyLedger({ redis, prefix, logger }),
    new FloodControl({ redis, prefix, limits, logger }),
    logger,
    options.retryAfterBudgetMs ?? 60_000,
    options.observer,
    options.callTimeoutMs,
  );
}
