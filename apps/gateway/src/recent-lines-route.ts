import type { RecentLines } from '@taskbot/logger/recent-lines';
import type { AdminRoute } from '@taskbot/runtime/admin-server';

/** Path of the gateway's latest warnings and errors on its admin listener, as JSON. */
export const RECENT_LINES_PATH = '/recent-lines';

/**
 * The gateway's latest warnings and errors (already redacted by the logger), for the operations
 * page of the ops app, which runs in another process and asks each gateway for them.
 */
export function recentLinesRoute(recentLines: RecentLines | undefined): AdminRoute {
  return {
    method: 'GET',
    path: RECENT_LINES_PATH,
    handle(_req, res) {
      res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify({ lines: recentLines?.list() ?? [] }));
    },
  };
}
