import http from 'node:http';
import https from 'node:https';
import { TelegramError } from 'telegraf';

// One Bot API call with a JSON body, straight on Node's http client with the client's own
// kept-alive agent. telegraf's callApi builds a node-fetch Request, Headers and body stream for
// every call, parses the URL again and drops the agent for http:// roots; the command worker's
// profile showed about 12 % of its CPU there. Calls that upload files still go through telegraf.

/** A request that got no usable answer: the connection failed, was cut, or the body was not JSON. */
export class BotApiRequestError extends Error {
  override name = 'BotApiRequestError';
  /** The socket's error code (ECONNREFUSED, ECONNRESET...) when there is one. */
  readonly code: string | undefined;

  constructor(message: string, options?: ErrorOptions & { code?: string }) {
    super(message, options);
    this.code = options?.code;
  }
}

/** What telegraf sends as JSON: null and undefined fields left out. */
function withoutNulls(_key: string, value: unknown): unknown {
  return value ?? undefined;
}

/**
 * Whether telegraf would send the payload as multipart (a file to upload): its includesMedia, so
 * the same payloads take the same path as before.
 */
export function includesMedia(payload: object): boolean {
  return Object.entries(payload).some(([key, value]) => {
    if (key === 'link_preview_options') return false;
    if (Array.isArray(value)) {
      return value.some((item: { media?: { source?: unknown; url?: unknown } } | null) => {
        const media = item?.media;
        return !!media && typeof media === 'object' && !!(media.source || media.url);
      });
    }
    if (!value || typeof value !== 'object') return false;
    const file = value as { source?: unknown; url?: unknown; media?: { source?: unknown; url?: unknown } };
    return !!(
      file.source ||
      file.url ||
      (file.media && typeof file.media === 'object' && (file.media.source || file.media.url))
    );
  });
}

export interface BotApiEndpoint {
  /** `<apiRoot>/bot<token>/`: a method's URL is this and its name. */
  base: string;
  /** The same with the token hidden, for error messages. */
  shownBase: string;
  agent: http.Agent;
}

export function botApiEndpoint(apiRoot: string, token: string, agent: http.Agent): BotApiEndpoint {
  const root = apiRoot.endsWith('/') ? apiRoot : `${apiRoot}/`;
  return { base: `${root}bot${token}/`, shownBase: `${root}bot[redacted]/`, agent };
}

/**
 * POSTs the payload as JSON and resolves with the method's result. Telegram's refusal (`ok: false`)
 * and any 5xx become telegraf's TelegramError, as telegraf's own callApi makes them; a failure
 * below the Bot API is a BotApiRequestError carrying the socket's code. `stop` ends the request
 * early with the error it is given (the caller's timeout or abort).
 */
export function postJson<T>(
  endpoint: BotApiEndpoint,
  method: string,
  payload: object,
  onStop: (stop: (error: Error) => void) => void,
): Promise<T> {
  const body = JSON.stringify(payload, withoutNulls);
  const url = endpoint.base + method;
  const client = url.startsWith('https:') ? https : http;
  return new Promise<T>((resolve, reject) => {
    const request = client.request(url, {
      method: 'POST',
      agent: endpoint.agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    let stoppedWith: Error | undefined;
    onStop((error) => {
      stoppedWith ??= error;
      request.destroy(error);
    });
    const failed = (error: Error & { code?: unknown }) => {
      if (stoppedWith) return reject(stoppedWith);
      const code = typeof error.code === 'string' ? error.code : undefined;
      reject(
        new BotApiRequestError(`request to ${endpoint.shownBase}${method} failed, reason: ${error.message}`, {
          cause: error,
          code,
        }),
      );
    };
    request.on('error', failed);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', failed);
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status >= 500) {
          reject(
            new TelegramError(
              { error_code: status, description: response.statusMessage ?? '' },
              { method, payload },
            ),
          );
          return;
        }
        let data: { ok?: boolean; result?: T; error_code?: number; description?: string };
        try {
          data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch (error) {
          failed(new Error(`invalid JSON in the answer (HTTP ${status}): ${(error as Error).message}`));
          return;
        }
        if (data.ok) resolve(data.result as T);
        else
          reject(
            new TelegramError(data as ConstructorParameters<typeof TelegramError>[0], { method, payload }),
          );
      });
    });
    request.end(body);
  });
}
