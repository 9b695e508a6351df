import type { BotContext } from '@taskbot/bot/bot-context';
import { isForwardOrigin, originNoteText } from '@taskbot/domain/forward-origin';
import { forwardedTask } from '@taskbot/domain/forwarded-task';
import { fileOfMessage } from '@taskbot/domain/message-file';
import { Composer } from 'telegraf';
import { saveTask } from './tasks';

/**
 * A message forwarded to the bot in a private chat becomes a task: its text or caption read as
 * /add reads it (see forwardedTask), where it came from kept as the task's first note, and its
 * photo, document, voice message or video attached. In a
 * group a forward makes nothing, as plain text there makes nothing; it is not read as a command.
 */
export const forwardsFeature = new Composer<BotContext>();

forwardsFeature.on('message', async (ctx, next) => {
  const message = ctx.message as typeof ctx.message & Record<string, unknown>;
  const origin = message.forward_origin;
  if (origin === undefined) return next();
  if (ctx.chat.type !== 'private') {
    ctx.log.debug('forwarded message in a group ignored');
    return;
  }
  // A kind of origin Telegram may add later: the message is taken as if typed.
  if (!isForwardOrigin(origin)) return next();
  const { chat, user } = await ctx.sender();
  const who = { chat, user };
  const parsed = forwardedTask(ctx.lang, message, origin, {
    now: ctx.deps.now(),
    timeZone: ctx.person.timeZone,
  });
  // The file goes on the task before its card is drawn, so the card counts it.
  const attachFile = fileOfMessage(message)
    ? async (task: { id: number }) => {
        const outcome = await ctx.taskFiles.attachFromMessage(who, task.id, message);
        ctx.log.info('forwarded file attached', {
          task_id: task.id,
          outcome: outcome.ok ? 'ok' : outcome.reason,
        });
      }
    : undefined;
  await saveTask(
    ctx,
    who,
    parsed,
    (input) => ctx.notes.createForwarded(who, input, originNoteText(origin)),
    attachFile,
  );
});
