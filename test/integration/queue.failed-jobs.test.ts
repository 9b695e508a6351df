import { Broker } from '@taskbot/messaging/broker';
import type { BusMessage } from '@taskbot/messaging/bus-message';
import { jobId } from '@taskbot/messaging/failed-job';
import { FailedJobs, UnknownJobError, UnknownQueueError } from '@taskbot/messaging/failed-jobs';
import { BROKER_HEADERS, HEADERS, RETRY_HEADERS } from '@taskbot/messaging/headers';
import { Publisher } from '@taskbot/messaging/publisher';
import { type Topology, topology, type WorkQueue } from '@taskbot/messaging/topology';
import { memoryLogger, type RawMessage, sendToQueue, takeAll } from '../support/amqp';
import { deleteTopology, queueDepth } from '../support/broker';
import { uniquePrefix } from '../support/stack';

// The failed-jobs library on a real RabbitMQ: dead messages are laid into the dead-letter queues
// exactly as the consumer leaves them (body, message id, failure headers, the partition queue they
// came from), then listed, retried, forgotten and flushed.

const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://127.0.0.1';
const PARTITIONS = 2;
const filePrefix = uniquePrefix('failedjobs');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface Harness {
  layout: Topology;
  broker: Broker;
  jobs: FailedJobs;
  dead(kind: WorkQueue): string;
  partition(kind: WorkQueue, index: number): string;
}

const prefixes: string[] = [];
const brokers: Broker[] = [];

async function start(label: string): Promise<Harness> {
  const prefix = `${filePrefix}${label}.`;
  prefixes.push(prefix);
  const layout = topology(prefix, PARTITIONS);
  const { logger } = memoryLogger(`${filePrefix}${label}`);
  const broker = await Broker.connect({ url: RABBITMQ_URL, layout, logger });
  brokers.push(broker);
  const publisher = await Publisher.create(broker, logger, 3_000);
  const jobs = await FailedJobs.open(broker, publisher);
  return {
    layout,
    broker,
    jobs,
    dead: (kind) => layout.deadQueue(layout.queues[kind]),
    partition: (kind, index) => layout.partitionQueues(kind)[index] ?? '',
  };
}

afterEach(async () => {
  for (const broker of brokers.splice(0)) await broker.close();
});

afterAll(async () => {
  for (const prefix of prefixes) await deleteTopology(prefix, [], PARTITIONS);
});

function textUpdate(updateId: number, text: string, chatId = 42): BusMessage {
  return {
    kind: 'update',
    update: {
      update_id: updateId,
      message: {
        message_id: updateId,
        date: 0,
        chat: { id: chatId, type: 'private' },
        from: { id: chatId, first_name: 'Alice', username: 'alice' },
        text,
      },
    },
    receivedAt: '2026-01-01T00:00:00.000Z',
  };
}

interface Burial {
  body: BusMessage | string;
  messageId?: string;
  /** The queue it failed in: the partition queue of its chat. */
  from: string;
  attempt?: number;
  error?: string;
  firstFailedAt?: string;
  extraHeaders?: Record<string, unknown>;
}

/** Lays a message into a dead-letter queue as the consumer does after the last attempt. */
async function bury(deadQueue: string, burial: Burial): Promise<void> {
  const content = Buffer.from(typeof burial.body === 'string' ? burial.body : JSON.stringify(burial.body));
  const firstFailedAt = burial.firstFailedAt ?? '2026-01-01T00:00:01.000Z';
  await sendToQueue(deadQueue, content, {
    contentType: 'application/json',
    ...(burial.messageId === undefined ? {} : { messageId: burial.messageId }),
    headers: {
      [HEADERS.attempt]: burial.attempt ?? 3,
      [HEADERS.error]: burial.error ?? 'TelegramError: 500: Internal Server Error',
      [HEADERS.firstFailedAt]: firstFailedAt,
      [HEADERS.lastFailedAt]: '2026-01-01T00:00:02.000Z',
      [HEADERS.originalQueue]: burial.from,
      ...burial.extraHeaders,
    },
  });
}

/** Lays update `updateId` (message id `update:<id>`) into the dead queue of `kind`, from a partition. */
function buryUpdate(
  h: Harness,
  kind: WorkQueue,
  partition: number,
  updateId: number,
  more: Partial<Burial> = {},
) {
  return bury(h.dead(kind), {
    body: textUpdate(updateId, `text ${updateId}`),
    messageId: `update:${updateId}`,
    from: h.partition(kind, partition),
    ...more,
  });
}

const messageIdsIn = async (queue: string) =>
  (await takeAll(queue)).map((message) => message.properties.messageId);

const snapshot = (messages: RawMessage[]) =>
  messages.map((message) => ({
    text: message.text,
    messageId: message.properties.messageId,
    headers: message.properties.headers,
  }));

/** Takes everything out of a queue and puts it back, in order, to compare before and after. */
async function peek(queue: string) {
  const messages = await takeAll(queue);
  for (const message of messages) await sendToQueue(queue, message.content, message.properties);
  return snapshot(messages);
}

describe('the failed jobs', () => {
  it('lists every dead message with what failed, and leaves every one in place and in order', async () => {
    const h = await start('list');
    const commands = h.dead('commands');
    await bury(commands, {
      body: textUpdate(1, '/add Buy milk'),
      messageId: 'update:1',
      from: h.partition('commands', 0),
    });
    await bury(commands, {
      body: textUpdate(2, `/add ${'long '.repeat(20)}`),
      messageId: 'update:2',
      from: h.partition('commands', 1),
      error: 'QueryFailedError: deadlock detected',
    });
    await bury(commands, {
      body: '{not json',
      messageId: 'update:3',
      from: h.partition('commands', 0),
      attempt: 1,
    });
    await bury(h.dead('telegram'), {
      body: { kind: 'notice', notice: 'rate_limited', chatId: 7, userId: 7 },
      from: h.partition('telegram', 1),
    });
    const before = [...(await peek(commands)), ...(await peek(h.dead('telegram')))];

    const jobs = await h.jobs.list();

    expect(jobs.map((job) => [job.queue, job.attempts, job.summary])).toEqual([
      [h.partition('commands', 0), 3, 'message chat 42 @alice (42): /add Buy milk'],
      [h.partition('commands', 1), 3, `message chat 42 @alice (42): /add ${'long '.repeat(6)}long…`],
      [h.partition('commands', 0), 1, 'unreadable: message is not JSON'],
      [h.partition('telegram', 1), 3, 'notice:rate_limited chat 7 7'],
    ]);
    expect(jobs[1]).toMatchObject({
      messageId: 'update:2',
      deadQueue: commands,
      kindQueue: h.layout.queues.commands,
      error: 'QueryFailedError: deadlock detected',
      firstFailedAt: '2026-01-01T00:00:01.000Z',
      lastFailedAt: '2026-01-01T00:00:02.000Z',
      retryCount: 0,
      body: textUpdate(2, `/add ${'long '.repeat(20)}`),
    });
    expect(jobs[2]?.body).toBe('{not json');
    expect(jobs[3]?.messageId).toBeUndefined();

    const after = [...(await peek(commands)), ...(await peek(h.dead('telegram')))];
    expect(after).toEqual(before);
    expect(await queueDepth(h.partition('commands', 0))).toBe(0);
  });

  it('reads only the first page for the operations page, with the total, and leaves all in place', async () => {
    const h = await start('page');
    for (let id = 1; id <= 12; id += 1) await buryUpdate(h, 'commands', id % 2, id);
    for (let id = 13; id <= 15; id += 1) await buryUpdate(h, 'callbacks', 0, id);
    const before = await peek(h.dead('commands'));

    const page = await h.jobs.firstPage(5);

    expect(page.total).toBe(15);
    expect(page.jobs.map((job) => job.messageId)).toEqual([1, 2, 3, 4, 5].map((id) => `update:${id}`));
    expect(await peek(h.dead('commands'))).toEqual(before);
    expect(await queueDepth(h.dead('callbacks'))).toBe(3);
  });

  it('gives each job a short id from its message id and first failure, the same on every listing', async () => {
    const h = await start('ids');
    const dead = h.dead('commands');
    const from = h.partition('commands', 0);
    await bury(dead, { body: textUpdate(1, 'a'), messageId: 'update:1', from });
    await bury(dead, {
      body: textUpdate(1, 'a'),
      messageId: 'update:1',
      from,
      firstFailedAt: '2026-01-02T00:00:00.000Z',
    });
    await bury(dead, { body: textUpdate(2, 'b'), from });

    const first = await h.jobs.list();
    const second = await h.jobs.list();

    expect(second.map((job) => job.id)).toEqual(first.map((job) => job.id));
    expect(first[0]?.id).toBe(jobId('update:1', '2026-01-01T00:00:01.000Z'));
    // The same update failing again later is another job.
    expect(first[1]?.id).not.toBe(first[0]?.id);
    for (const job of first) expect(job.id).toMatch(/^[0-9a-f]{12}$/);
    expect(new Set(first.map((job) => job.id)).size).toBe(3);
  });

  it('retries one job: back on the partition it failed in, attempts reset, same message id, only it removed', async () => {
    const h = await start('retry');
    const dead = h.dead('commands');
    const body = textUpdate(5, '/add Pay rent');
    await bury(dead, {
      body: textUpdate(4, '/tasks'),
      messageId: 'update:4',
      from: h.partition('commands', 0),
    });
    await bury(dead, {
      body,
      messageId: 'update:5',
      from: h.partition('commands', 1),
      extraHeaders: { 'x-trace': 'kept', [BROKER_HEADERS.death]: [{ queue: 'x', count: 1 }] },
    });
    await bury(dead, {
      body: textUpdate(6, '/help'),
      messageId: 'update:6',
      from: h.partition('commands', 1),
    });
    const [one, two, three] = await h.jobs.list();

    const result = await h.jobs.retry([two?.id ?? '']);

    expect(result.retried.map((job) => job.id)).toEqual([two?.id]);
    expect(result.failed).toEqual([]);
    const [back, ...more] = await takeAll(h.partition('commands', 1));
    expect(more).toEqual([]);
    expect(JSON.parse(back?.text ?? 'null')).toEqual(body);
    expect(back?.properties.messageId).toBe('update:5');
    expect(back?.properties.deliveryMode).toBe(2);
    const headers = back?.properties.headers ?? {};
    for (const name of [...Object.values(HEADERS), BROKER_HEADERS.death]) {
      expect(headers[name]).toBeUndefined();
    }
    expect(headers[RETRY_HEADERS.retryCount]).toBe(1);
    expect(String(headers[RETRY_HEADERS.retriedAt])).toMatch(ISO);
    expect(headers['x-trace']).toBe('kept');
    expect(await queueDepth(h.partition('commands', 0))).toBe(0);
    expect((await h.jobs.list()).map((job) => job.id)).toEqual([one?.id, three?.id]);
  });

  it('counts the retries of a job that failed again after a retry', async () => {
    const h = await start('again');
    const from = h.partition('commands', 0);
    await bury(h.dead('commands'), {
      body: textUpdate(1, 'a'),
      messageId: 'update:1',
      from,
      extraHeaders: { [RETRY_HEADERS.retryCount]: 2 },
    });
    const [job] = await h.jobs.list();
    expect(job?.retryCount).toBe(2);

    await h.jobs.retry('all');

    const [back] = await takeAll(from);
    expect(back?.properties.headers?.[RETRY_HEADERS.retryCount]).toBe(3);
  });

  it('retries all jobs of one queue only, by kind or by partition', async () => {
    const h = await start('filter');
    await buryUpdate(h, 'commands', 0, 1);
    await buryUpdate(h, 'commands', 1, 2);
    await buryUpdate(h, 'callbacks', 1, 3);
    await buryUpdate(h, 'callbacks', 0, 4);

    const byPartition = await h.jobs.retry('all', { queue: h.partition('commands', 1) });
    expect(byPartition.retried.map((job) => job.messageId)).toEqual(['update:2']);

    const byKind = await h.jobs.retry('all', { queue: h.layout.queues.callbacks });
    expect(byKind.retried.map((job) => job.messageId)).toEqual(['update:3', 'update:4']);

    expect(await messageIdsIn(h.partition('callbacks', 1))).toEqual(['update:3']);
    expect(await messageIdsIn(h.partition('callbacks', 0))).toEqual(['update:4']);
    expect(await messageIdsIn(h.partition('commands', 1))).toEqual(['update:2']);
    expect((await h.jobs.list()).map((job) => job.messageId)).toEqual(['update:1']);
    expect(await queueDepth(h.partition('commands', 0))).toBe(0);
  });

  it('forgets one job and keeps the others in order', async () => {
    const h = await start('forget');
    for (const id of [1, 2, 3]) await buryUpdate(h, 'commands', 0, id);
    const [, middle] = await h.jobs.list();

    const forgotten = await h.jobs.forget(middle?.id ?? '');

    expect(forgotten.messageId).toBe('update:2');
    expect((await h.jobs.list()).map((job) => job.messageId)).toEqual(['update:1', 'update:3']);
    expect(await queueDepth(h.partition('commands', 0))).toBe(0);
  });

  it('flushes every dead-letter queue and says how many left each', async () => {
    const h = await start('flush');
    await buryUpdate(h, 'commands', 0, 1);
    await buryUpdate(h, 'commands', 0, 2);
    await buryUpdate(h, 'telegram', 0, 3);

    const result = await h.jobs.flush();

    expect(result).toEqual({
      queues: [
        { queue: h.dead('commands'), count: 2 },
        { queue: h.dead('callbacks'), count: 0 },
        { queue: h.dead('telegram'), count: 1 },
      ],
      total: 3,
    });
    expect(await h.jobs.list()).toEqual([]);
  });

  it('refuses unknown ids and queues and changes nothing', async () => {
    const h = await start('unknown');
    await buryUpdate(h, 'commands', 0, 1);
    const before = await peek(h.dead('commands'));
    const [job] = await h.jobs.list();
    const known = job?.id ?? '';

    await expect(h.jobs.retry([known, 'ffffffffffff'])).rejects.toThrow(
      new UnknownJobError(['ffffffffffff']),
    );
    await expect(h.jobs.show('ffffffffffff')).rejects.toBeInstanceOf(UnknownJobError);
    await expect(h.jobs.forget('ffffffffffff')).rejects.toBeInstanceOf(UnknownJobError);
    await expect(h.jobs.retry('all', { queue: 'no-such-queue' })).rejects.toBeInstanceOf(UnknownQueueError);
    await expect(h.jobs.retry([known], { queue: h.layout.queues.callbacks })).rejects.toBeInstanceOf(
      UnknownJobError,
    );

    expect(await peek(h.dead('commands'))).toEqual(before);
    expect(await queueDepth(h.partition('commands', 0))).toBe(0);
    expect((await h.jobs.show(known)).messageId).toBe('update:1');
  });

  it('keeps a job the broker cannot take back (its queue is gone) and reports why', async () => {
    const h = await start('gone');
    await bury(h.dead('commands'), {
      body: textUpdate(1, 'a'),
      messageId: 'update:1',
      from: `${h.layout.queues.commands}.99`,
    });
    await buryUpdate(h, 'commands', 0, 2);

    const result = await h.jobs.retry('all');

    expect(result.retried.map((job) => job.messageId)).toEqual(['update:2']);
    expect(result.failed).toEqual([
      { job: expect.objectContaining({ messageId: 'update:1' }), error: expect.stringContaining('no queue') },
    ]);
    expect((await h.jobs.list()).map((job) => job.messageId)).toEqual(['update:1']);
  });
});
