import { Broker } from '@taskbot/messaging/broker';
import type { BusMessage } from '@taskbot/messaging/bus-message';
import { BrokerUnavailableError } from '@taskbot/messaging/errors';
import { HEADERS } from '@taskbot/messaging/headers';
import { JobRefusedError } from '@taskbot/messaging/job-catalogue';
import { Publisher } from '@taskbot/messaging/publisher';
import { type RoutingKey, type Topology, topology, type WorkQueue } from '@taskbot/messaging/topology';
import { memoryLogger, takeAll, waitFor } from '../support/amqp';
import { deleteTopology, queueDepth } from '../support/broker';
import { uniquePrefix } from '../support/stack';

const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://127.0.0.1';
const prefix = uniquePrefix('msgpub');
const layout: Topology = topology(prefix);
const { logger } = memoryLogger(`messaging-publisher-test-${process.pid}`);

let broker: Broker;
let publisher: Publisher;

function update(updateId: number): BusMessage {
  return {
    kind: 'update',
    update: {
      update_id: updateId,
      message: { message_id: 1, chat: { id: 42, type: 'private' }, text: '/tasks' },
    },
    receivedAt: new Date().toISOString(),
  };
}

const notice: BusMessage = { kind: 'notice', notice: 'rate_limited', chatId: 42, userId: 7 };

beforeAll(async () => {
  broker = await Broker.connect({ url: RABBITMQ_URL, layout, logger });
  publisher = await Publisher.create(broker, logger, 3_000);
});

afterAll(async () => {
  await broker?.close();
  await deleteTopology(prefix, []);
});

describe('the publisher', () => {
  it.each<[RoutingKey, WorkQueue, BusMessage]>([
    ['command', 'commands', update(1001)],
    ['callback', 'callbacks', update(1002)],
    ['other', 'telegram', update(1003)],
    ['outgoing', 'telegram', notice],
  ])(
    'confirms a message routed %s only once it is persistent on the %s queue, with its messageId',
    async (routingKey, queueKey, message) => {
      const messageId = `pub-${routingKey}-${Date.now()}`;

      await publisher.publishMessage(routingKey, message, { sender: 'gateway', messageId });

      // Resolved means confirmed: the message is already on its queue, no waiting needed.
      expect(await queueDepth(layout.queues[queueKey])).toBe(1);
      const others = (Object.keys(layout.queues) as WorkQueue[]).filter((key) => key !== queueKey);
      for (const other of others) expect(await queueDepth(layout.queues[other])).toBe(0);

      const [taken, ...rest] = await takeAll(layout.queues[queueKey]);
      expect(rest).toEqual([]);
      expect(JSON.parse(taken?.text ?? 'null')).toEqual(message);
      expect(taken?.properties.deliveryMode).toBe(2);
      expect(taken?.properties.messageId).toBe(messageId);
      expect(taken?.properties.contentType).toBe('application/json');
    },
  );

  it.each<[string, RoutingKey, unknown, RegExp]>([
    ['of a kind the catalogue does not know', 'outgoing', { kind: 'gossip', chatId: 42 }, /kind "gossip"/],
    [
      'that its schema refuses',
      'command',
      { kind: 'update', update: { update_id: -1 } },
      /invalid update job/,
    ],
    ['on a route its kind does not travel', 'outgoing', update(1009), /travels on command, callback, other/],
  ])('refuses a job %s with a clear error, and publishes nothing', async (_what, route, job, message) => {
    const publishing = publisher.publishMessage(route, job as BusMessage, {
      sender: 'gateway',
      messageId: 'refused-1',
    });

    await expect(publishing).rejects.toBeInstanceOf(JobRefusedError);
    await expect(publishing).rejects.toThrow(message);
    for (const kindQueue of Object.values(layout.queues)) expect(await queueDepth(kindQueue)).toBe(0);
  });

  it('rejects with BrokerUnavailableError when no queue is bound for the routing key, and keeps working', async () => {
    const publishing = publisher.publishRaw(layout.updatesExchange, 'routes-nowhere', Buffer.from('{}'), {
      messageId: 'unroutable-1',
    });

    await expect(publishing).rejects.toBeInstanceOf(BrokerUnavailableError);
    await expect(publishing).rejects.toThrow(/no queue is bound/);
    // The channel survives a returned message: the next publish is confirmed.
    await publisher.publishMessage('command', update(1004), {
      sender: 'gateway',
      messageId: 'after-unroutable',
    });
    expect(await queueDepth(layout.queues.commands)).toBe(1);
    await takeAll(layout.queues.commands);
  });

  it('tells the returned message from the ones published with it, and carries given headers', async () => {
    const unroutable = publisher.publishRaw(layout.updatesExchange, 'routes-nowhere', Buffer.from('{}'), {
      messageId: 'same-id',
    });
    const routed = [1, 2, 3].map((n) =>
      publisher.publishRaw(
        layout.updatesExchange,
        layout.routingKey('command', 0),
        Buffer.from(`{"n":${n}}`),
        {
          messageId: 'same-id',
          ...(n === 2 ? { headers: { [HEADERS.attempt]: 2 } } : {}),
        },
      ),
    );

    await expect(unroutable).rejects.toThrow(/no queue is bound/);
    await Promise.all(routed);
    const taken = await takeAll(layout.queues.commands);
    expect(taken.map((message) => message.text)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(taken.map((message) => message.properties.headers?.[HEADERS.attempt])).toEqual([
      undefined,
      2,
      undefined,
    ]);
  });

  it('rejects with BrokerUnavailableError when the exchange does not exist, then reopens its channel', async () => {
    const publishing = publisher.publishRaw(`${prefix}no-such-exchange`, 'command', Buffer.from('{}'), {
      messageId: 'no-exchange-1',
    });

    await expect(publishing).rejects.toBeInstanceOf(BrokerUnavailableError);
    // The broker closed the channel (404); the publisher opens a new one on the same connection.
    await waitFor('the publisher to reopen its channel', () => publisher.isReady, 5_000);
    await publisher.publishMessage('command', update(1007), {
      sender: 'gateway',
      messageId: 'after-channel-error',
    });
    expect(await queueDepth(layout.queues.commands)).toBe(1);
    await takeAll(layout.queues.commands);
  });

  it('rejects with BrokerUnavailableError once the broker is closed', async () => {
    const { logger: ownLogger } = memoryLogger(`messaging-publisher-closed-${process.pid}`);
    const own = await Broker.connect({ url: RABBITMQ_URL, layout, logger: ownLogger });
    const ownPublisher = await Publisher.create(own, ownLogger, 3_000);
    await ownPublisher.publishMessage('command', update(1005), {
      sender: 'gateway',
      messageId: 'before-close',
    });
    await takeAll(layout.queues.commands);

    await own.close();

    expect(own.isConnected).toBe(false);
    await expect(
      ownPublisher.publishMessage('command', update(1006), { sender: 'gateway', messageId: 'after-close' }),
    ).rejects.toBeInstanceOf(BrokerUnavailableError);
    expect(await queueDepth(layout.queues.commands)).toBe(0);
  });
});
