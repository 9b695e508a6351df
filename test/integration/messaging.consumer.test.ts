import { PermanentError, TransientError, withFailure } from '@taskbot/errors/failure';
import { Broker } from '@taskbot/messaging/broker';
import type { BusMessage } from '@taskbot/messaging/bus-message';
import { Consumer, type MessageHandler } from '@taskbot/messaging/consumer';
import { HEADERS } from '@taskbot/messaging/headers';
import { messageKey } from '@taskbot/messaging/message-key';
import { Publisher } from '@taskbot/messaging/publisher';
import { type Topology, topology } from '@taskbot/messaging/topology';
import {
  gate,
  memoryLogger,
  type RawMessage,
  sendToQueue,
  takeAll,
  busUpdate as update,
  waitFor,
} from '../support/amqp';
import { deleteTopology, queueDepth } from '../support/broker';
import { uniquePrefix } from '../support/stack';

const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://127.0.0.1';
const FIRST_DELAY_MS = 100;
const SECOND_DELAY_MS = 200;
const RETRY_DELAYS_MS = [FIRST_DELAY_MS, SECOND_DELAY_MS];
const filePrefix = uniquePrefix('msgcons');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface Harness {
  layout: Topology;
  queue: string;
  dead: string;
  broker: Broker;
  publisher: Publisher;
  consumer: Consumer;
  lines: string[];
}

const prefixes: string[] = [];
const running: Harness[] = [];

/** A broker, publisher and consumer (on the commands queue) under a prefix of their own. */
async function startConsumer(
  label: string,
  handler: MessageHandler,
  options: { prefetch?: number; retryDelaysMs?: number[] } = {},
): Promise<Harness> {
  const prefix = `${filePrefix}${label}.`;
  prefixes.push(prefix);
  const layout = topology(prefix);
  const { logger, lines } = memoryLogger(`messaging-consumer-test-${process.pid}`);
  const broker = await Broker.connect({ url: RABBITMQ_URL, layout, logger });
  const publisher = await Publisher.create(broker, logger, 3_000);
  const queue = layout.queues.commands;
  const consumer = await Consumer.start(broker, publisher, {
    queue,
    prefetch: options.prefetch ?? 10,
    retryDelaysMs: options.retryDelaysMs ?? RETRY_DELAYS_MS,
    handler,
    keyOf: messageKey,
    logger,
  });
  const harness = { layout, queue, dead: layout.deadQueue(queue), broker, publisher, consumer, lines };
  running.push(harness);
  return harness;
}

const updateIdOf = (message: BusMessage) => (message.kind === 'update' ? message.update.update_id : -1);

function headersOf(message: RawMessage | undefined): Record<string, unknown> {
  return message?.properties.headers ?? {};
}

afterEach(async () => {
  for (const harness of running.splice(0)) {
    await harness.consumer.stop(2_000);
    await harness.broker.close();
  }
});

afterAll(async () => {
  for (const prefix of prefixes) await deleteTopology(prefix, RETRY_DELAYS_MS);
});

describe('the consumer', () => {
  it('acks a message after the handler succeeded: handled once, nothing left in the queue', async () => {
    const seen: Array<{ id: number; attempt: number; messageId: string | undefined }> = [];
    const h = await startConsumer('ack', async (message, context) => {
      seen.push({ id: updateIdOf(message), attempt: context.attempt, messageId: context.messageId });
    });

    await h.publisher.publishMessage('command', update(1), { sender: 'gateway', messageId: 'upd-1' });
    await waitFor('the handler to run', () => seen.length === 1);
    // Stopping closes the channel: an unacknowledged message would go back to the queue.
    await h.consumer.stop();

    expect(seen).toEqual([{ id: 1, attempt: 1, messageId: 'upd-1' }]);
    expect(await queueDepth(h.queue)).toBe(0);
    expect(await queueDepth(h.dead)).toBe(0);
  });

  it('retries a failing handler after the configured delays, then rests it in <queue>.dead with the failure headers', async () => {
    const attempts: Array<{ attempt: number; at: number }> = [];
    const h = await startConsumer('retry', async (_message, context) => {
      attempts.push({ attempt: context.attempt, at: Date.now() });
      throw new Error(`database is down (attempt ${context.attempt})`);
    });

    const published = update(2);
    await h.publisher.publishMessage('command', published, { sender: 'gateway', messageId: 'upd-2' });
    await waitFor('the message in the dead-letter queue', async () => (await queueDepth(h.dead)) === 1);

    expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    // Each retry waited in its delay queue for at least the configured delay.
    const [firstAt = 0, secondAt = 0, thirdAt = 0] = attempts.map((entry) => entry.at);
    expect(secondAt - firstAt).toBeGreaterThanOrEqual(FIRST_DELAY_MS - 10);
    expect(thirdAt - secondAt).toBeGreaterThanOrEqual(SECOND_DELAY_MS - 10);
    for (const delay of RETRY_DELAYS_MS) {
      expect(await queueDepth(h.layout.retryQueue(delay))).toBe(0);
    }
    expect(await queueDepth(h.queue)).toBe(0);

    const [dead, ...more] = await takeAll(h.dead);
    expect(more).toEqual([]);
    expect(JSON.parse(dead?.text ?? 'null')).toEqual(published);
    expect(dead?.properties.messageId).toBe('upd-2');
    expect(dead?.properties.deliveryMode).toBe(2);
    const headers = headersOf(dead);
    expect(headers[HEADERS.attempt]).toBe(3);
    expect(headers[HEADERS.error]).toEqual(expect.stringContaining('database is down (attempt 3)'));
    expect(headers[HEADERS.originalQueue]).toBe(h.queue);
    const first = String(headers[HEADERS.firstFailedAt]);
    const last = String(headers[HEADERS.lastFailedAt]);
    expect(first).toMatch(ISO);
    expect(last).toMatch(ISO);
    expect(Date.parse(first)).toBeLessThanOrEqual(Date.parse(last));
    expect(Date.parse(last) - Date.parse(first)).toBeGreaterThanOrEqual(
      FIRST_DELAY_MS + SECOND_DELAY_MS - 20,
    );
  });

  it('sends a PermanentError straight to <queue>.dead after one attempt', async () => {
    const attempts: number[] = [];
    const h = await startConsumer('permanent', async (_message, context) => {
      attempts.push(context.attempt);
      throw new PermanentError('chat was deleted');
    });

    await h.publisher.publishMessage('command', update(3), { sender: 'gateway', messageId: 'upd-3' });
    await waitFor('the message in the dead-letter queue', async () => (await queueDepth(h.dead)) === 1);

    expect(attempts).toEqual([1]);
    for (const delay of RETRY_DELAYS_MS) {
      expect(await queueDepth(h.layout.retryQueue(delay))).toBe(0);
    }
    const [dead] = await takeAll(h.dead);
    const headers = headersOf(dead);
    expect(headers[HEADERS.attempt]).toBe(1);
    expect(headers[HEADERS.error]).toBe('PermanentError: chat was deleted');
    expect(headers[HEADERS.originalQueue]).toBe(h.queue);
    expect(headers[HEADERS.firstFailedAt]).toBe(headers[HEADERS.lastFailedAt]);
    expect(String(headers[HEADERS.firstFailedAt])).toMatch(ISO);
  });

  it.each([
    ['is not JSON', Buffer.from('{"kind":"update", oops'), /not JSON/],
    [
      'fails the schema',
      Buffer.from(JSON.stringify({ kind: 'update', update: { update_id: -5 }, receivedAt: 'yesterday' })),
      /invalid message/,
    ],
    ['is of an unknown kind', Buffer.from(JSON.stringify({ kind: 'gossip' })), /invalid message/],
  ])('sends a message that %s to <queue>.dead without calling the handler', async (_what, body, error) => {
    const handler = jest.fn(async () => undefined);
    const h = await startConsumer(`refused-${prefixes.length}`, handler);

    await sendToQueue(h.queue, body, { messageId: 'bad-1' });
    await waitFor('the message in the dead-letter queue', async () => (await queueDepth(h.dead)) === 1);

    expect(handler).not.toHaveBeenCalled();
    const [dead] = await takeAll(h.dead);
    expect(dead?.content.equals(body)).toBe(true);
    expect(dead?.properties.messageId).toBe('bad-1');
    const headers = headersOf(dead);
    expect(headers[HEADERS.attempt]).toBe(1);
    expect(String(headers[HEADERS.error])).toMatch(error);
    expect(headers[HEADERS.originalQueue]).toBe(h.queue);
    expect(await queueDepth(h.queue)).toBe(0);
  });

  it('waits at least as long as a transient failure asked before the retry (a 429), on a configured step', async () => {
    const attempts: Array<{ attempt: number; at: number }> = [];
    const h = await startConsumer('retry-after', async (_message, context) => {
      attempts.push({ attempt: context.attempt, at: Date.now() });
      if (context.attempt === 1) throw new TransientError('429 Too Many Requests', 0.15);
    });

    await h.publisher.publishMessage('command', update(5), { sender: 'gateway', messageId: 'upd-5' });
    await waitFor('the second attempt', () => attempts.length === 2);
    await h.consumer.stop();

    // The first step (100 ms) is shorter than the 150 ms asked: the 200 ms step is taken.
    const [firstAt = 0, secondAt = 0] = attempts.map((entry) => entry.at);
    expect(secondAt - firstAt).toBeGreaterThanOrEqual(SECOND_DELAY_MS - 10);
    expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2]);
    expect(await queueDepth(h.dead)).toBe(0);
  });

  it('acknowledges a message whose failure says the work is done already, without a retry', async () => {
    const attempts: number[] = [];
    const h = await startConsumer('done', async (_message, context) => {
      attempts.push(context.attempt);
      throw withFailure(new Error('400: Bad Request: message is not modified'), {
        kind: 'done',
        reason: 'message is not modified',
      });
    });

    await h.publisher.publishMessage('command', update(6), { sender: 'gateway', messageId: 'upd-6' });
    await waitFor('the message to be acknowledged', () =>
      h.lines.some((line) => line.includes('message done already')),
    );
    await h.consumer.stop();

    expect(attempts).toEqual([1]);
    expect(await queueDepth(h.queue)).toBe(0);
    expect(await queueDepth(h.dead)).toBe(0);
    for (const delay of RETRY_DELAYS_MS) expect(await queueDepth(h.layout.retryQueue(delay))).toBe(0);
  });

  it('handles a message that succeeds on the second attempt and leaves nothing in <queue>.dead', async () => {
    const attempts: number[] = [];
    const done: number[] = [];
    const h = await startConsumer('second', async (message, context) => {
      attempts.push(context.attempt);
      if (context.attempt === 1) throw new Error('timeout talking to Telegram');
      done.push(updateIdOf(message));
    });

    await h.publisher.publishMessage('command', update(4), { sender: 'gateway', messageId: 'upd-4' });
    await waitFor('the second attempt to succeed', () => done.length === 1);
    await h.consumer.stop();

    expect(attempts).toEqual([1, 2]);
    expect(done).toEqual([4]);
    expect(await queueDepth(h.queue)).toBe(0);
    expect(await queueDepth(h.dead)).toBe(0);
    for (const delay of RETRY_DELAYS_MS) {
      expect(await queueDepth(h.layout.retryQueue(delay))).toBe(0);
    }
  });

  it("handles one chat's messages strictly in order while another chat's messages go ahead", async () => {
    const SLOW_CHAT = 100;
    const OTHER_CHAT = 200;
    const slowChatHeld = gate();
    const completed: Array<{ chat: number; id: number }> = [];
    const active = new Map<number, number>();
    let maxActivePerChat = 0;
    const otherChatIds = [11, 12, 13];

    const h = await startConsumer(
      'order',
      async (message) => {
        const chat = messageKey(message);
        const id = updateIdOf(message);
        active.set(chat, (active.get(chat) ?? 0) + 1);
        maxActivePerChat = Math.max(maxActivePerChat, active.get(chat) ?? 0);
        // The slow chat's first update waits until every update of the other chat is done: if one
        // chat could hold up another, this would never finish.
        if (id === 1) await slowChatHeld.promise;
        else await new Promise((resolve) => setTimeout(resolve, (id * 7) % 13));
        active.set(chat, (active.get(chat) ?? 1) - 1);
        completed.push({ chat, id });
        if (chat === OTHER_CHAT && completed.filter((entry) => entry.chat === OTHER_CHAT).length === 3) {
          slowChatHeld.open();
        }
      },
      { prefetch: 20 },
    );

    const publishOrder: Array<[number, number]> = [
      [SLOW_CHAT, 1],
      [OTHER_CHAT, 11],
      [SLOW_CHAT, 2],
      [OTHER_CHAT, 12],
      [SLOW_CHAT, 3],
      [OTHER_CHAT, 13],
      [SLOW_CHAT, 4],
      [SLOW_CHAT, 5],
    ];
    for (const [chat, id] of publishOrder) {
      await h.publisher.publishMessage('command', update(id, chat), {
        sender: 'gateway',
        messageId: `upd-${id}`,
      });
    }
    await waitFor('all eight updates to be handled', () => completed.length === 8, 10_000);

    const idsOf = (chat: number) => completed.filter((entry) => entry.chat === chat).map((entry) => entry.id);
    expect(idsOf(SLOW_CHAT)).toEqual([1, 2, 3, 4, 5]);
    expect(idsOf(OTHER_CHAT)).toEqual(otherChatIds);
    expect(maxActivePerChat).toBe(1);
    // The other chat finished entirely while the slow chat's first update was still in hand.
    const firstOfSlowChat = completed.findIndex((entry) => entry.chat === SLOW_CHAT);
    const lastOfOtherChat = completed.map((entry) => entry.chat).lastIndexOf(OTHER_CHAT);
    expect(lastOfOtherChat).toBeLessThan(firstOfSlowChat);
  });

  it('stop() waits for the message in hand, then takes no new messages (the rest stay in the queue)', async () => {
    const held = gate();
    const events: string[] = [];
    const h = await startConsumer(
      'stop',
      async (message) => {
        const id = updateIdOf(message);
        events.push(`start ${id}`);
        if (id === 1) await held.promise;
        events.push(`end ${id}`);
      },
      { prefetch: 1 },
    );

    await h.publisher.publishMessage('command', update(1), { sender: 'gateway', messageId: 'upd-1' });
    const published = update(2);
    await h.publisher.publishMessage('command', published, { sender: 'gateway', messageId: 'upd-2' });
    await waitFor('the first message to be in hand', () => events.includes('start 1'));

    let stopped = false;
    const stopping = h.consumer.stop(10_000).then(() => {
      stopped = true;
      events.push('stopped');
    });
    // However long the handler takes, stop() does not resolve while the message is in hand.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stopped).toBe(false);

    held.open();
    await stopping;
    await h.publisher.publishMessage('command', update(3), { sender: 'gateway', messageId: 'upd-3' });
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(events).toEqual(['start 1', 'end 1', 'stopped']);
    expect(await queueDepth(h.queue)).toBe(2);
    const left = await takeAll(h.queue);
    expect(left.map((message) => message.properties.messageId)).toEqual(['upd-2', 'upd-3']);
  });
});
