import { decodeCallback } from '@taskbot/domain/callback-data';
import { t } from '@taskbot/domain/texts';
import { TASKS_PER_MESSAGE, taskListView } from '@taskbot/domain/views';
import { messageOptions } from '@taskbot/telegram/markup';
import type { BotContext } from '@taskbot/worker/bot-context';
import { toTaskSummary } from '@taskbot/worker/task-summary';
import { Composer } from 'telegraf';

/**
 * The "done" button on a task list: marks the task done, answers the press at once, then redraws
 * the list in place. Only a task of the chat the button sits in can be touched.
 */
export const doneFeature = new Composer<BotContext>();

doneFeature.on('callback_query', async (ctx) => {
  const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
  const action = decodeCallback(data);
  const chatId = ctx.callbackQuery.message?.chat.id;
  if (!action || chatId === undefined) {
    ctx.log.info('button refused', { data: data?.slice(0, 64) });
    await ctx.answerCbQuery(t(ctx.lang, 'unknownButton'));
    return;
  }
  const result = await ctx.deps.tasks.complete(chatId, action.taskId);
  if (!result) {
    await ctx.answerCbQuery(t(ctx.lang, 'taskNotFound'));
  } else {
    ctx.log.info(result.changed ? 'task done' : 'task was already done', { task_id: action.taskId });
    await ctx.answerCbQuery(
      result.changed ? t(ctx.lang, 'taskDone', { title: result.task.title }) : t(ctx.lang, 'taskAlreadyDone'),
    );
  }
  const { tasks, total } = await ctx.deps.tasks.listOpen(chatId, { limit: TASKS_PER_MESSAGE, offset: 0 });
  const view = taskListView(ctx.lang, tasks.map(toTaskSummary), total);
  await ctx.editMessageText(view.text, messageOptions(view));
});
