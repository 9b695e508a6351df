import type { BotContext } from '@taskbot/worker/bot-context';
import type { Telegraf } from 'telegraf';
import { doneFeature } from './features/done';

/** Every feature of the callback worker, mounted in one place. */
export function installCallbackFeatures(bot: Telegraf<BotContext>): void {
  bot.use(doneFeature);
}
