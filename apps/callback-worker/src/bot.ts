import type { BotContext } from '@taskbot/bot/bot-context';
import type { Telegraf } from 'telegraf';
import { buttonsFeature, unknownButtonFeature } from './features/buttons';
import { forgetMeFeature } from './features/forget-me';
import { remindersFeature } from './features/reminders';

/** Every feature of the callback worker, mounted in one place; the refusal of unknown data last. */
export function installCallbackFeatures(bot: Telegraf<BotContext>): void {
  bot.use(buttonsFeature);
  bot.use(remindersFeature);
  bot.use(forgetMeFeature);
  bot.use(unknownButtonFeature);
}
