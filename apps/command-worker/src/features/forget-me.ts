import type { BotContext } from '@taskbot/bot/bot-context';
import { forgetQuestionView } from '@taskbot/domain/forget-me';
import { t } from '@taskbot/domain/texts';
import { messageOptions } from '@taskbot/telegram/markup';
import { Composer } from 'telegraf';

/**
 * /forget_me asks, in the private chat only: what forgetting deletes, what stays, and the buttons
 * that confirm or cancel it (the callback worker's forget-me feature does the forgetting). In a
 * group it says where it works, and registers nobody.
 */
export const forgetMeFeature = new Composer<BotContext>();

forgetMeFeature.command('forget_me', async (ctx) => {
  if (ctx.chat.type !== 'private' || ctx.senderKind !== 'person') {
    await ctx.reply(t(ctx.lang, 'forgetPrivateOnly'), { parse_mode: 'HTML' });
    return;
  }
  // Registering applies their own language; the rows it may write are counted and deleted too.
  const { user } = await ctx.sender();
  const counts = await ctx.forgetting.preview(user.id);
  const view = forgetQuestionView(ctx.lang, counts, user.id, ctx.deps.now());
  ctx.log.info('forget_me asked', { ...counts });
  await ctx.reply(view.text, messageOptions(view));
});
