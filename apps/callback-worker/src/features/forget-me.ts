import type { BotContext } from '@taskbot/bot/bot-context';
import { applyPerson } from '@taskbot/bot/sender';
import { decodeForgetButton, forgottenView, judgeForgetPress } from '@taskbot/domain/forget-me';
import { t } from '@taskbot/domain/texts';
import { messageOptions } from '@taskbot/telegram/markup';
import { Composer } from 'telegraf';
import { answerAndEdit } from './press';

/**
 * The buttons of /forget_me (`fg:`, see @taskbot/domain/forget-me). Only the person who asked, in
 * their private chat, within ten minutes, forgets themselves; anybody else's press, or forged data,
 * is answered and changes nothing. No press here registers anyone: the person's stored language
 * is read, never written. Other data passes on to the next feature.
 */
export const forgetMeFeature = new Composer<BotContext>();

forgetMeFeature.on('callback_query', async (ctx, next) => {
  const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
  const button = decodeForgetButton(data);
  if (!button) return next();
  const presser = ctx.callbackQuery.from;
  const chatType = ctx.callbackQuery.message?.chat.type ?? 'none';
  const outcome = judgeForgetPress(button, { userId: presser.id, chatType }, ctx.deps.now());
  const stored = await ctx.deps.users.findById(presser.id);
  if (stored && ctx.senderKind === 'person') applyPerson(ctx, stored);
  ctx.log.info('forget_me button pressed', { outcome });
  switch (outcome) {
    case 'notYours':
      await ctx.answerCbQuery(t(ctx.lang, 'forgetNotYours'));
      return;
    case 'privateOnly':
      await ctx.answerCbQuery(t(ctx.lang, 'forgetPrivateOnly'));
      return;
    case 'cancel':
      return answerAndEdit(ctx, { text: t(ctx.lang, 'forgetCancelled') });
    case 'expired':
      return answerAndEdit(ctx, { text: t(ctx.lang, 'forgetExpired') });
    case 'forget': {
      const { counts, redisKeys } = await ctx.forgetting.forget(presser.id);
      ctx.log.info('person forgotten', { ...counts, redis_keys: redisKeys });
      // The edit before the answer: this may be a retry (Redis was away after the database part),
      // by when Telegram no longer takes an answer to the press ("query is too old", which ends
      // the job as done), and the person must still see that they are forgotten.
      const view = forgottenView(ctx.lang, counts);
      await ctx.editMessageText(view.text, messageOptions(view));
      await ctx.answerCbQuery();
      return;
    }
  }
});
