import type { BotContext } from '@taskbot/bot/bot-context';
import { t } from '@taskbot/domain/texts';
import { Composer } from 'telegraf';
import { reactivate } from '../chat-activity';
import { askTimeZone, mayAskTimeZone } from './time-zone';

/**
 * /start registers the person and the chat, makes a chat that had blocked the bot active again, and
 * greets (asking a person who never chose one for their time zone); /help explains with examples.
 */
export const startFeature = new Composer<BotContext>();

startFeature.start(async (ctx) => {
  // /start after a block (Telegram's "Restart") means the person takes messages again.
  const { chat, user } = await ctx.sender();
  await reactivate(ctx, chat);
  const greeting = t(ctx.lang, 'greeting', { name: ctx.from.first_name });
  // Someone who never chose a time zone is asked, with the greeting, in a private chat.
  if (mayAskTimeZone(ctx, user)) return askTimeZone(ctx, ctx.message.message_id, greeting);
  await ctx.reply(greeting, { parse_mode: 'HTML' });
});

startFeature.help(async (ctx) => {
  await ctx.sender();
  await ctx.reply(t(ctx.lang, 'help'), { parse_mode: 'HTML' });
});
