import { Counter, type Registry } from 'prom-client';

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
  return {
    called(method: string, status: string) {
      calls.inc({ method, status });
      if (status === '429') floodWaits.inc({ method });
    },
  };
}
