import type { BotContext } from '@taskbot/bot/bot-context';
import { findRecurrenceInTokens } from '@taskbot/domain/find-recurrence';
import { repeatOnTask } from '@taskbot/domain/series';
import { tokenizeText } from '@taskbot/domain/text-tokens';
import { t } from '@taskbot/domain/texts';
import { loadCardView } from '@taskbot/tasks/task-views';
import { messageOptions } from '@taskbot/telegram/markup';

/**
 * The answer to "How should it repeat?" (the ✍️ choice of a card's 🔁 menu): a phrase read by the
 * same rules as quick-add ("every Monday 10:00", "по будням в 9"), set on the task if the person
 * still may change it, and the card sent again.
 */
export async function answerRepeat(ctx: BotContext, taskId: number, text: string): Promise<void> {
  const { chat, user } = await ctx.sender();
  const found = findRecurrenceInTokens(tokenizeText(text));
  if (!found) {
    await ctx.reply(t(ctx.lang, 'repeatBad', { text: [...text].slice(0, 100).join('') }), {
      parse_mode: 'HTML',
    });
    return;
  }
  const task = await ctx.tasks.find(chat.id, taskId);
  if (!task) {
    await ctx.reply(t(ctx.lang, 'taskNotFound'), { parse_mode: 'HTML' });
    return;
  }
  if (!(await ctx.tasks.mayChange({ user, chat }, task))) {
    await ctx.reply(t(ctx.lang, 'notYourTask'), { parse_mode: 'HTML' });
    return;
  }
  const set = repeatOnTask(found.rule, task.dueAt, ctx.deps.now(), ctx.person.timeZone);
  const result = await ctx.tasks.change({ user, chat }, task.id, {
    recurrence: set.repeat.rrule,
    ...(set.dueAt ? { dueAt: set.dueAt } : {}),
  });
  if (!result) return;
  const view = await loadCardView(ctx.deps, result.after, ctx.lang, ctx.person);
  await ctx.reply(view.text, messageOptions(view));
}
