import { t } from '@taskbot/domain/texts';
import type { BotContext } from '@taskbot/worker/bot-context';
import { registerSender } from '@taskbot/worker/register-sender';
import { Composer } from 'telegraf';

/** /start registers the person and the chat and greets; /help explains with examples. */
export const startFeature = new Composer<BotContext>();

startFeature.start(async (ctx) => {
  await registerSender(ctx);
  await ctx.reply(t(ctx.lang, 'greeting', { name: ctx.from.first_name }), { parse_mode: 'HTML' });
});

startFeature.help(async (ctx) => {
  await registerSender(ctx);
  await ctx.reply(t(ctx.lang, 'help'), { parse_mode: 'HTML' });
});
