import type { BotContext } from '@taskbot/bot/bot-context';
import type { TaskFile } from '@taskbot/db/entities/TaskFile';
import type { CallbackAction } from '@taskbot/domain/callback-data';
import type { TaskFileKind } from '@taskbot/domain/task-extras';
import { t } from '@taskbot/domain/texts';
import { isFileGone } from '@taskbot/telegram/telegram-errors';
import { type Press, refuse } from './press';

type FilesPress = Press<Extract<CallbackAction, { action: 'card' }>>;
type ReplyExtra = { reply_parameters: { message_id: number; allow_sending_without_reply: true } };

// Each file goes back the way it came, by its file_id, through the one client (flood control, and
// the send-once ledger: a press handled again sends nothing twice).
const SEND: Record<
  TaskFileKind,
  (ctx: BotContext, chatId: number, fileId: string, extra: ReplyExtra) => Promise<unknown>
> = {
  photo: (ctx, chatId, fileId, extra) => ctx.telegram.sendPhoto(chatId, fileId, extra),
  document: (ctx, chatId, fileId, extra) => ctx.telegram.sendDocument(chatId, fileId, extra),
  voice: (ctx, chatId, fileId, extra) => ctx.telegram.sendVoice(chatId, fileId, extra),
  video: (ctx, chatId, fileId, extra) => ctx.telegram.sendVideo(chatId, fileId, extra),
};

/**
 * The card's 📎 button: sends the task's files into the chat, in reply to the card. Anyone in the
 * chat may see them, as they see the card; a task of another chat (forged data) is not found, so
 * nothing of it is sent. A file Telegram no longer knows is skipped and counted in one note.
 */
export async function pressFiles({ ctx, action, chat, messageId }: FilesPress): Promise<void> {
  const files = await ctx.taskFiles.filesOf(chat.id, action.taskId);
  if (!files) return refuse(ctx, 'taskNotFound');
  if (files.length === 0) {
    await ctx.answerCbQuery(t(ctx.lang, 'filesNone'));
    return;
  }
  await ctx.answerCbQuery(t(ctx.lang, 'filesSending', { count: files.length }));
  const extra: ReplyExtra = {
    reply_parameters: { message_id: messageId, allow_sending_without_reply: true },
  };
  const lost: TaskFile[] = [];
  for (const file of files) {
    try {
      await SEND[file.kind](ctx, chat.id, file.fileId, extra);
    } catch (error) {
      if (!isFileGone(error)) throw error;
      lost.push(file);
    }
  }
  ctx.log.info('task files sent', { task_id: action.taskId, count: files.length, lost: lost.length });
  if (lost.length > 0) {
    await ctx.reply(t(ctx.lang, 'filesLost', { count: lost.length }), { parse_mode: 'HTML', ...extra });
  }
}
