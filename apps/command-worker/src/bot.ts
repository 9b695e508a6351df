import type { BotContext } from '@taskbot/worker/bot-context';
import type { Telegraf } from 'telegraf';
import { listsFeature } from './features/lists';
import { nulNoticeFeature } from './features/nul-notice';
import { projectsFeature } from './features/projects';
import { promptsFeature } from './features/prompts';
import { settingsFeature } from './features/settings';
import { startFeature } from './features/start';
import { fallbackFeature, tasksFeature } from './features/tasks';

/**
 * Every feature of the command worker, mounted in one place. Order matters: answers to the bot's
 * questions come before commands' fallbacks, and plain text (a new task, or an unknown command) last.
 */
export function installCommandFeatures(bot: Telegraf<BotContext>): void {
  bot.use(nulNoticeFeature);
  bot.use(promptsFeature);
  bot.use(startFeature);
  bot.use(tasksFeature);
  bot.use(listsFeature);
  bot.use(projectsFeature);
  bot.use(settingsFeature);
  bot.use(fallbackFeature);
}
