import type { BotContext } from '@taskbot/bot/bot-context';
import { t } from '@taskbot/domain/texts';
import { Composer } from 'telegraf';
import { reactivate } from '../chat-activity';

/**
 * /start registers the person and the chat, makes a chat that had blocked the bot active again, and
 * greets; /help explains with examples.
 */
export const startFeature = new Composer<BotContext>();

startFeature.start(async (ctx) => {
  // /start after a block (Telegram's "Restart") means the person takes messages again.
  const { chat } = await ctx.sender();
  await reactivate(ctx, chat);
  await ctx.reply(t(ctx.lang, 'greeting', { name: ctx.from.first_name }), { parse_mode: 'HTML' });
});

startFeature.help(async (ctx) => {
  await ctx.sender();
  await ctx.reply(t(ctx.lang, 'help'), { parse_mode: 'HTML' });
});
