import type { BotContext } from '@taskbot/bot/bot-context';
import { fileSizeText } from '@taskbot/domain/export-task';
import { t } from '@taskbot/domain/texts';
import { type ExportFile, ExportTooLargeError } from '@taskbot/tasks/task-export';
import { Composer } from 'telegraf';

/**
 * /export: the tasks as two files, a CSV table and an iCalendar file, uploaded as they are written
 * (see @taskbot/tasks/task-export). In private the person's own tasks and those assigned to them in
 * other chats; in a group the group's tasks, for its admins only. A file that would be larger than
 * EXPORT_MAX_FILE_BYTES is not sent; the bot says so instead.
 */
export const exportFeature = new Composer<BotContext>();

type CallApiOptions = NonNullable<Parameters<BotContext['telegram']['callApi']>[2]>;

/**
 * Uploads one file of the export; false when it grew past the limit, the upload then cut so that no
 * part of it reached the chat. Any other failure (reading the tasks, Telegram) fails the job.
 */
async function sendExportFile(
  ctx: BotContext,
  file: ExportFile,
  filename: string,
  caption: string,
): Promise<boolean> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) throw new Error('/export without a chat');
  const message = ctx.message;
  try {
    // Not ctx.replyWithDocument: the call must carry the file's signal, which cuts the upload.
    await ctx.telegram.callApi(
      'sendDocument',
      {
        chat_id: chatId,
        // Where ctx.reply* would answer: in the message's forum topic, if it is in one.
        message_thread_id:
          message && 'is_topic_message' in message && message.is_topic_message
            ? message.message_thread_id
            : undefined,
        document: { source: file.source, filename },
        caption,
        parse_mode: 'HTML',
      },
      // telegraf types the signal with its abort-controller polyfill; at run time it is Node's.
      { signal: file.stopped as CallApiOptions['signal'] },
    );
    return true;
  } catch (error) {
    if (!file.stopped.aborted) throw error;
    if (file.stopped.reason instanceof ExportTooLargeError) return false;
    throw file.stopped.reason;
  }
}

exportFeature.command('export', async (ctx) => {
  const { chat, user } = await ctx.sender();
  const now = ctx.deps.now();
  const maxFileBytes = ctx.deps.exportMaxFileBytes;
  const files = await ctx.tasks.exportFor(
    { user, chat },
    { uidDomain: ctx.botInfo.username, now, maxFileBytes },
  );
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
  const sends = [
    {
      file: () => files.csv(),
      filename: `${name}.csv`,
      caption: t(ctx.lang, 'exportCsvCaption', { count: files.count }),
    },
    { file: () => files.ics(), filename: `${name}.ics`, caption: t(ctx.lang, 'exportIcsCaption') },
  ];
  for (const { file, filename, caption } of sends) {
    if (await sendExportFile(ctx, file(), filename, caption)) continue;
    // The first file too large ends the export: the next holds the same tasks.
    await ctx.reply(
      t(ctx.lang, 'exportTooLarge', { file: filename, limit: fileSizeText(maxFileBytes, ctx.lang) }),
      {
        parse_mode: 'HTML',
      },
    );
    ctx.log.info('export larger than the limit, not sent', {
      count: files.count,
      file: filename,
      maxFileBytes,
    });
    return;
  }
  ctx.log.info('tasks exported', { count: files.count });
});
