import { createMetricsRegistry } from '@taskbot/metrics/registry';
import { createQueueGauges } from './queue-gauges';

describe('queue gauges', () => {
  it('show the last sample of each queue', async () => {
    const registry = createMetricsRegistry('gateway');
    const gauges = createQueueGauges(registry);
    const queue = { name: 'telegram-commands.dead', role: 'dead' as const, kind: 'commands' as const };
    gauges.set([{ ...queue, messages: 4, consumers: 0 }]);
    gauges.set([{ ...queue, messages: 2, consumers: 0 }]);
    expect(await registry.metrics()).toContain(
      'taskbot_queue_messages{queue="telegram-commands.dead",role="dead",service="gateway"} 2',
    );
  });
});
