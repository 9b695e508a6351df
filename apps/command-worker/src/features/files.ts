import type { BotContext } from '@taskbot/bot/bot-context';
import { type RepliedMessage, taskIdOfCard } from '@taskbot/domain/card-reply';
import { commandOfMessage } from '@taskbot/domain/command';
import { fileOfMessage } from '@taskbot/domain/message-file';
import { MAX_FILES_PER_TASK } from '@taskbot/domain/task-extras';
import { t } from '@taskbot/domain/texts';
import type { AttachOutcome } from '@taskbot/tasks/task-files';
import { Composer } from 'telegraf';
import { redrawRepliedCard } from './card-redraw';
import { addTask } from './tasks';

/**
 * Files on tasks: a photo, document, voice message or video sent with "/add …" as its caption adds
 * the task with the file attached; one sent in reply to a task's card attaches it to that task (for
 * those who may change the task). Other files are not the bot's business and go on.
 */
export const filesFeature = new Composer<BotContext>();

const ADD_COMMANDS = new Set(['add', 'new']);

type ReplyKey = 'fileAttached' | 'fileAttachedAlready' | 'filesFull' | 'fileNotYourTask' | 'taskNotFound';

/** What the person is told about a file sent in reply to a card. */
function replyOf(outcome: AttachOutcome): { key: ReplyKey; params: Record<string, string | number> } {
  if (outcome.ok) {
    return outcome.added
      ? {
          key: 'fileAttached',
          params: { title: outcome.title, count: outcome.count, max: MAX_FILES_PER_TASK },
        }
      : { key: 'fileAttachedAlready', params: { title: outcome.title } };
  }
  if (outcome.reason === 'full')
    return { key: 'filesFull', params: { title: outcome.title, max: MAX_FILES_PER_TASK } };
  return { key: outcome.reason === 'notAllowed' ? 'fileNotYourTask' : 'taskNotFound', params: {} };
}

filesFeature.on('message', async (ctx, next) => {
  const message = ctx.message;
  if (!fileOfMessage(message)) return next();
  const command = commandOfMessage(message, ctx.botInfo.username);
  if (command && ADD_COMMANDS.has(command.name)) {
    await addTask(ctx, command.args, async (task) => {
      const { chat, user } = await ctx.sender();
      const outcome = await ctx.taskFiles.attachFromMessage({ user, chat }, task.id, message);
      ctx.log.info('file attached to a new task', {
        task_id: task.id,
        outcome: outcome.ok ? 'ok' : outcome.reason,
      });
    });
    return;
  }
  // Telegram's keyboard type lists buttons without callback data too; the card reads only those with.
  const replied = ('reply_to_message' in message ? message.reply_to_message : undefined) as
    | (RepliedMessage & { message_id: number })
    | undefined;
  const taskId = taskIdOfCard(replied, ctx.botInfo.id);
  if (taskId === undefined || !replied) return next();
  const { chat, user } = await ctx.sender();
  const outcome = await ctx.taskFiles.attachFromMessage({ user, chat }, taskId, message);
  ctx.log.info('file sent in reply to a card', {
    task_id: taskId,
    outcome: outcome.ok ? outcome.added : outcome.reason,
  });
  const { key, params } = replyOf(outcome);
  const lines = [t(ctx.lang, key, params as never)];
  // A caption on a file sent to a card says something about the task: it is kept as a note.
  const caption = 'caption' in message ? message.caption?.trim() : undefined;
  if (outcome.ok && caption) {
    const note = await ctx.notes.add({ user, chat }, taskId, caption, ctx.update.update_id);
    ctx.log.info('caption kept as a note', { task_id: taskId, outcome: note.ok ? 'ok' : note.reason });
    if (note.ok) lines.push(t(ctx.lang, 'noteAdded', { count: note.count }));
    else if (note.reason === 'full') lines.push(t(ctx.lang, 'noteLimit', { max: note.max }));
  }
  await ctx.reply(lines.join('\n'), {
    parse_mode: 'HTML',
    reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
  });
  // The card counts its files and gets its 📎 button.
  if (outcome.ok && (outcome.added || caption)) await redrawRepliedCard(ctx, replied, taskId);
});
