import { decodeCallback } from './callback-data';

/**
 * What of a replied-to message tells whether it is one of the bot's task cards. (A button's `text`
 * is named so that every kind of Bot API button, those without data included, fits the type.)
 */
export interface RepliedMessage {
  from?: { id: number };
  reply_markup?: {
    inline_keyboard?: ReadonlyArray<ReadonlyArray<{ text?: string; callback_data?: string }>>;
  };
}

/**
 * The task whose card the person replied to, or undefined when the replied message is not a card
 * of this bot. Telegram hands the replied message back with its buttons, and every button of a
 * card names its task (`c:<id>:<op>`), so the card itself says which task it shows: nothing needs
 * recording when it is sent. A message whose buttons name several tasks (a list) is no card.
 * Forged data can name a task, never grant a right: callers check rights as for a button press.
 */
export function taskIdOfCard(replied: RepliedMessage | undefined, botId: number): number | undefined {
  if (!replied || replied.from?.id !== botId) return undefined;
  let taskId: number | undefined;
  for (const row of replied.reply_markup?.inline_keyboard ?? []) {
    for (const button of row) {
      const action = decodeCallback(button.callback_data);
      if (action?.action !== 'card') continue;
      if (taskId !== undefined && taskId !== action.taskId) return undefined;
      taskId = action.taskId;
    }
  }
  return taskId;
}
