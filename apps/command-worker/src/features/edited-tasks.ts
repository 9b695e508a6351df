import type { BotContext } from '@taskbot/bot/bot-context';
import { taskTextOf } from '@taskbot/domain/chat-life';
import { parseQuickAdd } from '@taskbot/domain/quick-add';
import { t } from '@taskbot/domain/texts';
import { Composer } from 'telegraf';
import { editedMessage } from 'telegraf/filters';

/**
 * Editing the message that made a task (`/add …`, or plain text in a private chat) renames the
 * task, as a person who fixed a typo expects: the title is read from the new text the way /add
 * reads it (dates, #project and !priority leave it; only the title changes). A task renamed by
 * hand since keeps the name it was given (see TaskBoardRepository.retitleFromSource). Any other
 * edited message changes nothing and gets no answer.
 */
export const editedTasksFeature = new Composer<BotContext>();

editedTasksFeature.on(editedMessage('text'), async (ctx) => {
  const edited = ctx.editedMessage;
  const text = taskTextOf(edited.text, edited.chat.type, ctx.botInfo.username);
  if (text === undefined) return;
  const { chat } = await ctx.sender();
  const parsed = parseQuickAdd(text, { now: ctx.deps.now(), timeZone: ctx.person.timeZone });
  if (!parsed.ok) {
    ctx.log.info('edited task text does not read as a task; the title stays', { error: parsed.error });
    return;
  }
  const result = await ctx.tasks.retitleFromSource(chat.id, edited.message_id, parsed.title);
  if (!result?.changed) return;
  ctx.log.info('task renamed by an edit of its message', { task_id: result.task.id });
  await ctx.reply(t(ctx.lang, 'taskRetitled', { title: result.task.title }), {
    parse_mode: 'HTML',
    reply_parameters: { message_id: edited.message_id, allow_sending_without_reply: true },
  });
});
