import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { describeError } from '@taskbot/errors/failure';
import type { Logger } from '@taskbot/logger/logger';
import type { RecentLine } from '@taskbot/logger/recent-lines';
import { type FailedJobs, UnknownJobError } from '@taskbot/messaging/failed-jobs';
import type { AdminRoute } from '@taskbot/runtime/admin-server';
import { MAX_FAILED_SHOWN, type OpsPageData, renderLivePart, renderOpsPage } from './ops-page';
import type { QueueSampler } from './queue-sampler';

export interface OpsRoutesDeps {
  sampler: QueueSampler;
  failedJobs: FailedJobs;
  /** The latest warnings and errors of the gateway and of this app, oldest first. */
  recentLines(): Promise<RecentLine[]>;
  logger: Logger;
}

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

const JOB_ACTION = /^\/failed\/([0-9a-f]{12})\/(retry|forget)$/;

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}

/** The operations page, its live part, and Retry and Forget of a failed job. */
export function opsRoutes(deps: OpsRoutesDeps): AdminRoute[] {
  const pageData = async (): Promise<OpsPageData> => ({
    now: new Date(),
    queues: deps.sampler.stats(),
    history: deps.sampler.history(),
    spanSeconds: deps.sampler.spanSeconds,
    // Only the first page: the page refreshes every few seconds, and a dead-letter queue can be huge.
    failedJobs: await deps.failedJobs
      .firstPage(MAX_FAILED_SHOWN)
      .catch((error: unknown) => ({ error: describeError(error) })),
    recentLines: await deps.recentLines(),
  });
  const page: AdminRoute = {
    method: 'GET',
    path: '/',
    page: true,
    async handle(_req, res) {
      const nonce = randomBytes(16).toString('base64');
      res
        .writeHead(200, {
          ...HTML_HEADERS,
          'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        })
        .end(renderOpsPage(await pageData(), nonce));
    },
  };
  const live: AdminRoute = {
    method: 'GET',
    path: '/live',
    page: true,
    async handle(_req, res) {
      res
        .writeHead(200, { ...HTML_HEADERS, 'content-security-policy': "default-src 'none'" })
        .end(renderLivePart(await pageData()));
    },
  };
  const jobAction: AdminRoute = {
    method: 'POST',
    path: JOB_ACTION,
    async handle(_req, res, [id = '', action]) {
      try {
        if (action === 'retry') {
          const result = await deps.failedJobs.retry([id]);
          const failure = result.failed[0];
          if (failure) {
            sendJson(res, 502, { error: `could not retry ${id} (it stays where it is): ${failure.error}` });
            return;
          }
          const queue = result.retried[0]?.queue ?? '';
          deps.logger.info('failed job retried from the operations page', { job: id, queue });
          sendJson(res, 200, { message: `Retried ${id} on ${queue}.` });
        } else {
          const job = await deps.failedJobs.forget(id);
          deps.logger.info('failed job forgotten from the operations page', {
            job: id,
            queue: job.deadQueue,
          });
          sendJson(res, 200, { message: `Forgot ${id} from ${job.deadQueue}.` });
        }
      } catch (error) {
        if (error instanceof UnknownJobError) {
          sendJson(res, 404, { error: `no failed job with id ${id}; nothing was changed` });
          return;
        }
        throw error;
      }
    },
  };
  return [page, live, jobAction];
}
