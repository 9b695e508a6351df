import { Broker } from '@taskbot/messaging/broker';
import type { BusMessage } from '@taskbot/messaging/bus-message';
import { Consumer } from '@taskbot/messaging/consumer';
import { messageKey } from '@taskbot/messaging/message-key';
import { ownerOf, PartitionBalancer } from '@taskbot/messaging/partition-balancer';
import { Publisher } from '@taskbot/messaging/publisher';
import { topology } from '@taskbot/messaging/topology';
import { Redis } from 'ioredis';
import { memoryLogger, waitFor } from '../support/amqp';
import { deleteTopology } from '../support/broker';
import { uniquePrefix } from '../support/stack';

// Two replicas of a worker over four partitions: the broker alone would leave every partition with
// the replica that subscribed first; the balancer spreads them by rendezvous hashing while order
// per chat holds and nothing is handled twice.

const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://127.0.0.1';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PARTITIONS = 4;
const prefix = uniquePrefix('balance');
const layout = topology(prefix, PARTITIONS);
const groupKey = `${prefix}workers:commands`;

interface Replica {
  id: string;
  broker: Broker;
  publisher: Publisher;
  consumers: Consumer[];
  balancer: PartitionBalancer;
  redis: Redis;
}

const handled: Array<{ replica: string; chat: number; id: number; queue: string }> = [];
let inHand = new Map<number, number>();
let overlaps = 0;
const replicas: Replica[] = [];

async function startReplica(id: string): Promise<Replica> {
  const { logger } = memoryLogger(`${prefix}${id}`);
  const broker = await Broker.connect({ url: RABBITMQ_URL, layout, logger });
  const publisher = await Publisher.create(broker, logger, 3_000);
  const consumers: Consumer[] = [];
  for (const queue of layout.partitionQueues('commands')) {
    consumers.push(
      await Consumer.start(broker, publisher, {
        queue,
        deadLetterKey: layout.queues.commands,
        prefetch: 5,
        retryDelaysMs: [100],
        keyOf: messageKey,
        logger,
        handler: async (message, context) => {
          const chat = messageKey(message);
          // A chat in two hands at once would be an overlap between the replicas.
          if ((inHand.get(chat) ?? 0) > 0) overlaps += 1;
          inHand.set(chat, (inHand.get(chat) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 3));
          inHand.set(chat, (inHand.get(chat) ?? 1) - 1);
          const updateId = message.kind === 'update' ? message.update.update_id : -1;
          handled.push({ replica: id, chat, id: updateId, queue: context.queue });
        },
      }),
    );
  }
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const balancer = new PartitionBalancer({
    redis,
    groupKey,
    memberId: id,
    consumers,
    logger,
    intervalMs: 150,
  });
  balancer.start();
  const replica = { id, broker, publisher, consumers, balancer, redis };
  replicas.push(replica);
  return replica;
}

/** Two member names that each own at least one of these queues (the prefix differs per run). */
function membersSharing(queues: string[]): [string, string] {
  for (let attempt = 0; ; attempt += 1) {
    const members: [string, string] = [`replica-a-${attempt}`, `replica-b-${attempt}`];
    if (new Set(queues.map((queue) => ownerOf(queue, members))).size === 2) return members;
  }
}

function update(updateId: number, chatId: number): BusMessage {
  return {
    kind: 'update',
    update: { update_id: updateId, message: { message_id: updateId, chat: { id: chatId, type: 'private' } } },
    receivedAt: new Date().toISOString(),
  };
}

afterAll(async () => {
  for (const replica of replicas) {
    await replica.balancer.stop();
    await Promise.all(replica.consumers.map((consumer) => consumer.stop(2_000)));
    await replica.broker.close().catch(() => undefined);
    await replica.redis.del(groupKey);
    replica.redis.disconnect();
  }
  await deleteTopology(prefix, [100], PARTITIONS);
});

beforeEach(() => {
  handled.length = 0;
  inHand = new Map();
  overlaps = 0;
});

describe('the partition balancer', () => {
  it('spreads the partitions over two replicas, keeping each chat in order and handled once', async () => {
    // Names under which the rendezvous hash gives each replica some of this run's partitions.
    const members = membersSharing(layout.partitionQueues('commands'));
    const a = await startReplica(members[0]);
    const b = await startReplica(members[1]);
    const chats = Array.from({ length: 12 }, (_, index) => 1000 + index);
    const sent = new Map<number, number[]>();
    let updateId = 0;
    const sendRound = async () => {
      for (const chat of chats) {
        updateId += 1;
        await a.publisher.publishMessage('command', update(updateId, chat), {
          sender: 'gateway',
          messageId: `update:${updateId}`,
        });
        sent.set(chat, [...(sent.get(chat) ?? []), updateId]);
      }
    };

    // a subscribed first, so the broker made it active everywhere; traffic lets the balancer see it.
    for (let round = 0; round < 5; round += 1) {
      await sendRound();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor(
      'each partition to be handled by its owner',
      async () => {
        await sendRound();
        const recent = handled.slice(-chats.length);
        return (
          recent.length === chats.length &&
          recent.every((entry) => entry.replica === ownerOf(entry.queue, members))
        );
      },
      20_000,
      200,
    );
    await waitFor('every update to be handled', () => handled.length === updateId);

    const byChat = new Map<number, number[]>();
    for (const entry of handled) byChat.set(entry.chat, [...(byChat.get(entry.chat) ?? []), entry.id]);
    expect(byChat).toEqual(sent);
    expect(overlaps).toBe(0);
    expect(new Set(handled.map((entry) => entry.replica))).toEqual(new Set(members));
    expect(b.consumers.some((consumer) => consumer.isActive)).toBe(true);
  });
});
