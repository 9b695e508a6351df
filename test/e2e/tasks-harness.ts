import type { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import { callbackQuery, privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import type { TestDatabase } from '../support/database';
import { type Stack, TEST_SECRET } from '../support/stack';
import { useStack } from '../support/use-stack';

// What the task-manager end-to-end files share: one stack per file (gateway and both workers
// against the fake Bot API and a database of its own), people who write and press buttons, and
// waits for the bot's replies and edits.

export interface Sent {
  message_id: number;
  chat: { id: number; type: string };
  text: string;
  date: number;
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
}

export type Person = ReturnType<typeof user>;
export type Chat = ReturnType<typeof privateChat>;

export interface TaskBot {
  fake: FakeBotApi;
  /** QUEUE_PREFIX (and REDIS_PREFIX) of this file's stack. */
  prefix: string;
  database(): TestDatabase;
  stack(): Stack;
  /** The number of the last recorded Bot API call; waits look only at calls after it. */
  mark(): number;
  /** Posts a text message to the gateway; returns the mark taken before it. */
  say(from: Person, text: string, chat?: Chat, extra?: Record<string, unknown>): Promise<number>;
  /** The next message the bot sent to `chatId` after `since` that contains `fragment`. */
  reply(chatId: number, fragment: string, since?: number): Promise<Sent>;
  /** Says `text` and waits for the reply that contains `fragment`. */
  ask(from: Person, text: string, fragment: string, chat?: Chat): Promise<Sent>;
  /** Presses a button with this data; resolves once the press is answered, with the toast. */
  press(from: Person, message: Sent, data: string): Promise<{ answer: string; seq: number }>;
  /** The next edit of `message` after `since` that contains `fragment`. */
  edited(message: Sent, fragment: string, since: number): Promise<Sent>;
  /** Presses the button whose label holds `label` and waits for the edit that contains `fragment`. */
  pressAndSee(
    from: Person,
    message: Sent,
    shown: Pick<Sent, 'reply_markup'>,
    label: string,
    fragment: string,
  ): Promise<Sent & { answer: string }>;
  /** Answers a question the bot asked with ForceReply. */
  answer(from: Person, question: Sent, text: string, chat?: Chat): Promise<number>;
}

/** The data of the button whose label holds `label`; fails naming the buttons there are. */
export function buttonData(message: Pick<Sent, 'reply_markup'>, label: string): string {
  const found = message.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes(label));
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(message.reply_markup)}`);
  return found.callback_data;
}

export function buttonLabels(message: Pick<Sent, 'reply_markup'>): string[] {
  return message.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [];
}

/** Registers the stack's start and stop with jest and returns the ways to talk to it. */
export function useTaskBot(label: string, extraEnv: Record<string, string> = {}): TaskBot {
  const system = useStack(label, { extraEnv });
  const { fake, prefix } = system;
  const running = system.stack;

  const mark = () => fake.calls.at(-1)?.seq ?? 0;

  const post = async (update: unknown) => {
    const response = await fetch(`${running().gatewayUrl}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
  };

  const bot: TaskBot = {
    fake,
    prefix,
    database: system.database,
    stack: running,
    mark,
    async say(from, text, chat = privateChat(from), extra = {}) {
      const update = textMessage({ chat, from, text });
      Object.assign(update.message as object, extra);
      const seq = mark();
      await post(update);
      return seq;
    },
    async reply(chatId, fragment, since = 0) {
      const call = await fake.waitForCall(
        'sendMessage',
        (c) => c.seq > since && c.payload.chat_id === chatId && String(c.payload.text).includes(fragment),
      );
      return (call.response as { result: Sent }).result;
    },
    async ask(from, text, fragment, chat = privateChat(from)) {
      const seq = await bot.say(from, text, chat);
      return bot.reply(chat.id, fragment, seq);
    },
    async press(from, message, data) {
      const update = callbackQuery({ from, message: message as never, data });
      const seq = mark();
      await post(update);
      const answer = await fake.waitForCall(
        'answerCallbackQuery',
        (c) => c.payload.callback_query_id === update.callback_query?.id,
      );
      return { answer: String(answer.payload.text ?? ''), seq };
    },
    async edited(message, fragment, since) {
      const call = await fake.waitForCall(
        'editMessageText',
        (c) =>
          c.seq > since &&
          c.payload.message_id === message.message_id &&
          String(c.payload.text).includes(fragment),
      );
      return { ...message, ...(call.payload as Partial<Sent>) } as Sent;
    },
    async pressAndSee(from, message, shown, label, fragment) {
      const { answer, seq } = await bot.press(from, message, buttonData(shown, label));
      return { ...(await bot.edited(message, fragment, seq)), answer };
    },
    answer(from, question, text, chat = privateChat(from)) {
      return bot.say(from, text, chat, { reply_to_message: question });
    },
  };
  return bot;
}
