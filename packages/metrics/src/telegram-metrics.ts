import { Counter, Gauge, type Registry } from 'prom-client';

/** Calls to the Bot API as they were answered (the shape of the Telegram client's `observer`). */
export function createTelegramMetrics(registry: Registry) {
  const registers = [registry];
  const calls = new Counter({
    name: 'taskbot_telegram_api_calls_total',
    help: 'Bot API requests made, by method and answer (200, an error code, or network)',
    labelNames: ['method', 'status'],
    registers,
  });
  const floodWaits = new Counter({
    name: 'taskbot_telegram_flood_waits_total',
    help: "Telegram's 429 answers (retry_after), by method",
    labelNames: ['method'],
    registers,
  });
  const reachable = new Gauge({
    name: 'taskbot_telegram_reachable',
    help: 'Whether the Bot API answered the last call (1) or failed with a 5xx, a reset or a timeout (0); never decides readiness',
    registers,
  });
  const startupCalls = new Gauge({
    name: 'taskbot_telegram_startup_call_failing',
    help: 'Start-up calls to the Bot API (getMe, setMyCommands, setWebhook...) that failed and are retried in the background (1), or done (0)',
    labelNames: ['call'],
    registers,
  });
  return {
    called(method: string, status: string) {
      calls.inc({ method, status });
      if (status === '429') floodWaits.inc({ method });
    },
    reachable(isReachable: boolean) {
      reachable.set(isReachable ? 1 : 0);
    },
    startupCall(call: string, state: 'pending' | 'failing' | 'done') {
      startupCalls.set({ call }, state === 'failing' ? 1 : 0);
    },
  };
}
