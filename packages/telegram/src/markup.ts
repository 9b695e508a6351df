import type { View } from '@taskbot/domain/views';
import type { InlineKeyboardMarkup } from '@telegraf/types';

/** The inline keyboard of a view, in the Bot API's shape. */
export function toReplyMarkup(view: View): InlineKeyboardMarkup | undefined {
  if (!view.keyboard) return undefined;
  return {
    inline_keyboard: view.keyboard.map((row) =>
      row.map((button) => ({ text: button.text, callback_data: button.callbackData })),
    ),
  };
}

/** Options for sendMessage / editMessageText that show a view as it is meant. */
export function messageOptions(view: View) {
  const replyMarkup = toReplyMarkup(view);
  return {
    parse_mode: 'HTML' as const,
    link_preview_options: { is_disabled: true },
    ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
  };
}
