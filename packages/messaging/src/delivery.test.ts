import { Writable } from 'node:stream';
import { createLogger } from '@taskbot/logger/logger';
import type { Channel, ConsumeMessage } from 'amqplib';
import type { BusMessage } from './bus-message';
import type { ConsumerOptions, HandlerContext } from './consumer-options';
import { Delivery, type Lease } from './delivery';
import type { FailureRouting } from './failure-routing';
import { JOBS } from './job-catalogue';

// One delivery against a stand-in channel and failure routing: what the consumer does with a run
// that passes its kind's timeout. The broker side is covered by test/integration/messaging.*.

const notice: BusMessage = { kind: 'notice', notice: 'rate_limited', chatId: 9, userId: 9 };
const raw = {
  content: Buffer.from('{}'),
  properties: { messageId: 'notice:9', headers: {} },
} as unknown as ConsumeMessage;

function setUp(handler: (context: HandlerContext) => Promise<void>) {
  const acked: unknown[] = [];
  const retried: number[] = [];
  const channel = {
    ack: (message: unknown) => acked.push(message),
    nack: () => undefined,
  } as unknown as Channel;
  const routing = {
    retry: async (_raw: unknown, _error: string, _attempt: number, delayMs: number) =>
      void retried.push(delayMs),
    deadLetter: async () => undefined,
  } as unknown as FailureRouting;
  const logger = createLogger({
    service: 'delivery-test',
    level: 'error',
    stream: new Writable({ write: (_c, _e, done) => done() }),
  });
  const options: ConsumerOptions = {
    queue: 'telegram',
    prefetch: 1,
    retryDelaysMs: [5_000, 30_000],
    handler: (_message, context) => handler(context),
    keyOf: () => undefined,
    logger,
  };
  const lease: Lease = {
    channel,
    signal: new AbortController().signal,
    isCurrent: () => true,
    holds: () => true,
  };
  const delivery = new Delivery(options, routing);
  return { acked, retried, run: () => delivery.process(lease, raw, { ok: true, message: notice }) };
}

afterEach(() => jest.useRealTimers());

describe('a delivery', () => {
  it('tells a run that passes its kind’s timeout to stop, and retries it once it has ended', async () => {
    jest.useFakeTimers();
    let aborted = false;
    const h = setUp(
      (context) =>
        new Promise<void>((_resolve, reject) => {
          context.signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('sendMessage not sent: the job was given up'));
          });
        }),
    );

    const running = h.run();
    await jest.advanceTimersByTimeAsync(JOBS.notice.timeoutMs - 1);
    expect(aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await running;

    expect(aborted).toBe(true);
    expect(h.retried).toEqual([5_000]);
    expect(h.acked).toEqual([raw]);
  });

  it('acknowledges a run that finishes in time', async () => {
    const h = setUp(async () => undefined);
    await h.run();
    expect(h.acked).toEqual([raw]);
    expect(h.retried).toEqual([]);
  });
});
