import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@taskbot/logger/logger';
import {
  type RejectReason,
  type WebhookAnswered,
  webhookAnswerTimer,
} from '@taskbot/metrics/gateway-metrics';
import type { Registry } from '@taskbot/metrics/registry';
import { answerProbe } from '@taskbot/runtime/probes';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import type { BadSecretLimiter } from './bad-secret-limiter';
import type { Intake } from './intake';
import { webhookJson } from './json-body';
import type { TrustProxy } from './trust-proxy';
import { answerOn, handleUpdate, SECRET_HEADER, WEBHOOK_PATH, webhookFirst } from './webhook-route';
import { secretMatcher } from './webhook-secret';

export interface ServerDeps {
  logger: Logger;
  intake: Intake;
  /** Undefined in polling mode: the webhook route is then not served. */
  webhookSecret: string | undefined;
  bodyLimitBytes: number;
  /** Limits requests with a wrong or missing secret per address; none when undefined. */
  badSecretLimiter?: BadSecretLimiter;
  /** Express `trust proxy`: whose X-Forwarded-For names the client (TRUST_PROXY); false by default. */
  trustProxy?: TrustProxy;
  /** Names of the dependencies that are down; empty when ready. */
  readiness(): Promise<string[]>;
  /** Facts reported in both probes that do not decide readiness (whether Telegram answers). */
  details?(): Record<string, unknown>;
  /** Told of every request refused, by reason (metrics). */
  onRejected?(reason: RejectReason): void;
  /**
   * Where the webhook's answer times are observed. The registry is served on the admin listener
   * only: this port, open to Telegram, has no /metrics.
   */
  metrics?: Registry;
}

export { SECRET_HEADER };

/** A request listener for http.createServer (or supertest). */
export type HttpApp = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The gateway's HTTP app, without listen(), so tests drive it directly: the usual webhook request
 * straight on Node's http (webhook-route.ts), everything else through Express.
 */
export function createServer(deps: ServerDeps): HttpApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', deps.trustProxy ?? false);

  // The webhook first: it is what nearly every request asks for.
  const secretMatches = deps.webhookSecret ? secretMatcher(deps.webhookSecret) : undefined;
  const answered = deps.metrics ? webhookAnswerTimer(deps.metrics) : undefined;
  if (secretMatches) {
    app.post(
      WEBHOOK_PATH,
      (req, res, next) => {
        if (answered) timeAnswer(res, answered);
        // Checked before the body is read: a caller without the secret costs us no parsing. Only
        // failures reach the limiter, so Telegram's own requests are never counted or slowed.
        if (secretMatches(req.get(SECRET_HEADER))) next();
        else refuseWithoutSecret(deps, req, res).catch(next);
      },
      // Telegram's plain UTF-8 JSON read directly; anything else through express.json (json-body.ts).
      webhookJson(
        deps.bodyLimitBytes,
        express.json({ limit: deps.bodyLimitBytes, strict: true, type: () => true }),
      ),
      (req: Request, res: Response) =>
        handleUpdate(deps, req.body, (status, body) => answerOn(res, status, body)),
    );
  }

  // The probes as every service answers them (runtime's probes); nothing else but the webhook here.
  app.get(['/healthz', '/readyz'], (req, res) => {
    answerProbe(deps, req, res);
  });

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });

  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status === 413) {
      deps.onRejected?.('body_too_large');
      res.status(413).json({ error: 'body too large' });
    } else if (status === 415) {
      deps.onRejected?.('invalid_json');
      res.status(415).json({ error: 'body must be JSON in UTF-8, without content encoding' });
    } else if (status >= 400 && status < 500) {
      deps.onRejected?.('invalid_json');
      res.status(400).json({ error: 'body is not valid JSON' });
    } else {
      deps.logger.error('request failed', { error });
      res.status(500).json({ error: 'internal error' });
    }
  };
  app.use(onError);
  return secretMatches ? webhookFirst(deps, secretMatches, answered, app) : app;
}

/**
 * Observes the time from now to the answer written ('finish': handed to the operating system), by
 * status. What the hot path pays: two clock reads and one listener per request.
 */
function timeAnswer(res: Response, answered: WebhookAnswered): void {
  const started = performance.now();
  res.on('finish', () => answered(res.statusCode, (performance.now() - started) / 1_000));
}

async function refuseWithoutSecret(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  deps.onRejected?.('secret');
  const decision = await refuseBadSecret(deps, req.ip ?? req.socket.remoteAddress ?? 'unknown');
  if (decision.blocked) {
    res.set('retry-after', String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))));
    res.status(429).json({ error: 'too many requests with a wrong secret token' });
    return;
  }
  res.status(401).json({ error: 'wrong or missing secret token' });
}

async function refuseBadSecret(deps: ServerDeps, address: string) {
  deps.logger.debug('webhook request with a wrong or missing secret', { address });
  if (!deps.badSecretLimiter) return { blocked: false } as const;
  try {
    return await deps.badSecretLimiter.failed(address);
  } catch (error) {
    // The limiter is a shield, not a gate: when it fails the caller still gets its 401.
    deps.logger.warn('bad-secret limiter failed', { error: (error as Error).message });
    return { blocked: false } as const;
  }
}
