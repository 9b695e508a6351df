import type { BotContext } from '@taskbot/bot/bot-context';
import { t } from '@taskbot/domain/texts';
import { Composer } from 'telegraf';

const MESSAGE_LIMIT = 4096;

/**
 * When the gateway removed NUL characters from a message, the first reply to it says so in a last
 * line (or, when that would not fit, in a message of its own after it). Nothing is said when the
 * bot does not answer the message at all.
 */
export const nulNoticeFeature = new Composer<BotContext>();

nulNoticeFeature.use(async (ctx, next) => {
  if (!ctx.nulRemoved) return next();
  const reply = ctx.reply.bind(ctx);
  let replied = false;
  let told = false;
  ctx.reply = (text, extra) => {
    const note = t(ctx.lang, 'nulRemoved');
    const first = !replied;
    replied = true;
    if (first && typeof text === 'string' && text.length + note.length + 2 <= MESSAGE_LIMIT) {
      told = true;
      return reply(`${text}\n\n${note}`, extra);
    }
    return reply(text, extra);
  };
  await next();
  if (replied && !told) await reply(t(ctx.lang, 'nulRemoved'));
});
