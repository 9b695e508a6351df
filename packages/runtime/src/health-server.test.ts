import { startHealthServer } from './health-server';

describe('the health listener', () => {
  it('answers alive always and ready only when nothing is down', async () => {
    let down: string[] = ['rabbitmq'];
    const server = await startHealthServer(0, async () => down);
    const base = `http://127.0.0.1:${server.port}`;
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const notReady = await fetch(`${base}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({ status: 'not ready', down: ['rabbitmq'] });
      down = [];
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      expect((await fetch(`${base}/other`)).status).toBe(404);
      expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it('reports Telegram beside readiness without letting it decide', async () => {
    const server = await startHealthServer(
      0,
      async () => [],
      () => ({ telegram: { reachable: false, waiting_for: ['getMe'] } }),
    );
    const base = `http://127.0.0.1:${server.port}`;
    try {
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ready',
        down: [],
        telegram: { reachable: false, waiting_for: ['getMe'] },
      });
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({
        status: 'ok',
        telegram: { reachable: false, waiting_for: ['getMe'] },
      });
    } finally {
      await server.close();
    }
  });
});
