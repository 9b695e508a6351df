import type { TelegramUpdate } from '@taskbot/domain/updates';
import type { Logger } from '@taskbot/logger/logger';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import type { Intake } from './intake';
import { describeInvalidUpdate, incomingUpdateSchema } from './update-schema';
import { secretMatches } from './webhook-secret';

export interface ServerDeps {
  logger: Logger;
  intake: Intake;
  /** Undefined in polling mode: the webhook route is then not served. */
  webhookSecret: string | undefined;
  bodyLimitBytes: number;
  /** Names of the dependencies that are down; empty when ready. */
  readiness(): Promise<string[]>;
}

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** The gateway's HTTP app, without listen(), so tests drive it directly. */
export function createServer(deps: ServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const down = await deps.readiness();
    res
      .status(down.length === 0 ? 200 : 503)
      .json({ status: down.length === 0 ? 'ready' : 'not ready', down });
  });

  if (deps.webhookSecret) {
    const secret = deps.webhookSecret;
    app.post(
      '/telegram/webhook',
      (req, res, next) => {
        // Checked before the body is read: a caller without the secret costs us no parsing.
        if (!secretMatches(secret, req.get(SECRET_HEADER))) {
          res.status(401).json({ error: 'wrong or missing secret token' });
          return;
        }
        next();
      },
      express.json({ limit: deps.bodyLimitBytes, strict: true, type: () => true }),
      (req: Request, res: Response) => handleWebhook(deps, req, res),
    );
  }

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });

  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status === 413) {
      res.status(413).json({ error: 'body too large' });
    } else if (status === 400) {
      res.status(400).json({ error: 'body is not valid JSON' });
    } else {
      deps.logger.error('request failed', { error });
      res.status(500).json({ error: 'internal error' });
    }
  };
  app.use(onError);
  return app;
}

async function handleWebhook(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  const parsed = incomingUpdateSchema.safeParse(req.body);
  if (!parsed.success) {
    res.status(400).json({ error: describeInvalidUpdate(parsed.error) });
    return;
  }
  const update = parsed.data as TelegramUpdate;
  try {
    const result = await deps.intake(update);
    res.status(200).json({ ok: true, result });
  } catch (error) {
    // Not safely in RabbitMQ: Telegram must deliver it again.
    deps.logger.warn('update not accepted, asking Telegram to redeliver', {
      update_id: update.update_id,
      error: error instanceof Error ? error.message : String(error),
    });
    res.status(503).json({ error: 'temporarily unavailable' });
  }
}
