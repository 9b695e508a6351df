import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookAnswered } from '@taskbot/metrics/gateway-metrics';
import type { Update } from '@telegraf/types';
import type { IntakeResult } from './intake';
import { isPlain, readPlainJson } from './json-body';
import type { ServerDeps } from './server';
import { parseIncomingUpdate } from './update-schema';

// The webhook's usual request served straight on Node's http, outside Express: Telegram's POST to
// the exact path, with the right secret and a plain UTF-8 JSON body (json-body.ts isPlain). Express's
// router, its request and response prototypes and its helpers were about a tenth of the gateway's
// CPU per request. Anything else (another path or method, a wrong secret, another body encoding)
// goes to the Express app, whose webhook route answers it as before; the answers here are the ones
// that route gives (server.ts onError, handleWebhook).

export const WEBHOOK_PATH = '/telegram/webhook';
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Writes an answer; the HTTP status and the JSON body's bytes. */
export type Answer = (status: number, body: Buffer) => void;

const JSON_TYPE = 'application/json; charset=utf-8';

/** `{"error": message}` as res.status(status).json() would send it. */
export const errorBody = (message: string): Buffer => Buffer.from(JSON.stringify({ error: message }));

/** The answer on a plain response, as Express's res.status().json() writes it. */
export function answerOn(res: ServerResponse, status: number, body: Buffer): void {
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': body.length });
  res.end(body);
}

/** The 200 bodies, one per result, made once: `{"ok":true,"result":"published"}` and so on. */
const ACCEPTED_BODIES: Record<IntakeResult, Buffer> = {
  published: Buffer.from('{"ok":true,"result":"published"}'),
  limited: Buffer.from('{"ok":true,"result":"limited"}'),
  ignored: Buffer.from('{"ok":true,"result":"ignored"}'),
};
const UNAVAILABLE = errorBody('temporarily unavailable');
const TOO_LARGE = errorBody('body too large');
const NOT_JSON = errorBody('body is not valid JSON');

/**
 * The parsed body as an update, taken in: 400 when it is not one, 200 once the intake has it, 503
 * when RabbitMQ could not take it (Telegram delivers it again). `raw` (the body's bytes, when
 * JSON.parse of them gives `body`) lets the intake publish them as they came.
 */
export async function handleUpdate(
  deps: ServerDeps,
  body: unknown,
  answer: Answer,
  raw?: Buffer,
): Promise<void> {
  const parsed = parseIncomingUpdate(body);
  if (!parsed.ok) {
    deps.onRejected?.('invalid_update');
    answer(400, errorBody(parsed.reason));
    return;
  }
  // The schema conforms to Telegram's Update type (SCHEMA_CONFORMS_TO_TELEGRAM in update-schema.ts).
  const update = parsed.update as unknown as Update;
  try {
    // The bytes only stand for the update when no copy was made of it (zod's copies may differ).
    answer(200, ACCEPTED_BODIES[await deps.intake(update, parsed.update === body ? raw : undefined)]);
  } catch (error) {
    // Not safely in RabbitMQ: Telegram must deliver it again.
    deps.logger.warn('update not accepted, asking Telegram to redeliver', {
      update_id: update.update_id,
      error: error instanceof Error ? error.message : String(error),
    });
    answer(503, UNAVAILABLE);
  }
}

/**
 * The request listener: the usual webhook request served here, everything else by `app`.
 * `answered` observes each answer's time by status (written to the socket, as 'finish' would say).
 */
export function webhookFirst(
  deps: ServerDeps,
  secretMatches: (received: string | undefined) => boolean,
  answered: WebhookAnswered | undefined,
  app: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = deps.bodyLimitBytes;
  return (req, res) => {
    const header = req.headers[SECRET_HEADER];
    if (
      req.method !== 'POST' ||
      req.url !== WEBHOOK_PATH ||
      !isPlain(req, limit) ||
      // Node joins a repeated header into one string; an array never comes for this name.
      !secretMatches(typeof header === 'string' ? header : undefined)
    ) {
      app(req, res);
      return;
    }
    const started = answered ? performance.now() : 0;
    const answer: Answer = (status, body) => {
      answerOn(res, status, body);
      answered?.(status, (performance.now() - started) / 1_000);
    };
    readPlainJson(req, limit, (error, body, raw) => {
      if (!error) {
        handleUpdate(deps, body, answer, raw).catch((failure: unknown) => {
          deps.logger.error('request failed', { error: failure });
          answer(500, errorBody('internal error'));
        });
      } else if (error.status === 413) {
        deps.onRejected?.('body_too_large');
        answer(413, TOO_LARGE);
      } else {
        deps.onRejected?.('invalid_json');
        answer(400, NOT_JSON);
      }
    });
  };
}
