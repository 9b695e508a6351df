import { createGatewayMetrics } from './gateway-metrics';
import { createMetricsRegistry } from './registry';
import { createTelegramMetrics } from './telegram-metrics';
import { createWorkerMetrics } from './worker-metrics';

describe('a service registry', () => {
  it('labels every metric with the service and includes the process metrics', async () => {
    const registry = createMetricsRegistry('gateway');
    const gateway = createGatewayMetrics(registry);
    gateway.received();
    gateway.published('command');
    gateway.published('callback');
    gateway.rejected('secret');
    gateway.ignored('poll');
    const text = await registry.metrics();
    expect(text).toContain('taskbot_gateway_updates_received_total{service="gateway"} 1');
    expect(text).toContain('taskbot_gateway_updates_published_total{route="command",service="gateway"} 1');
    expect(text).toContain('taskbot_gateway_updates_rejected_total{reason="secret",service="gateway"} 1');
    expect(text).toContain('taskbot_gateway_updates_ignored_total{kind="poll",service="gateway"} 1');
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(await gateway.publishedTotal()).toBe(2);
  });

  it('keeps two services in one process apart', async () => {
    const one = createMetricsRegistry('command-worker');
    const two = createMetricsRegistry('callback-worker');
    createWorkerMetrics(one).observer('commands').retried();
    createWorkerMetrics(two);
    expect(await one.metrics()).toContain(
      'taskbot_worker_retries_total{kind="commands",service="command-worker"} 1',
    );
    expect(await two.metrics()).not.toContain('kind="commands"');
  });
});

describe('worker metrics', () => {
  it('count outcomes by kind and time each attempt in seconds', async () => {
    const registry = createMetricsRegistry('command-worker');
    const observer = createWorkerMetrics(registry).observer('commands');
    observer.handled('ok', 120);
    observer.handled('failed', 3_000);
    observer.deadLettered();
    observer.outageHold();
    const text = await registry.metrics();
    expect(text).toContain(
      'taskbot_worker_messages_handled_total{kind="commands",outcome="ok",service="command-worker"} 1',
    );
    expect(text).toContain(
      'taskbot_worker_messages_handled_total{kind="commands",outcome="failed",service="command-worker"} 1',
    );
    expect(text).toContain(
      'taskbot_worker_handler_duration_seconds_bucket{le="0.25",service="command-worker",kind="commands"} 1',
    );
    expect(text).toContain(
      'taskbot_worker_handler_duration_seconds_count{service="command-worker",kind="commands"} 2',
    );
    expect(text).toContain('taskbot_worker_dead_lettered_total{kind="commands",service="command-worker"} 1');
    expect(text).toContain('taskbot_worker_outage_holds_total{kind="commands",service="command-worker"} 1');
  });
});

describe('Telegram metrics', () => {
  it('count calls by method and answer, and 429s apart', async () => {
    const registry = createMetricsRegistry('callback-worker');
    const telegram = createTelegramMetrics(registry);
    telegram.called('sendMessage', '200');
    telegram.called('sendMessage', '429');
    telegram.called('getMe', 'network');
    const text = await registry.metrics();
    expect(text).toContain(
      'taskbot_telegram_api_calls_total{method="sendMessage",status="200",service="callback-worker"} 1',
    );
    expect(text).toContain(
      'taskbot_telegram_api_calls_total{method="getMe",status="network",service="callback-worker"} 1',
    );
    expect(text).toContain(
      'taskbot_telegram_flood_waits_total{method="sendMessage",service="callback-worker"} 1',
    );
  });
});
