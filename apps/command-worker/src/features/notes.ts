import type { BotContext } from '@taskbot/bot/bot-context';
import { taskIdOfCard } from '@taskbot/domain/card-reply';
import { t } from '@taskbot/domain/texts';
import type { AddNoteOutcome } from '@taskbot/tasks/task-notes';
import type { Message } from '@telegraf/types';
import { Composer } from 'telegraf';
import { redrawRepliedCard } from './card-redraw';

/**
 * Notes by reply: text replying to one of the bot's task cards is a note on that task, in private
 * chats and groups (where privacy mode still brings replies to the bot). A reply to a question is
 * an answer (the prompts feature, mounted before this one) and a reply that is a command stays one.
 */
export const notesFeature = new Composer<BotContext>();

function refusal(ctx: BotContext, outcome: Exclude<AddNoteOutcome, { ok: true }>): string {
  switch (outcome.reason) {
    case 'empty':
      return t(ctx.lang, 'noteEmpty');
    case 'tooLong':
      return t(ctx.lang, 'noteTooLong', { length: outcome.length, max: outcome.max });
    case 'full':
      return t(ctx.lang, 'noteLimit', { max: outcome.max });
    case 'notAllowed':
      return t(ctx.lang, 'noteNotAllowed');
    case 'notFound':
      return t(ctx.lang, 'taskNotFound');
  }
}

notesFeature.on('text', async (ctx, next) => {
  const { text, reply_to_message: replied } = ctx.message;
  if (!replied || text.startsWith('/')) return next();
  const taskId = taskIdOfCard(replied, ctx.botInfo.id);
  if (taskId === undefined) return next();
  const { chat, user } = await ctx.sender();
  const outcome = await ctx.notes.add({ user, chat }, taskId, text, ctx.update.update_id);
  const answer = { parse_mode: 'HTML' as const, reply_parameters: replyTo(ctx.message) };
  if (!outcome.ok) {
    ctx.log.info('note refused', { task_id: taskId, reason: outcome.reason });
    await ctx.reply(refusal(ctx, outcome), answer);
    return;
  }
  ctx.log.info(outcome.created ? 'note added' : 'note already added by this update', { task_id: taskId });
  await ctx.reply(t(ctx.lang, 'noteAdded', { count: outcome.count }), answer);
  await redrawRepliedCard(ctx, replied, taskId);
});

function replyTo(message: Message) {
  return { message_id: message.message_id, allow_sending_without_reply: true };
}
