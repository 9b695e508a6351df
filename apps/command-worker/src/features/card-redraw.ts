import type { BotContext } from '@taskbot/bot/bot-context';
import type { RepliedMessage } from '@taskbot/domain/card-reply';
import { showsMainCard } from '@taskbot/domain/task-notes';
import { loadCardView } from '@taskbot/tasks/task-views';
import { messageOptions } from '@taskbot/telegram/markup';
import { classifyTelegramError } from '@taskbot/telegram/telegram-errors';

/**
 * Redraws the card a person replied to with a note or a file, so that it counts what was added.
 * Only a card showing its main buttons is redrawn: a reminder or an open menu is left as it is.
 * What was added is saved and answered already, so a card Telegram will not let us edit (deleted
 * since, too old) only stays as it was; the next time it is shown it has the change.
 */
export async function redrawRepliedCard(
  ctx: BotContext,
  replied: RepliedMessage & { message_id: number },
  taskId: number,
): Promise<void> {
  if (!showsMainCard(replied, taskId)) return;
  const { chat } = await ctx.sender();
  const task = await ctx.tasks.find(chat.id, taskId);
  if (!task) return;
  const view = await loadCardView(ctx.deps, task, ctx.lang, ctx.person);
  try {
    await ctx.telegram.editMessageText(
      chat.id,
      replied.message_id,
      undefined,
      view.text,
      messageOptions(view),
    );
  } catch (error) {
    const failure = classifyTelegramError(error);
    if (failure.kind !== 'permanent' && failure.kind !== 'done') throw error;
    ctx.log.info('card not redrawn', { task_id: taskId, reason: failure.reason });
  }
}
