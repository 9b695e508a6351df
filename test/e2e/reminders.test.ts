import { Task } from '@taskbot/db/entities/Task';
import { callbackQuery, privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { waitFor } from '../support/amqp';
import { TEST_SECRET } from '../support/stack';
import { useStack } from '../support/use-stack';

// Reminders through the whole stack: the command worker's scheduler finds a task that is due, the
// reminder reaches the person once, and its buttons (snooze, done) work through the gateway and the
// callback worker. Due times are set a moment ahead in the database, with no lead time, and the
// scheduler looks every 100 ms, so nothing waits for a real quarter of an hour.

interface Sent {
  message_id: number;
  chat: { id: number; type: string };
  text: string;
  date: number;
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
}

describe('reminders, end to end', () => {
  const system = useStack('reminders_e2e', {
    extraEnv: { SCHEDULER_INTERVAL_MS: '100', DEFAULT_REMINDER_LEAD_MINUTES: '0' },
  });
  const { fake } = system;
  const ann = user(6_200_001, { first_name: 'Ann', language_code: 'en' });
  const chat = privateChat(ann);

  const post = async (update: unknown) => {
    const response = await fetch(`${system.stack().gatewayUrl}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
  };

  const tasks = () => system.database().dataSource.getRepository(Task);

  /** Adds a task by chat and makes it due a moment from now. */
  const addDueTask = async (title: string): Promise<Task> => {
    await post(textMessage({ chat, from: ann, text: `/add ${title}` }));
    await fake.waitForCall(
      'sendMessage',
      (c) => c.payload.chat_id === chat.id && String(c.payload.text).includes(title),
    );
    const task = await tasks().findOneByOrFail({ title });
    const soon = new Date(Date.now() + 500);
    await tasks().update({ id: task.id }, { dueAt: soon, remindAt: soon, remindedAt: null });
    return task;
  };

  const remindersOf = (title: string) =>
    fake
      .callsOf('sendMessage')
      .filter(
        (c) => String(c.payload.text).startsWith('⏰ Reminder:') && String(c.payload.text).includes(title),
      );

  const reminder = async (title: string, count = 1): Promise<Sent> => {
    const calls = await fake.waitForCalls(
      'sendMessage',
      count,
      (c) => String(c.payload.text).startsWith('⏰ Reminder:') && String(c.payload.text).includes(title),
    );
    const last = calls[count - 1];
    if (!last) throw new Error(`no reminder of "${title}"`);
    return (last.response as { result: Sent }).result;
  };

  const press = async (message: Sent, data: string) => {
    const update = callbackQuery({ from: ann, message: message as never, data });
    await post(update);
    const answer = await fake.waitForCall(
      'answerCallbackQuery',
      (c) => c.payload.callback_query_id === update.callback_query?.id,
    );
    return String(answer.payload.text ?? '');
  };

  const buttonData = (message: Sent, text: string) => {
    const found = message.reply_markup?.inline_keyboard.flat().find((button) => button.text === text);
    if (!found) throw new Error(`no button "${text}" on ${JSON.stringify(message.reply_markup)}`);
    return found.callback_data;
  };

  it('reminds of a task due soon exactly once, with Done and snooze buttons', async () => {
    const task = await addDueTask('Pay rent');
    const sent = await reminder('Pay rent');
    expect(sent.chat.id).toBe(chat.id);
    expect(sent.reply_markup?.inline_keyboard.flat().map((button) => button.text)).toEqual([
      '✅ Done',
      '⏰ 15 min',
      '⏰ 1 hour',
      '⏰ Tomorrow',
    ]);
    await waitFor(
      'the reminder to be claimed',
      async () => (await tasks().findOneByOrFail({ id: task.id })).remindedAt !== null,
    );

    // Another reminder going out proves the scheduler kept ticking meanwhile: the first stays single.
    await addDueTask('Water the plants');
    await reminder('Water the plants');
    expect(remindersOf('Pay rent')).toHaveLength(1);
  });

  it('snoozes for 15 minutes from the reminder, which re-arms it', async () => {
    const task = await addDueTask('Call the bank');
    const sent = await reminder('Call the bank');

    const before = Date.now();
    expect(await press(sent, buttonData(sent, '⏰ 15 min'))).toMatch(/^⏰ I’ll remind you at /);
    const edit = await fake.waitForCall('editMessageText', (c) => c.payload.message_id === sent.message_id);
    expect(String(edit.payload.text)).toContain('I’ll remind you at');
    const snoozed = await tasks().findOneByOrFail({ id: task.id });
    expect(snoozed.remindedAt).toBeNull();
    const inMinutes = ((snoozed.remindAt?.getTime() ?? 0) - before) / 60_000;
    expect(inMinutes).toBeGreaterThanOrEqual(15);
    expect(inMinutes).toBeLessThan(16);

    // Fifteen minutes later (moved up here), the reminder rings again.
    await tasks().update({ id: task.id }, { remindAt: new Date() });
    await reminder('Call the bank', 2);
  });

  it('closes the task with Done on the reminder', async () => {
    const task = await addDueTask('Renew the passport');
    const sent = await reminder('Renew the passport');

    await press(sent, buttonData(sent, '✅ Done'));
    await waitFor(
      'the task to be done',
      async () => (await tasks().findOneByOrFail({ id: task.id })).status === 'done',
    );
  });

  it('sets a reminder from a task card’s ⏰ button and brings the card back', async () => {
    await post(textMessage({ chat, from: ann, text: '/add Plan the trip' }));
    const card = (
      (
        await fake.waitForCall(
          'sendMessage',
          (c) => c.payload.chat_id === chat.id && String(c.payload.text).includes('Plan the trip'),
        )
      ).response as { result: Sent }
    ).result;
    const task = await tasks().findOneByOrFail({ title: 'Plan the trip' });

    await press(card, buttonData(card, '⏰ Remind'));
    const choices = (
      (await fake.waitForCall('editMessageText', (c) => c.payload.message_id === card.message_id))
        .response as {
        result: Sent;
      }
    ).result;
    expect(choices.text).toContain('When should I remind you');

    const before = Date.now();
    expect(await press(choices, buttonData(choices, '⏰ 1 hour'))).toMatch(/^⏰ I’ll remind you at /);
    await fake.waitForCalls('editMessageText', 2, (c) => c.payload.message_id === card.message_id);
    const back = fake.callsOf('editMessageText').filter((c) => c.payload.message_id === card.message_id)[1];
    expect(String(back?.payload.text)).toContain('Plan the trip');
    expect(JSON.stringify(back?.payload.reply_markup)).toContain('⏰ Remind');
    const armed = await tasks().findOneByOrFail({ id: task.id });
    const inMinutes = ((armed.remindAt?.getTime() ?? 0) - before) / 60_000;
    expect(inMinutes).toBeGreaterThanOrEqual(60);
    expect(inMinutes).toBeLessThan(61);
  });

  it('refuses a snooze with forged data and changes nothing', async () => {
    const task = await addDueTask('Book tickets');
    const sent = await reminder('Book tickets');
    const before = await tasks().findOneByOrFail({ id: task.id });

    expect(await press(sent, `z:${task.id}:2h`)).toBe('This button no longer works.');
    expect(await press(sent, `z:${task.id + 1000}:1h`)).toBe('That task no longer exists.');
    expect((await tasks().findOneByOrFail({ id: task.id })).remindAt).toEqual(before.remindAt);
  });
});
