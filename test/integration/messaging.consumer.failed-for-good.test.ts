import { PermanentError } from '@taskbot/errors/failure';
import { Broker } from '@taskbot/messaging/broker';
import { Consumer, type FailedForGoodContext, type MessageHandler } from '@taskbot/messaging/consumer';
import { messageKey } from '@taskbot/messaging/message-key';
import { Publisher } from '@taskbot/messaging/publisher';
import { topology } from '@taskbot/messaging/topology';
import { memoryLogger, sendToQueue, busUpdate as update, waitFor } from '../support/amqp';
import { deleteTopology, queueDepth } from '../support/broker';
import { uniquePrefix } from '../support/stack';

// The consumer's onFailedForGood: told of each message that failed for good, only once it rests in
// the dead-letter queue and is acked, and never able to disturb the loop.

const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://127.0.0.1';
const RETRY_DELAYS_MS = [50, 100];
const filePrefix = uniquePrefix('msgffg');

interface Told {
  updateId: number;
  error: unknown;
  context: FailedForGoodContext;
  /** Messages in <queue>.dead and in the queue itself when the listener was called. */
  depths: Promise<{ dead: number; queue: number }>;
}

const prefixes: string[] = [];
const running: Array<{ consumer: Consumer; broker: Broker }> = [];

async function startConsumer(label: string, handler: MessageHandler, listener?: (told: Told) => void) {
  const prefix = `${filePrefix}${label}.`;
  prefixes.push(prefix);
  const layout = topology(prefix);
  const { logger, lines } = memoryLogger(`messaging-ffg-test-${process.pid}`);
  const broker = await Broker.connect({ url: RABBITMQ_URL, layout, logger });
  const publisher = await Publisher.create(broker, logger, 3_000);
  const queue = layout.queues.commands;
  const dead = layout.deadQueue(queue);
  const told: Told[] = [];
  const consumer = await Consumer.start(broker, publisher, {
    queue,
    prefetch: 10,
    retryDelaysMs: RETRY_DELAYS_MS,
    handler,
    keyOf: messageKey,
    logger,
    onFailedForGood: (message, error, context) => {
      const entry = {
        updateId: message.kind === 'update' ? message.update.update_id : -1,
        error,
        context,
        depths: Promise.all([queueDepth(dead), queueDepth(queue)]).then(([d, q]) => ({ dead: d, queue: q })),
      };
      told.push(entry);
      listener?.(entry);
    },
  });
  running.push({ consumer, broker });
  return { queue, dead, publisher, consumer, told, lines };
}

afterEach(async () => {
  for (const { consumer, broker } of running.splice(0)) {
    await consumer.stop(2_000);
    await broker.close();
  }
});

afterAll(async () => {
  for (const prefix of prefixes) await deleteTopology(prefix, RETRY_DELAYS_MS);
});

describe("the consumer's onFailedForGood", () => {
  it('is told once, after the last attempt rests in <queue>.dead and is acked, with the last error and the attempts', async () => {
    const attempts: number[] = [];
    const h = await startConsumer('spent', async (_message, context) => {
      attempts.push(context.attempt);
      throw new Error(`database is down (attempt ${context.attempt})`);
    });

    await h.publisher.publishMessage('command', update(1), { sender: 'gateway', messageId: 'upd-1' });
    await waitFor('the listener to be told', () => h.told.length === 1);
    const [told] = h.told;
    const depths = await told?.depths;
    // Stopping closes the channel: a message not acked would go back to the queue.
    await h.consumer.stop();

    expect(attempts).toEqual([1, 2, 3]);
    expect(told?.updateId).toBe(1);
    expect(told?.error).toEqual(new Error('database is down (attempt 3)'));
    expect(told?.context).toMatchObject({ queue: h.queue, attempts: 3, messageId: 'upd-1' });
    expect(depths).toEqual({ dead: 1, queue: 0 });
    expect(await queueDepth(h.queue)).toBe(0);
    expect(h.told).toHaveLength(1);
  });

  it('is told of a permanent failure after its one attempt', async () => {
    const attempts: number[] = [];
    const h = await startConsumer('permanent', async (_message, context) => {
      attempts.push(context.attempt);
      throw new PermanentError('Bad Request: message text is empty');
    });

    await h.publisher.publishMessage('command', update(2), { sender: 'gateway', messageId: 'upd-2' });
    await waitFor('the listener to be told', () => h.told.length === 1);

    expect(attempts).toEqual([1]);
    expect(h.told[0]?.context.attempts).toBe(1);
    expect(h.told[0]?.error).toBeInstanceOf(PermanentError);
    expect(await h.told[0]?.depths).toEqual({ dead: 1, queue: 0 });
  });

  it('is not told of a message handled on its second attempt, nor of one refused as unreadable', async () => {
    const done: number[] = [];
    const h = await startConsumer('not-told', async (message, context) => {
      if (context.attempt === 1) throw new Error('timeout talking to Telegram');
      if (message.kind === 'update') done.push(message.update.update_id);
    });

    await sendToQueue(h.queue, Buffer.from('{"kind":"update", oops'), { messageId: 'bad-1' });
    await h.publisher.publishMessage('command', update(3), { sender: 'gateway', messageId: 'upd-3' });
    await waitFor('the unreadable message in <queue>.dead', async () => (await queueDepth(h.dead)) === 1);
    await waitFor('the second attempt to succeed', () => done.length === 1);
    await h.consumer.stop();

    expect(done).toEqual([3]);
    expect(h.told).toEqual([]);
  });

  it('a listener that throws changes nothing: each message stays dead-lettered and acked, and the next is handled', async () => {
    const handled: number[] = [];
    const h = await startConsumer(
      'throwing',
      async (message) => {
        if (message.kind === 'update') handled.push(message.update.update_id);
        throw new PermanentError('no such task');
      },
      () => {
        throw new Error('the listener is broken');
      },
    );

    for (const id of [4, 5]) {
      await h.publisher.publishMessage('command', update(id), { sender: 'gateway', messageId: `upd-${id}` });
    }
    await waitFor('both messages to be told', () => h.told.length === 2);
    await h.consumer.stop();

    expect(handled).toEqual([4, 5]);
    expect(h.told.map((entry) => entry.updateId)).toEqual([4, 5]);
    expect(await queueDepth(h.dead)).toBe(2);
    expect(await queueDepth(h.queue)).toBe(0);
    const thrown = h.lines.filter((line) => line.includes('the failed-for-good listener threw'));
    expect(thrown).toHaveLength(2);
    expect(JSON.parse(thrown[0] ?? '{}')).toMatchObject({
      level: 'error',
      update_id: 4,
      error: 'Error: the listener is broken',
    });
  });
});
