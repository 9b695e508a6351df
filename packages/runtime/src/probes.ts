import type http from 'node:http';

/** What a service's probes ask of it. */
export interface Probes {
  /** Names of the dependencies that are down; empty when ready. */
  readiness(): Promise<string[]>;
  /** Facts reported in both probes that do not decide readiness (whether Telegram answers). */
  details?(): Record<string, unknown>;
}

export const PROBE_PATHS = ['/healthz', '/readyz'] as const;

/**
 * The one way every service answers its probes, whichever listener carries them (the gateway's
 * public port, a worker's or the ops app's health listener): `GET /healthz` answers 200 while the
 * process runs, `GET /readyz` 200 only when `readiness()` names nothing down (503 otherwise, also
 * when it throws). Both carry `details()`. Returns false, answering nothing, for any other path.
 */
export function answerProbe(probes: Probes, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const path = (req.url ?? '/').split('?')[0];
  const details = () => probes.details?.() ?? {};
  const send = (status: number, body: unknown) => {
    res
      .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify(body));
  };
  if (path === '/healthz') {
    send(200, { status: 'ok', ...details() });
    return true;
  }
  if (path !== '/readyz') return false;
  probes.readiness().then(
    (down) =>
      send(down.length === 0 ? 200 : 503, {
        status: down.length === 0 ? 'ready' : 'not ready',
        down,
        ...details(),
      }),
    (error: unknown) => send(503, { status: 'not ready', down: [String(error)], ...details() }),
  );
  return true;
}
