import { Broker } from '@taskbot/messaging/broker';
import type { BusMessage } from '@taskbot/messaging/bus-message';
import { Consumer } from '@taskbot/messaging/consumer';
import { BrokerUnavailableError } from '@taskbot/messaging/errors';
import { Publisher } from '@taskbot/messaging/publisher';
import { type Topology, topology } from '@taskbot/messaging/topology';
import {
  connectionPidsNamed,
  consumerCount,
  dropConnectionsNamed,
  gate,
  memoryLogger,
  waitFor,
} from '../support/amqp';
import { deleteTopology, queueDepth } from '../support/broker';
import { uniquePrefix } from '../support/stack';

// A broker restart, as the client sees it: the server closes the connection (CONNECTION_FORCED).
// Only this file's connection is closed (found by its connection_name), so the RabbitMQ server and
// everyone else's connections stay up.

const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://127.0.0.1';
const RETRY_DELAYS_MS = [100, 200];
const prefix = uniquePrefix('msgrec');
const layout: Topology = topology(prefix);
const queue = layout.queues.commands;
const service = `messaging-recovery-test-${process.pid}-${Date.now().toString(36)}`;
const { logger, lines } = memoryLogger(service);

const handled: Array<{ id: number; attempt: number }> = [];
let holdFirstDelivery: ReturnType<typeof gate> | undefined;
let broker: Broker;
let publisher: Publisher;
let consumer: Consumer;

function update(updateId: number): BusMessage {
  return {
    kind: 'update',
    update: { update_id: updateId, message: { message_id: updateId, chat: { id: 42, type: 'private' } } },
    receivedAt: new Date().toISOString(),
  };
}

const timesHandled = (id: number) => handled.filter((entry) => entry.id === id).length;
const logged = (message: string) => lines.filter((line) => line.includes(`"message":"${message}"`)).length;

async function simulateBrokerRestart(): Promise<void> {
  const lostBefore = logged('broker connection lost');
  expect(await dropConnectionsNamed(service)).toBe(1);
  await waitFor(
    'the broker to notice the dropped connection',
    () => logged('broker connection lost') > lostBefore,
  );
}

/**
 * Runs `action` as soon as the broker reports itself disconnected. It watches from before the drop,
 * because the reconnect (at least amqplib's first 160 ms delay) may finish before rabbitmqctl exits.
 */
function whenDisconnected<T>(action: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const timer = setInterval(() => {
      if (!broker.isConnected) {
        clearInterval(timer);
        action().then(resolve, reject);
      } else if (Date.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`the broker did not disconnect within ${timeoutMs} ms`));
      }
    }, 2);
  });
}

async function waitUntilRecovered(): Promise<void> {
  await waitFor(
    'the broker, publisher and consumer to be back',
    () => broker.isConnected && publisher.isReady && consumer.isConsuming,
    15_000,
  );
}

beforeAll(async () => {
  broker = await Broker.connect({ url: RABBITMQ_URL, layout, logger });
  publisher = await Publisher.create(broker, logger, 3_000);
  consumer = await Consumer.start(broker, publisher, {
    queue,
    prefetch: 5,
    retryDelaysMs: RETRY_DELAYS_MS,
    handler: async (message, context) => {
      const id = message.kind === 'update' ? message.update.update_id : -1;
      const hold = holdFirstDelivery;
      if (hold && timesHandled(id) === 0) {
        holdFirstDelivery = undefined;
        handled.push({ id, attempt: context.attempt });
        await hold.promise;
        return;
      }
      handled.push({ id, attempt: context.attempt });
    },
    keyOf: (message) => (message.kind === 'notice' ? message.chatId : 42),
    logger,
  });
});

afterAll(async () => {
  await consumer?.stop(2_000);
  await broker?.close();
  await deleteTopology(prefix, RETRY_DELAYS_MS);
});

describe('recovery after the broker drops the connection', () => {
  it('names its connection after the service, so operators (and this test) can find it', async () => {
    expect(await connectionPidsNamed(service)).toHaveLength(1);
  });

  it('refuses publishes while down, then redelivers the unacked message in hand, resumes consuming and publishes again', async () => {
    holdFirstDelivery = gate();
    const release = holdFirstDelivery.open;
    const [pidBefore] = await connectionPidsNamed(service);
    await publisher.publishMessage('command', update(1), { sender: 'gateway', messageId: 'upd-1' });
    await waitFor('the first delivery to be in hand', () => timesHandled(1) === 1);

    const publishedWhileDown = whenDisconnected(() =>
      publisher.publishMessage('command', update(99), { sender: 'gateway', messageId: 'while-down' }).then(
        () => 'confirmed',
        (error: unknown) => error,
      ),
    );
    await simulateBrokerRestart();
    expect(await publishedWhileDown).toBeInstanceOf(BrokerUnavailableError);
    // The handler finishes only now; its ack went nowhere, so RabbitMQ still holds the message.
    release();
    await waitUntilRecovered();

    await waitFor('the unacked message to be redelivered and handled', () => timesHandled(1) === 2);
    await publisher.publishMessage('command', update(2), { sender: 'gateway', messageId: 'upd-2' });
    await waitFor('the message published after the drop to be handled', () => timesHandled(2) === 1);

    const pidsAfter = await connectionPidsNamed(service);
    expect(pidsAfter).toHaveLength(1);
    expect(pidsAfter[0]).not.toBe(pidBefore);
    expect(await consumerCount(queue)).toBe(1);
    expect(handled.filter((entry) => entry.id <= 2)).toEqual([
      { id: 1, attempt: 1 },
      { id: 1, attempt: 1 },
      { id: 2, attempt: 1 },
    ]);
    expect(logged('broker connected')).toBeGreaterThanOrEqual(2);
  });

  it('recovers again after repeated drops, with one consumer and every message handled once', async () => {
    for (let round = 0; round < 2; round += 1) {
      await simulateBrokerRestart();
      await waitUntilRecovered();
    }
    const ids = [10, 11, 12, 13, 14];
    for (const id of ids)
      await publisher.publishMessage('command', update(id), { sender: 'gateway', messageId: `upd-${id}` });
    await waitFor('every message to be handled', () => ids.every((id) => timesHandled(id) >= 1));

    expect(await consumerCount(queue)).toBe(1);
    expect(ids.map(timesHandled)).toEqual([1, 1, 1, 1, 1]);
    expect(await queueDepth(layout.deadQueue(queue))).toBe(0);
  });
});
