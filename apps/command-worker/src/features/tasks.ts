import { parseCommand } from '@taskbot/domain/command';
import { checkTitle, MAX_TITLE_LENGTH } from '@taskbot/domain/task-title';
import { t } from '@taskbot/domain/texts';
import { TASKS_PER_MESSAGE, taskListView } from '@taskbot/domain/views';
import { messageOptions } from '@taskbot/telegram/markup';
import type { BotContext } from '@taskbot/worker/bot-context';
import { registerSender } from '@taskbot/worker/register-sender';
import { toTaskSummary } from '@taskbot/worker/task-summary';
import { Composer } from 'telegraf';

/** Adding tasks (/add, /new, or plain text in a private chat) and listing them (/tasks). */
export const tasksFeature = new Composer<BotContext>();

async function addTask(ctx: BotContext, text: string): Promise<void> {
  const checked = checkTitle(text);
  if (!checked.ok) {
    const reply =
      checked.reason === 'empty'
        ? t(ctx.lang, 'emptyTitle')
        : t(ctx.lang, 'titleTooLong', { length: checked.length, max: MAX_TITLE_LENGTH });
    await ctx.reply(reply, { parse_mode: 'HTML' });
    return;
  }
  const { chat } = await registerSender(ctx);
  const { task, created } = await ctx.deps.tasks.createFromUpdate({
    chatId: chat.id,
    authorId: ctx.from?.id ?? chat.id,
    title: checked.title,
    sourceUpdateId: ctx.update.update_id,
  });
  ctx.log.info(created ? 'task created' : 'task already created by this update', { task_id: task.id });
  await ctx.reply(t(ctx.lang, 'taskAdded', { id: task.id, title: task.title }), { parse_mode: 'HTML' });
}

tasksFeature.command(['add', 'new'], (ctx) => addTask(ctx, ctx.payload));

tasksFeature.command('tasks', async (ctx) => {
  const { tasks, total } = await ctx.deps.tasks.listOpen(ctx.chat.id, {
    limit: TASKS_PER_MESSAGE,
    offset: 0,
  });
  const view = taskListView(ctx.lang, tasks.map(toTaskSummary), total);
  await ctx.reply(view.text, messageOptions(view));
});

tasksFeature.on('text', async (ctx, next) => {
  const command = parseCommand(ctx.message.text, ctx.botInfo.username);
  if (command || ctx.message.text.startsWith('/')) {
    await ctx.reply(t(ctx.lang, 'unknownCommand'), { parse_mode: 'HTML' });
    return;
  }
  if (ctx.chat.type === 'private') {
    await addTask(ctx, ctx.message.text);
    return;
  }
  return next();
});
