import { Broker } from '@taskbot/messaging/broker';
import type { BusMessage } from '@taskbot/messaging/bus-message';
import { Consumer, type MessageHandler } from '@taskbot/messaging/consumer';
import { HEADERS } from '@taskbot/messaging/headers';
import { messageKey } from '@taskbot/messaging/message-key';
import { Publisher } from '@taskbot/messaging/publisher';
import { type Topology, topology } from '@taskbot/messaging/topology';
import { consumerCount, dropConnectionsNamed, gate, memoryLogger, takeAll, waitFor } from '../support/amqp';
import { deleteTopology, queueDepth } from '../support/broker';
import { uniquePrefix } from '../support/stack';

// Order per chat with several worker replicas: each chat travels one partition queue, and the
// broker feeds a partition to one subscribed consumer at a time (x-single-active-consumer).

const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://127.0.0.1';
const RETRY_DELAYS_MS = [100, 200];
const PARTITIONS = 4;
const filePrefix = uniquePrefix('msgpart');

interface Replica {
  name: string;
  broker: Broker;
  publisher: Publisher;
  consumers: Consumer[];
  lines: string[];
}

const prefixes: string[] = [];
const replicas: Replica[] = [];

function layoutFor(label: string): Topology {
  const prefix = `${filePrefix}${label}.`;
  prefixes.push(prefix);
  return topology(prefix, PARTITIONS);
}

/** One worker replica: its own connection, consuming the given partition queues. */
async function startReplica(
  name: string,
  layout: Topology,
  queues: string[],
  handler: MessageHandler,
  options: { dependenciesDown?: () => Promise<string[]>; prefetch?: number } = {},
): Promise<Replica> {
  const { logger, lines } = memoryLogger(`${filePrefix}${name}`);
  const broker = await Broker.connect({ url: RABBITMQ_URL, layout, logger });
  const publisher = await Publisher.create(broker, logger, 3_000);
  const consumers: Consumer[] = [];
  for (const queue of queues) {
    consumers.push(
      await Consumer.start(broker, publisher, {
        queue,
        deadLetterKey: layout.queues.commands,
        prefetch: options.prefetch ?? 10,
        retryDelaysMs: RETRY_DELAYS_MS,
        handler,
        keyOf: messageKey,
        logger,
        dependenciesDown: options.dependenciesDown,
      }),
    );
  }
  const replica = { name, broker, publisher, consumers, lines };
  replicas.push(replica);
  return replica;
}

async function stopReplica(replica: Replica): Promise<void> {
  const index = replicas.indexOf(replica);
  if (index >= 0) replicas.splice(index, 1);
  await Promise.all(replica.consumers.map((consumer) => consumer.stop(2_000)));
  await replica.broker.close().catch(() => undefined);
}

function update(updateId: number, chatId: number): BusMessage {
  return {
    kind: 'update',
    update: {
      update_id: updateId,
      message: { message_id: updateId, chat: { id: chatId, type: 'private' }, text: `/add ${updateId}` },
    },
    receivedAt: new Date().toISOString(),
  };
}

const updateIdOf = (message: BusMessage) => (message.kind === 'update' ? message.update.update_id : -1);

afterEach(async () => {
  for (const replica of [...replicas]) await stopReplica(replica);
});

afterAll(async () => {
  for (const prefix of prefixes) await deleteTopology(prefix, RETRY_DELAYS_MS, PARTITIONS);
});

describe('partitioned work queues', () => {
  it("route every chat to one partition, the same each time, keeping the chat's order", async () => {
    const layout = layoutFor('route');
    const sender = await startReplica('route-sender', layout, [], async () => undefined);
    const chats = [11, 12, 13, 14, 15, 16, 17, 18, -1001, -1002];
    const sent = new Map<number, number[]>();
    let updateId = 1;
    for (let round = 0; round < 5; round += 1) {
      for (const chat of chats) {
        const id = updateId++;
        await sender.publisher.publishMessage('command', update(id, chat), {
          sender: 'gateway',
          messageId: `update:${id}`,
        });
        sent.set(chat, [...(sent.get(chat) ?? []), id]);
      }
    }

    const partitionOfChat = new Map<number, string>();
    const received = new Map<number, number[]>();
    for (const queue of layout.partitionQueues('commands')) {
      for (const message of await takeAll(queue)) {
        const body = JSON.parse(message.text) as BusMessage;
        const chat = messageKey(body);
        expect(partitionOfChat.get(chat) ?? queue).toBe(queue);
        partitionOfChat.set(chat, queue);
        received.set(chat, [...(received.get(chat) ?? []), updateIdOf(body)]);
      }
    }
    expect(received).toEqual(sent);
    // The chats are spread: more than one partition is in use.
    expect(new Set(partitionOfChat.values()).size).toBeGreaterThan(1);
    for (const [chat, queue] of partitionOfChat) {
      expect(queue).toBe(layout.partitionQueues('commands')[layout.partitionOf(chat)]);
    }
  });

  it('feed a partition to one replica at a time; when it stops, the next finishes the chat in order', async () => {
    const layout = layoutFor('failover');
    const queue = layout.partitionQueues('commands')[layout.partitionOf(77)] ?? '';
    const handled: Array<{ replica: string; id: number }> = [];
    let active = 0;
    let maxActive = 0;
    const release = gate();
    const handlerFor =
      (replica: string): MessageHandler =>
      async (message) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        // The first replica is slow: it holds its messages until the test lets go.
        if (replica === 'a') await release.promise;
        await new Promise((resolve) => setTimeout(resolve, 5));
        handled.push({ replica, id: updateIdOf(message) });
        active -= 1;
      };
    const a = await startReplica('failover-a', layout, [queue], handlerFor('a'));
    const b = await startReplica('failover-b', layout, [queue], handlerFor('b'));
    expect(await consumerCount(queue)).toBe(2);

    for (let id = 1; id <= 30; id += 1) {
      await a.publisher.publishMessage('command', update(id, 77), {
        sender: 'gateway',
        messageId: `update:${id}`,
      });
    }
    await waitFor('the first replica to hold a message', () => active === 1);
    // Stopping drains: the message in hand finishes, the rest go back to the queue, then b takes over.
    const stopped = stopReplica(a);
    release.open();
    await stopped;
    await waitFor('every update to be handled', () => handled.length === 30);

    expect(handled.map((entry) => entry.id)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(handled[0]?.replica).toBe('a');
    expect(handled.filter((entry) => entry.replica === 'a')).toHaveLength(1);
    expect(handled.at(-1)?.replica).toBe('b');
    expect(maxActive).toBe(1);
    expect(await queueDepth(queue)).toBe(0);
    await stopReplica(b);
  });

  it('hand a partition over to the standby replica without a gap or an overlap', async () => {
    const layout = layoutFor('handover');
    const queue = layout.partitionQueues('commands')[layout.partitionOf(5)] ?? '';
    const handled: Array<{ replica: string; id: number }> = [];
    const handlerFor =
      (replica: string): MessageHandler =>
      async (message) => {
        handled.push({ replica, id: updateIdOf(message) });
      };
    const a = await startReplica('handover-a', layout, [queue], handlerFor('a'));
    await startReplica('handover-b', layout, [queue], handlerFor('b'));
    await a.publisher.publishMessage('command', update(1, 5), { sender: 'gateway', messageId: 'update:1' });
    await waitFor('a to handle the first update', () => handled.length === 1);

    await a.consumers[0]?.handOver(200);
    for (let id = 2; id <= 6; id += 1) {
      await a.publisher.publishMessage('command', update(id, 5), {
        sender: 'gateway',
        messageId: `update:${id}`,
      });
    }
    await waitFor('the rest to be handled', () => handled.length === 6);

    expect(handled).toEqual([
      { replica: 'a', id: 1 },
      ...[2, 3, 4, 5, 6].map((id) => ({ replica: 'b', id })),
    ]);
    // a subscribed again, now as the standby.
    await waitFor('a to subscribe again', async () => (await consumerCount(queue)) === 2);
  });

  it('return a retried message to the partition it came from, through the shared delay queue', async () => {
    const layout = layoutFor('retry');
    const chat = 3;
    const own = layout.partitionQueues('commands')[layout.partitionOf(chat)] ?? '';
    const seen: Array<{ queue: string; attempt: number }> = [];
    const replica = await startReplica(
      'retry',
      layout,
      layout.partitionQueues('commands'),
      async (_message, context) => {
        seen.push({ queue: context.queue, attempt: context.attempt });
        if (context.attempt === 1) throw new Error('Telegram answered 502');
      },
    );
    await replica.publisher.publishMessage('command', update(1, chat), {
      sender: 'gateway',
      messageId: 'update:1',
    });
    await waitFor('the second attempt', () => seen.length === 2);

    expect(seen).toEqual([
      { queue: own, attempt: 1 },
      { queue: own, attempt: 2 },
    ]);
    expect(await queueDepth(layout.retryQueue(RETRY_DELAYS_MS[0] ?? 0))).toBe(0);
  });

  it('hold messages while a dependency is down and handle them, in order and spending no attempt, once it is back', async () => {
    const layout = layoutFor('outage');
    const queue = layout.partitionQueues('commands')[layout.partitionOf(9)] ?? '';
    let databaseUp = false;
    const handled: Array<{ id: number; attempt: number }> = [];
    let failures = 0;
    const replica = await startReplica(
      'outage',
      layout,
      [queue],
      async (message, context) => {
        if (!databaseUp) {
          failures += 1;
          throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        }
        handled.push({ id: updateIdOf(message), attempt: context.attempt });
      },
      { dependenciesDown: async () => (databaseUp ? [] : ['database']) },
    );
    for (let id = 1; id <= 5; id += 1) {
      await replica.publisher.publishMessage('command', update(id, 9), {
        sender: 'gateway',
        messageId: `update:${id}`,
      });
    }
    await waitFor('the outage to be noticed', () =>
      replica.lines.some((line) => line.includes('a dependency is down')),
    );
    // Longer than both retry delays together: without the hold these would be dead letters by now.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(handled).toEqual([]);
    databaseUp = true;
    await waitFor('all five to be handled', () => handled.length === 5);

    expect(handled).toEqual([1, 2, 3, 4, 5].map((id) => ({ id, attempt: 1 })));
    expect(failures).toBe(1);
    expect(await queueDepth(layout.deadQueue(layout.queues.commands))).toBe(0);
    expect(await queueDepth(layout.retryQueue(RETRY_DELAYS_MS[0] ?? 0))).toBe(0);
  });

  it('give a message held during an outage back to the queue when the worker stops meanwhile', async () => {
    const layout = layoutFor('outage-stop');
    const queue = layout.partitionQueues('commands')[layout.partitionOf(4)] ?? '';
    let calls = 0;
    const replica = await startReplica(
      'outage-stop',
      layout,
      [queue],
      async () => {
        calls += 1;
        throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
      },
      { dependenciesDown: async () => ['redis'] },
    );
    await replica.publisher.publishMessage('command', update(1, 4), {
      sender: 'gateway',
      messageId: 'update:1',
    });
    await replica.publisher.publishMessage('command', update(2, 4), {
      sender: 'gateway',
      messageId: 'update:2',
    });
    await waitFor('the outage to be noticed', () =>
      replica.lines.some((line) => line.includes('a dependency is down')),
    );
    await stopReplica(replica);

    expect(calls).toBe(1);
    const left = await takeAll(queue);
    expect(left.map((message) => updateIdOf(JSON.parse(message.text) as BusMessage))).toEqual([1, 2]);
    expect(left.map((message) => message.properties.headers?.[HEADERS.attempt] ?? 1)).toEqual([1, 1]);
  });

  it('tell a handler its message was given up when the connection drops, and give the message out again', async () => {
    const layout = layoutFor('given-up');
    const queue = layout.partitionQueues('commands')[layout.partitionOf(6)] ?? '';
    const hold = gate();
    const runs: Array<{ attempt: number; abortedAtEnd?: boolean }> = [];
    const replica = await startReplica('given-up', layout, [queue], async (_message, context) => {
      const run: { attempt: number; abortedAtEnd?: boolean } = { attempt: context.attempt };
      runs.push(run);
      if (runs.length === 1) await hold.promise;
      run.abortedAtEnd = context.signal.aborted;
    });
    await replica.publisher.publishMessage('command', update(1, 6), {
      sender: 'gateway',
      messageId: 'update:1',
    });
    await waitFor('the first run to start', () => runs.length === 1);

    // The server closes the connection under the running handler, as in a broker restart.
    await dropConnectionsNamed(`${filePrefix}given-up`);
    await waitFor(
      'the replica to connect again',
      () => replica.lines.filter((line) => line.includes('"message":"broker connected"')).length >= 2,
      20_000,
    );
    await waitFor('the replica to subscribe again', async () => (await consumerCount(queue)) === 1, 20_000);
    // The redelivered copy waits in line behind the run still going for its chat, then runs.
    hold.open();
    await waitFor('the message to be given out again', () => runs.length === 2, 20_000);
    await waitFor('the second run to end', () => runs[1]?.abortedAtEnd !== undefined);

    expect(runs).toEqual([
      { attempt: 1, abortedAtEnd: true },
      { attempt: 1, abortedAtEnd: false },
    ]);
  });

  it('try a message again in place when its connection failed but is back by the time it is checked', async () => {
    const layout = layoutFor('blip');
    const queue = layout.partitionQueues('commands')[layout.partitionOf(8)] ?? '';
    const runs: Array<{ id: number; attempt: number }> = [];
    const replica = await startReplica(
      'blip',
      layout,
      [queue],
      async (message, context) => {
        runs.push({ id: updateIdOf(message), attempt: context.attempt });
        if (runs.length === 1) {
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
        }
      },
      { dependenciesDown: async () => [] },
    );
    await replica.publisher.publishMessage('command', update(1, 8), {
      sender: 'gateway',
      messageId: 'update:1',
    });
    await replica.publisher.publishMessage('command', update(2, 8), {
      sender: 'gateway',
      messageId: 'update:2',
    });
    await waitFor('both messages to be handled', () => runs.length === 3);

    // The first run failed, the second (same attempt, in place) handled it; no delay queue used.
    expect(runs).toEqual([
      { id: 1, attempt: 1 },
      { id: 1, attempt: 1 },
      { id: 2, attempt: 1 },
    ]);
    expect(await queueDepth(layout.retryQueue(RETRY_DELAYS_MS[0] ?? 0))).toBe(0);
    expect(replica.lines.some((line) => line.includes('a connection failed and is back'))).toBe(true);
  });
});
