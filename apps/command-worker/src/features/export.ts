import type { BotContext } from '@taskbot/bot/bot-context';
import { t } from '@taskbot/domain/texts';
import { Composer } from 'telegraf';

/**
 * /export: the tasks as two files, a CSV table and an iCalendar file, uploaded as they are written
 * (see @taskbot/tasks/task-export). In private the person's own tasks and those assigned to them in
 * other chats; in a group the group's tasks, for its admins only.
 */
export const exportFeature = new Composer<BotContext>();

exportFeature.command('export', async (ctx) => {
  const { chat, user } = await ctx.sender();
  const now = ctx.deps.now();
  const files = await ctx.tasks.exportFor({ user, chat }, { uidDomain: ctx.botInfo.username, now });
  if (files === 'notAllowed') {
    await ctx.reply(t(ctx.lang, 'exportAdminOnly'), { parse_mode: 'HTML' });
    return;
  }
  if (files.count === 0) {
    await ctx.reply(t(ctx.lang, 'exportNothing'), { parse_mode: 'HTML' });
    return;
  }
  const name = `tasks-${now.toISOString().slice(0, 10)}`;
  // Each stream is made as its file is sent: a send the ledger answers (a job run again) reads nothing.
  await ctx.replyWithDocument(
    { source: files.csv(), filename: `${name}.csv` },
    { caption: t(ctx.lang, 'exportCsvCaption', { count: files.count }), parse_mode: 'HTML' },
  );
  await ctx.replyWithDocument(
    { source: files.ics(), filename: `${name}.ics` },
    { caption: t(ctx.lang, 'exportIcsCaption'), parse_mode: 'HTML' },
  );
  ctx.log.info('tasks exported', { count: files.count });
});
