import { rawText } from '@taskbot/domain/texts';
import { describeError, PermanentError } from '@taskbot/errors/failure';
import type { Failure } from '@taskbot/fake-bot-api/failures';
import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import type { Call, Update } from '@taskbot/fake-bot-api/types';
import { callbackQuery, groupChat, privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { Broker } from '@taskbot/messaging/broker';
import type { BusMessage, UpdateMessage } from '@taskbot/messaging/bus-message';
import { Consumer, type MessageHandler } from '@taskbot/messaging/consumer';
import { messageKey } from '@taskbot/messaging/message-key';
import { Publisher } from '@taskbot/messaging/publisher';
import { topology, type WorkQueue } from '@taskbot/messaging/topology';
import { createTelegramClient, type TelegramClient } from '@taskbot/telegram/client';
import {
  type FailureNoticeOutcome,
  FailureNotices,
  failureNoticeFor,
  isDeliveryRefusal,
} from '@taskbot/worker/failure-notices';
import { Redis } from 'ioredis';
import { memoryLogger, waitFor } from '../support/amqp';
import { deleteTopology, queueDepth } from '../support/broker';
import { TEST_TOKEN, uniquePrefix } from '../support/stack';

// A person whose update failed for good hears about it once, in their language, in the chat it
// came from: a consumer on the real RabbitMQ, the rules in the real Redis, Telegram faked.

const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://127.0.0.1';
const RETRY_DELAYS_MS = [50, 100];
const FAST = { chatPerSecond: 1_000, groupPerMinute: 1_000, globalPerSecond: 1_000, maxWaitMs: 5_000 };
const filePrefix = uniquePrefix('failnote');

const alice = user(7_600_001, { first_name: 'Alice', language_code: 'en' });
const boris = user(7_600_002, { first_name: 'Борис', language_code: 'ru-RU' });
const group = groupChat(-7_600_100, 'Team');

interface Harness {
  prefix: string;
  dead: string;
  publisher: Publisher;
  telegram: TelegramClient;
  notices: FailureNotices;
  /** What became of each update's notice, in order. */
  outcomes: FailureNoticeOutcome[];
  /** Update ids (or the message kind) the consumer reported as failed for good. */
  failedForGood: Array<number | string>;
  lines: string[];
}

const prefixes: string[] = [];
const running: Array<{ consumer: Consumer; broker: Broker; notices: FailureNotices }> = [];
const fake = new FakeBotApi();
let redis: Redis;

/** A consumer whose failures go to a FailureNotices, under a prefix (queues and Redis keys) of its own. */
async function start(
  label: string,
  handler: (h: { telegram: TelegramClient }) => MessageHandler,
  intervalSeconds = 300,
  /** The queue it consumes: the bot's own messages (reminders, digests) travel on `telegram`. */
  queueKind: WorkQueue = 'commands',
): Promise<Harness> {
  const prefix = `${filePrefix}${label}.`;
  prefixes.push(prefix);
  const layout = topology(prefix);
  const { logger, lines } = memoryLogger(`failure-notices-test-${process.pid}`);
  const broker = await Broker.connect({ url: RABBITMQ_URL, layout, logger });
  const publisher = await Publisher.create(broker, logger, 3_000);
  const telegram = createTelegramClient({
    token: TEST_TOKEN,
    apiRoot: fake.apiRoot,
    redis,
    prefix,
    logger,
    limits: FAST,
  });
  const outcomes: FailureNoticeOutcome[] = [];
  const notices = new FailureNotices(redis, prefix, telegram, logger, intervalSeconds, (outcome) =>
    outcomes.push(outcome),
  );
  const failedForGood: Array<number | string> = [];
  const queue = layout.queues[queueKind];
  const consumer = await Consumer.start(broker, publisher, {
    queue,
    prefetch: 10,
    retryDelaysMs: RETRY_DELAYS_MS,
    handler: handler({ telegram }),
    keyOf: messageKey,
    logger,
    onFailedForGood: (message, error, context) => {
      failedForGood.push(message.kind === 'update' ? message.update.update_id : message.kind);
      notices.onFailedForGood(message, error, context);
    },
  });
  running.push({ consumer, broker, notices });
  return {
    prefix,
    dead: layout.deadQueue(queue),
    publisher,
    telegram,
    notices,
    outcomes,
    failedForGood,
    lines,
  };
}

function busMessage(update: Update): BusMessage {
  return {
    kind: 'update',
    update: update as unknown as UpdateMessage['update'],
    receivedAt: new Date().toISOString(),
  };
}

async function publish(h: Harness, update: Update): Promise<void> {
  await h.publisher.publishMessage('command', busMessage(update), {
    sender: 'gateway',
    messageId: `update:${update.update_id}`,
  });
}

/**
 * Waits until the consumer reported `count` updates as failed for good, then for every notice on
 * its way (stop() lets them finish), so what Telegram got is final.
 */
async function settled(h: Harness, count: number): Promise<void> {
  await waitFor(`${count} updates to fail for good`, () => h.failedForGood.length >= count);
  await h.notices.stop(10_000);
}

/** The notices Telegram got: every sendMessage that says something failed, in either language. */
const noticesSent = (): Call[] =>
  fake
    .callsOf('sendMessage')
    .filter((call) => /did not work|не получилось/.test(String(call.payload.text)) && call.response.ok);

const alwaysFails: MessageHandler = async () => {
  throw new Error('database is down');
};

beforeAll(async () => {
  await fake.start();
  redis = new Redis(process.env.REDIS_URL ?? '', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  await new Promise((resolve) => redis.once('ready', resolve));
});

beforeEach(() => fake.reset());

afterEach(async () => {
  for (const { consumer, broker, notices } of running.splice(0)) {
    await consumer.stop(2_000);
    await notices.stop(2_000);
    await broker.close();
  }
});

afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await deleteTopology(prefix, RETRY_DELAYS_MS);
  }
  redis.disconnect();
  await fake.stop();
});

describe('failure notices', () => {
  it('after the last attempt, tells the person once, in their language, in the chat the update came from', async () => {
    const attempts: number[] = [];
    const h = await start('spent', () => async (_message, context) => {
      attempts.push(context.attempt);
      throw new Error('database is down');
    });
    const sent = textMessage({ chat: privateChat(boris), from: boris, text: '/add Купить молоко' });

    await publish(h, sent);
    await settled(h, 1);

    expect(attempts).toEqual([1, 2, 3]);
    expect(await queueDepth(h.dead)).toBe(1);
    const notices = noticesSent();
    expect(notices).toHaveLength(1);
    expect(notices[0]?.payload).toMatchObject({
      chat_id: boris.id,
      parse_mode: 'HTML',
      reply_parameters: { message_id: sent.message?.message_id, allow_sending_without_reply: true },
    });
    expect(notices[0]?.payload.text).toBe(rawText('ru', 'failed').replace('{what}', 'вашу команду /add'));
    expect(h.outcomes).toEqual(['sent']);
  });

  it('a permanent failure is told at once, without waiting for the retries', async () => {
    const attempts: number[] = [];
    const h = await start('permanent', () => async (_message, context) => {
      attempts.push(context.attempt);
      throw new PermanentError('Bad Request: message text is empty');
    });

    await publish(h, textMessage({ chat: privateChat(alice), from: alice, text: 'Buy milk' }));
    await settled(h, 1);

    expect(attempts).toEqual([1]);
    expect(noticesSent().map((call) => call.payload.text)).toEqual([
      rawText('en', 'failed').replace('{what}', 'your message'),
    ]);
  });

  it('an update dead-lettered twice (it came again) is told once', async () => {
    const h = await start('twice', () => alwaysFails);
    const sent = textMessage({ chat: privateChat(alice), from: alice, text: '/tasks' });

    await publish(h, sent);
    await waitFor('the first dead-lettering', () => h.failedForGood.length === 1);
    await publish(h, sent);
    await settled(h, 2);

    expect(await queueDepth(h.dead)).toBe(2);
    expect(h.failedForGood).toEqual([sent.update_id, sent.update_id]);
    expect(noticesSent()).toHaveLength(1);
    expect(h.outcomes.sort()).toEqual(['repeat', 'sent']);
  });

  it('ten updates of one person failing at once bring one notice; two people get one each', async () => {
    const h = await start('many', () => alwaysFails);

    for (let i = 0; i < 10; i += 1) {
      await publish(h, textMessage({ chat: privateChat(alice), from: alice, text: `/add task ${i}` }));
    }
    await publish(h, textMessage({ chat: privateChat(boris), from: boris, text: '/tasks' }));
    await settled(h, 11);

    const notices = noticesSent();
    expect(notices.map((call) => call.payload.chat_id).sort()).toEqual([alice.id, boris.id]);
    expect(h.outcomes.filter((outcome) => outcome === 'sent')).toHaveLength(2);
    expect(h.outcomes.filter((outcome) => outcome === 'throttled')).toHaveLength(9);
  });

  it('a group gets one notice when several members fail at once, and a member still hears in private', async () => {
    const h = await start('group', () => alwaysFails);

    await publish(h, textMessage({ chat: group, from: alice, text: '/add@tasks_bot Plan the week' }));
    await waitFor("Alice's failure to be dealt with", () => h.outcomes.length === 1);
    await publish(h, textMessage({ chat: group, from: boris, text: '/tasks' }));
    await waitFor("Boris's failure in the group to be dealt with", () => h.outcomes.length === 2);
    await publish(h, textMessage({ chat: privateChat(boris), from: boris, text: '/today' }));
    await settled(h, 3);

    // Boris's failure in the group was held back for the group's sake, so his private one is told.
    expect(h.outcomes).toEqual(['sent', 'throttled', 'sent']);
    const notices = noticesSent();
    expect(notices.map((call) => call.payload.chat_id)).toEqual([group.id, boris.id]);
    expect(notices[0]?.payload.text).toBe(rawText('en', 'failed').replace('{what}', 'your /add'));
    expect(notices[1]?.payload.text).toBe(rawText('ru', 'failed').replace('{what}', 'вашу команду /today'));
  });

  it('a button whose handling failed is told in the chat of the message it hangs under', async () => {
    const h = await start('button', () => alwaysFails);
    const card = textMessage({ chat: group, from: alice, text: 'a card' }).message;
    if (!card) throw new Error('the builder made no message');
    const pressed = callbackQuery({ from: boris, message: card, data: 'task:done:1' });

    await publish(h, pressed);
    await settled(h, 1);

    expect(noticesSent().map((call) => call.payload)).toEqual([
      expect.objectContaining({
        chat_id: group.id,
        text: rawText('ru', 'failed').replace('{what}', 'нажатие на кнопку'),
        reply_parameters: { message_id: card.message_id, allow_sending_without_reply: true },
      }),
    ]);
  });

  it('says nothing when the failure is Telegram refusing the chat: blocked (403) or gone (400 chat not found)', async () => {
    const blocked = privateChat(alice);
    fake.blockChat(blocked.id);
    const h = await start('refused', ({ telegram }) => async (message) => {
      const update = (message as UpdateMessage).update as unknown as Update.MessageUpdate;
      const chatId = update.message.chat.id;
      try {
        await telegram.sendMessage(chatId, 'Added');
      } catch (error) {
        // A refusal no attempt can change skips the retries, Telegram's error riding along as the cause.
        if ((error as { code?: unknown }).code === 400) {
          throw new PermanentError(describeError(error), { cause: error });
        }
        throw error;
      }
    });

    await publish(h, textMessage({ chat: blocked, from: alice, text: '/add Buy milk' }));
    await waitFor('the blocked update to fail for good', () => h.failedForGood.length === 1);
    fake.failNext('sendMessage', { code: 400, description: 'Bad Request: chat not found' });
    await publish(h, textMessage({ chat: privateChat(boris), from: boris, text: '/add Купить хлеб' }));
    await settled(h, 2);

    expect(h.outcomes).toEqual(['skipped', 'skipped']);
    expect(noticesSent()).toEqual([]);
    // The handler's own sends were all refused; nothing else was sent.
    expect(fake.callsOf('sendMessage').every((call) => !call.response.ok)).toBe(true);
  });

  it('says nothing for failed messages that are not updates (reminders, digests)', async () => {
    const h = await start('own', () => alwaysFails, 300, 'telegram');

    await h.publisher.publishMessage(
      'outgoing',
      { kind: 'reminder', taskId: 1, chatId: alice.id, remindAt: new Date().toISOString() },
      { sender: 'scheduler', messageId: 'reminder:1' },
    );
    await settled(h, 1);

    expect(h.failedForGood).toEqual(['reminder']);
    expect(h.outcomes).toEqual([]);
    expect(fake.callsOf('sendMessage')).toEqual([]);
  });

  it('sends nothing with FAILURE_NOTICE_INTERVAL_SECONDS=0, and the update is dead-lettered all the same', async () => {
    const h = await start('off', () => alwaysFails, 0);

    await publish(h, textMessage({ chat: privateChat(alice), from: alice, text: '/add Buy milk' }));
    await settled(h, 1);

    expect(await queueDepth(h.dead)).toBe(1);
    expect(h.outcomes).toEqual([]);
    expect(fake.callsOf('sendMessage')).toEqual([]);
  });

  it('a notice Telegram is slow to take holds up nothing, and stop() gives it up', async () => {
    const handled: number[] = [];
    const h = await start('slow', () => async (message) => {
      const { update } = message as UpdateMessage;
      if ((update as { message?: { text?: string } }).message?.text === 'fail')
        throw new PermanentError('no such task');
      handled.push(update.update_id);
    });
    fake.failNext('sendMessage', { hangMs: 1_500 });
    const next = textMessage({ chat: privateChat(alice), from: alice, text: 'Buy milk' });

    await publish(h, textMessage({ chat: privateChat(alice), from: alice, text: 'fail' }));
    await waitFor('the failure to be reported', () => h.failedForGood.length === 1);
    await publish(h, next);
    await waitFor("the chat's next update to be handled", () => handled.length === 1);
    const answeredMeanwhile = fake.callsOf('sendMessage').length;
    await h.notices.stop(50);
    // The fake answers the abandoned call late; wait for it, so it is not taken for a later test's.
    await fake.waitForCall('sendMessage');

    expect(handled).toEqual([next.update_id]);
    expect(answeredMeanwhile).toBe(0);
    expect(h.outcomes).toEqual(['failed']);
    const logged = h.lines.filter((line) => line.includes('failure notice failed'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0] ?? '{}')).toMatchObject({
      step: 'send',
      error: expect.stringMatching(/abort/i),
    });
  });

  it('a notice Telegram refuses (500) is logged once with the update, and the dead-lettering stands', async () => {
    const h = await start('send-fails', () => alwaysFails);
    fake.failNext('sendMessage', { code: 500 });
    const sent = textMessage({ chat: privateChat(alice), from: alice, text: '/add Buy milk' });

    await publish(h, sent);
    await settled(h, 1);

    expect(await queueDepth(h.dead)).toBe(1);
    expect(h.outcomes).toEqual(['failed']);
    expect(fake.callsOf('sendMessage').map((call) => call.response.ok)).toEqual([false]);
    const logged = h.lines.filter((line) => line.includes('failure notice failed'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0] ?? '{}')).toMatchObject({
      level: 'warn',
      update_id: sent.update_id,
      chat_id: alice.id,
      user_id: alice.id,
      step: 'send',
      error: expect.stringContaining('500'),
    });
  });
});

describe('the notice of a failed update', () => {
  it('names a command, a message or a button, in the person’s language, and goes to the chat', () => {
    const command = textMessage({ chat: group, from: boris, text: '/done@tasks_bot 2' });
    expect(failureNoticeFor(command as unknown as Update)).toEqual({
      chatId: group.id,
      userId: boris.id,
      inGroup: true,
      text: rawText('ru', 'failed').replace('{what}', 'вашу команду /done'),
      replyTo: command.message?.message_id,
    });
    const text = textMessage({ chat: privateChat(alice), from: alice, text: 'Buy milk' });
    expect(failureNoticeFor(text as unknown as Update)).toMatchObject({
      chatId: alice.id,
      inGroup: false,
      text: rawText('en', 'failed').replace('{what}', 'your message'),
    });
  });

  it('is none for an update nobody asked anything with, or a button under an inline-mode message', () => {
    expect(
      failureNoticeFor({ update_id: 1, my_chat_member: { chat: group, from: alice } } as unknown as Update),
    ).toBeUndefined();
    expect(
      failureNoticeFor({
        update_id: 2,
        callback_query: { id: '1', from: alice, data: 'x' },
      } as unknown as Update),
    ).toBeUndefined();
  });

  it('treats only Telegram refusing the chat as a delivery refusal', async () => {
    const { logger } = memoryLogger(`failure-notices-test-${process.pid}`);
    const telegram = createTelegramClient({
      token: TEST_TOKEN,
      apiRoot: fake.apiRoot,
      redis,
      prefix: filePrefix,
      logger,
    });
    /** The error the client throws when Telegram answers getMe with this failure. */
    const refusal = async (code: 400 | 403 | 500, description: string) => {
      fake.failNext('getMe', { code, description } as Failure);
      return telegram.getMe().then(
        () => new Error('getMe did not fail'),
        (error: unknown) => error,
      );
    };
    expect(isDeliveryRefusal(await refusal(403, 'Forbidden: bot was blocked by the user'))).toBe(true);
    expect(isDeliveryRefusal(await refusal(403, 'Forbidden: user is deactivated'))).toBe(true);
    expect(
      isDeliveryRefusal(
        new PermanentError('400 chat not found', {
          cause: await refusal(400, 'Bad Request: chat not found'),
        }),
      ),
    ).toBe(true);
    expect(
      isDeliveryRefusal(
        await refusal(400, 'Bad Request: not enough rights to send text messages to the chat'),
      ),
    ).toBe(true);
    expect(isDeliveryRefusal(await refusal(400, 'Bad Request: message text is empty'))).toBe(false);
    expect(isDeliveryRefusal(await refusal(500, 'Internal Server Error'))).toBe(false);
    expect(isDeliveryRefusal(new Error('database is down'))).toBe(false);
  });
});
