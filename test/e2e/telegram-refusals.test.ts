import { Chat } from '@taskbot/db/entities/Chat';
import { Task } from '@taskbot/db/entities/Task';
import { privateChat, user } from '@taskbot/fake-bot-api/updates';
import { topology } from '@taskbot/messaging/topology';
import { waitFor } from '../support/amqp';
import { kindDepth, queueDepth } from '../support/broker';
import { buttonData, useTaskBot } from './tasks-harness';

// What the bot does when Telegram says no: a user who blocked the bot, Telegram's flood limit, and
// an edit that changes nothing. None of them is an error of the update, so none is retried through
// the delay queues or dead-lettered.

const bot = useTaskBot('refusals');
const deadQueues = () => {
  const layout = topology(bot.prefix);
  return Promise.all(
    Object.values(layout.queues).map((kindQueue) => queueDepth(layout.deadQueue(kindQueue))),
  );
};

describe('when Telegram refuses', () => {
  it('marks a chat that blocked the bot inactive, keeps the task, and does not try again', async () => {
    const erin = user(5_580_001, { language_code: 'en' });
    await bot.ask(erin, '/start', 'Hi, ');
    bot.fake.blockChat(erin.id);
    await bot.say(erin, '/add Call the bank');

    const repository = bot.database().dataSource.getRepository(Chat);
    await waitFor(
      'the chat to be marked inactive',
      async () => (await repository.findOneBy({ id: erin.id }))?.active === false,
    );
    await waitFor('the work queue to be empty', async () => (await kindDepth(bot.prefix, 'commands')) === 0);
    const tries = bot.fake
      .callsOf('sendMessage')
      .filter(
        (call) => call.payload.chat_id === erin.id && String(call.payload.text).includes('Call the bank'),
      );
    expect(tries.map((call) => call.response.ok)).toEqual([false]);
    expect(await bot.database().dataSource.getRepository(Task).countBy({ title: 'Call the bank' })).toBe(1);
    expect(await deadQueues()).toEqual([0, 0, 0]);
    bot.fake.unblockChat(erin.id);
  });

  it("waits out a 429's retry_after and then sends the reply once, in the same attempt", async () => {
    const fran = user(5_580_002, { language_code: 'en' });
    bot.fake.failNext('sendMessage', { code: 429, retryAfter: 1 });
    const since = await bot.say(fran, '/add Renew the passport');
    const toFran = () =>
      bot.fake.callsSince(since, 'sendMessage').filter((call) => call.payload.chat_id === fran.id);
    await waitFor('the reply to go out', () => toFran().some((call) => call.response.ok));

    const tries = toFran();
    expect(tries.map((call) => call.response.ok)).toEqual([false, true]);
    const [refused, sent] = tries;
    expect((sent?.at.getTime() ?? 0) - (refused?.at.getTime() ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(String(sent?.payload.text)).toContain('Renew the passport');
    expect(bot.stack().app('command-worker').output()).not.toContain('will retry');
  });

  it('counts an edit Telegram calls "not modified" as done: the press is answered, nothing is retried', async () => {
    const gus = user(5_580_003, { language_code: 'en' });
    const chat = privateChat(gus);
    const card = await bot.ask(gus, '/add Water the garden', 'Water the garden', chat);
    bot.fake.failNext('editMessageText', {
      code: 400,
      description:
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    });
    const { answer } = await bot.press(gus, card, buttonData(card, 'Done'));

    expect(answer).toContain('Done');
    await waitFor(
      'the press to be acknowledged',
      async () => (await kindDepth(bot.prefix, 'callbacks')) === 0,
    );
    expect(bot.stack().app('callback-worker').output()).not.toContain('will retry');
    expect(await deadQueues()).toEqual([0, 0, 0]);
    const [task] = await bot.database().dataSource.getRepository(Task).findBy({ title: 'Water the garden' });
    expect(task?.status).toBe('done');
  });

  it('goes on with the edit when Telegram no longer takes the answer to a press', async () => {
    const hal = user(5_580_004, { language_code: 'en' });
    const chat = privateChat(hal);
    const card = await bot.ask(hal, '/add Fix the fence', 'Fix the fence', chat);
    // A retried press comes after the few seconds Telegram takes an answer in.
    bot.fake.failNext('answerCallbackQuery', {
      code: 400,
      description: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
    });
    const { seq } = await bot.press(hal, card, buttonData(card, 'Done'));

    const redrawn = await bot.edited(card, 'Fix the fence', seq);
    expect(redrawn.text).toContain('✅');
    const [task] = await bot.database().dataSource.getRepository(Task).findBy({ title: 'Fix the fence' });
    expect(task?.status).toBe('done');
    expect(bot.fake.callsSince(seq, 'answerCallbackQuery').map((call) => call.response.ok)).toEqual([false]);
    expect(bot.stack().app('callback-worker').output()).toContain('answered too late');
    expect(await deadQueues()).toEqual([0, 0, 0]);
  });
});
