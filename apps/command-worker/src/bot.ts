import type { BotContext } from '@taskbot/bot/bot-context';
import type { Telegraf } from 'telegraf';
import { botMembershipFeature } from './features/bot-membership';
import { chatMigrationFeature } from './features/chat-migration';
import { editedTasksFeature } from './features/edited-tasks';
import { exportFeature } from './features/export';
import { filesFeature } from './features/files';
import { forgetMeFeature } from './features/forget-me';
import { forwardsFeature } from './features/forwards';
import { listsFeature } from './features/lists';
import { membersFeature } from './features/members';
import { notesFeature } from './features/notes';
import { nulNoticeFeature } from './features/nul-notice';
import { projectsFeature } from './features/projects';
import { promptsFeature } from './features/prompts';
import { settingsFeature } from './features/settings';
import { startFeature } from './features/start';
import { fallbackFeature, tasksFeature } from './features/tasks';
import { timeZoneFeature } from './features/time-zone';

/**
 * Every feature of the command worker, mounted in one place. Order matters: the chat migration
 * comes first, since it also catches a reply refused because the group became a supergroup, from
 * any feature after it; then answers to the bot's questions, then notes (replies to a
 * task's card) and forwarded messages (so neither is read as a typed time zone or a command),
 * then the time zone typed without a reply or shared as a location, files (an /add caption, a
 * reply to a card) before the commands, and plain text (a new task, or an unknown command) last.
 * The life of a chat (the bot's membership, members,
 * edited messages) takes updates no other feature reads.
 */
export function installCommandFeatures(bot: Telegraf<BotContext>): void {
  bot.use(chatMigrationFeature);
  bot.use(botMembershipFeature);
  bot.use(membersFeature);
  bot.use(nulNoticeFeature);
  bot.use(editedTasksFeature);
  bot.use(promptsFeature);
  bot.use(notesFeature);
  bot.use(forwardsFeature);
  bot.use(timeZoneFeature);
  bot.use(startFeature);
  bot.use(filesFeature);
  bot.use(tasksFeature);
  bot.use(listsFeature);
  bot.use(projectsFeature);
  bot.use(settingsFeature);
  bot.use(forgetMeFeature);
  bot.use(exportFeature);
  bot.use(fallbackFeature);
}
