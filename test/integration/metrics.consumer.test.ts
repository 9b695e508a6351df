import { Broker } from '@taskbot/messaging/broker';
import type { BusMessage } from '@taskbot/messaging/bus-message';
import { Consumer, type MessageHandler } from '@taskbot/messaging/consumer';
import { messageKey } from '@taskbot/messaging/message-key';
import { Publisher } from '@taskbot/messaging/publisher';
import { topology } from '@taskbot/messaging/topology';
import { createMetricsRegistry, type Registry } from '@taskbot/metrics/registry';
import { createWorkerMetrics } from '@taskbot/metrics/worker-metrics';
import { QueueInspector, watchedQueues } from '@taskbot/ops/queues/queue-inspector';
import { memoryLogger, sendToQueue, waitFor } from '../support/amqp';
import { deleteTopology, queueDepth } from '../support/broker';
import { uniquePrefix } from '../support/stack';

// What a worker's metrics and logs say about the messages it handles, against real RabbitMQ.

const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://127.0.0.1';
const RETRY_DELAYS_MS = [100, 200];
const prefix = uniquePrefix('metricscons');
const layout = topology(prefix);
const queue = layout.queues.commands;

function update(updateId: number, chatId: number, userId: number): BusMessage {
  return {
    kind: 'update',
    update: {
      update_id: updateId,
      message: {
        message_id: updateId,
        date: 1,
        chat: { id: chatId, type: 'private' },
        from: { id: userId, is_bot: false, first_name: 'Dana' },
        text: `/add task ${updateId}`,
      },
    },
    receivedAt: new Date().toISOString(),
  };
}

const sample = async (registry: Registry, line: string) => {
  const text = await registry.metrics();
  return text
    .split('\n')
    .find((row) => row.startsWith(line))
    ?.split(' ')
    .pop();
};

describe('a consumer with an observer', () => {
  let broker: Broker;
  let publisher: Publisher;
  let consumer: Consumer;
  let registry: Registry;
  const { logger, lines } = memoryLogger(`metrics-consumer-test-${process.pid}`);

  beforeAll(async () => {
    broker = await Broker.connect({ url: RABBITMQ_URL, layout, logger });
    publisher = await Publisher.create(broker, logger, 3_000);
    registry = createMetricsRegistry('command-worker');
    const handler: MessageHandler = async (message, context) => {
      context.logger.info('handling');
      logger.info('deep inside the handler');
      if (message.kind === 'update' && message.update.update_id >= 900) throw new Error('Telegram said 500');
    };
    consumer = await Consumer.start(broker, publisher, {
      queue,
      prefetch: 4,
      retryDelaysMs: RETRY_DELAYS_MS,
      handler,
      keyOf: messageKey,
      logger,
      observer: createWorkerMetrics(registry).observer('commands'),
    });
  });

  afterAll(async () => {
    await consumer?.stop(2_000);
    await broker?.close();
    await deleteTopology(prefix, RETRY_DELAYS_MS, 1);
  });

  it('counts handled messages and times them; every line about the update names it', async () => {
    await publisher.publishMessage('command', update(101, 7001, 8001), {
      sender: 'gateway',
      messageId: 'update:101',
    });
    const handled = 'taskbot_worker_messages_handled_total{kind="commands",outcome="ok"';
    await waitFor('the message counted', async () => (await sample(registry, handled)) === '1');
    expect(
      await sample(
        registry,
        'taskbot_worker_handler_duration_seconds_count{service="command-worker",kind="commands"}',
      ),
    ).toBe('1');

    const about = lines.map((line) => JSON.parse(line)).filter((line) => line.update_id === 101);
    const byMessage = (message: string) => about.find((line) => line.message === message);
    for (const message of ['handling', 'deep inside the handler', 'message handled']) {
      expect(byMessage(message)).toMatchObject({
        update_id: 101,
        chat_id: 7001,
        user_id: 8001,
        queue,
        attempt: 1,
      });
    }
    expect(byMessage('message handled')?.duration_ms).toEqual(expect.any(Number));
  });

  it('counts each retry, the dead letter and each failed attempt', async () => {
    await publisher.publishMessage('command', update(901, 7002, 8002), {
      sender: 'gateway',
      messageId: 'update:901',
    });
    await waitFor(
      'the message in the dead-letter queue',
      async () => (await queueDepth(layout.deadQueue(queue))) === 1,
    );
    await waitFor(
      'the dead letter counted',
      async () => (await sample(registry, 'taskbot_worker_dead_lettered_total')) === '1',
    );
    expect(await sample(registry, 'taskbot_worker_retries_total')).toBe('2');
    expect(
      await sample(registry, 'taskbot_worker_messages_handled_total{kind="commands",outcome="failed"'),
    ).toBe('3');
    const failures = lines
      .map((line) => JSON.parse(line))
      .filter((line) => line.update_id === 901 && String(line.message).startsWith('message failed'));
    expect(failures.map((line) => line.attempt)).toEqual([1, 2, 3]);
  });

  it('counts a message it cannot read as refused and dead-lettered', async () => {
    await sendToQueue(queue, Buffer.from('{not json'), { messageId: 'garbage' });
    await waitFor(
      'the refused message dead-lettered',
      async () => (await sample(registry, 'taskbot_worker_dead_lettered_total')) === '2',
    );
    expect(
      await sample(registry, 'taskbot_worker_messages_handled_total{kind="commands",outcome="refused"'),
    ).toBe('1');
  });

  it('reads the depth and consumers of every queue of the layout; a delay queue not made yet is left out', async () => {
    const inspector = await QueueInspector.open(broker);
    try {
      const stats = await inspector.check(watchedQueues(layout, [...RETRY_DELAYS_MS, 12_345]));
      const byName = Object.fromEntries(stats.map((entry) => [entry.name, entry]));
      expect(byName[queue]).toMatchObject({ role: 'work', kind: 'commands', consumers: 1 });
      expect(byName[layout.deadQueue(queue)]).toMatchObject({ role: 'dead', messages: 2, consumers: 0 });
      expect(byName[layout.retryQueue(100)]).toMatchObject({ role: 'retry', messages: 0 });
      expect(byName[layout.retryQueue(12_345)]).toBeUndefined();
      // The channel closed by the missing queue is opened again for the next sample.
      expect(await inspector.check(watchedQueues(layout, []))).toHaveLength(6);
    } finally {
      await inspector.close();
    }
  });
});
