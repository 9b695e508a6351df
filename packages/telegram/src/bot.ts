import type { UserFromGetMe } from '@telegraf/types';
import type { Telegram } from 'telegraf';
import { type Context, Telegraf } from 'telegraf';
import { installLeanCompose } from './lean-compose';

// Before any Composer is built: the features are composed when their modules load, and the apps
// load this module (through @taskbot/worker) before their features.
installLeanCompose();

/**
 * A telegraf bot that only handles updates given to it (`handleUpdate`); it never polls and never
 * calls getMe per update, since botInfo is known from the start.
 */
export function createBot<C extends Context>(
  telegram: Telegram,
  botInfo: UserFromGetMe,
  contextType?: new (...args: ConstructorParameters<typeof Context>) => C,
): Telegraf<C> {
  const bot = new Telegraf<C>(telegram.token, {
    telegram: telegram.options,
    handlerTimeout: 30_000,
    ...(contextType ? { contextType } : {}),
  });
  bot.telegram = telegram;
  // handleUpdate gives each update's context a fresh plain Telegram, then copies bot.context onto
  // it: this puts the one client (send-once, flood control) back in the handlers' hands.
  Object.assign(bot.context, { telegram });
  bot.botInfo = botInfo;
  // telegraf's default error handler sets process.exitCode; errors belong to the caller's boundary.
  bot.catch((error) => {
    throw error;
  });
  return bot;
}

/**
 * The bot as the configuration names it (TELEGRAM_BOT_USERNAME), so that no getMe is needed: its id
 * is the number the token starts with.
 */
export function configuredBotInfo(token: string, username: string): UserFromGetMe {
  return {
    id: Number(token.slice(0, token.indexOf(':'))),
    is_bot: true,
    first_name: username,
    username,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
}
