import type { BotContext } from '@taskbot/worker/bot-context';
import type { Telegraf } from 'telegraf';
import { startFeature } from './features/start';
import { tasksFeature } from './features/tasks';

/** Every feature of the command worker, mounted in one place; order matters (text last). */
export function installCommandFeatures(bot: Telegraf<BotContext>): void {
  bot.use(startFeature);
  bot.use(tasksFeature);
}
