import { languageOf } from '@taskbot/domain/language';
import type { Logger } from '@taskbot/logger/logger';
import type { MiddlewareFn } from 'telegraf';
import type { BotContext, WorkerDeps } from './bot-context';
import { senderMiddleware } from './sender';

/**
 * What every update gets before any feature sees it: the stores, the language Telegram reports
 * (until the sender's own settings apply), a logger bound to the update, and `ctx.sender()`.
 * Mounted once per bot, by the composition root, so no feature sets any of it up by hand.
 */
export function botContextMiddleware(deps: WorkerDeps, logger: Logger): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    ctx.deps = deps;
    ctx.lang = languageOf(ctx.from?.language_code);
    ctx.log = logger.child({
      update_id: ctx.update.update_id,
      chat_id: ctx.chat?.id,
      user_id: ctx.from?.id,
    });
    return senderMiddleware(ctx, next);
  };
}
