import type { BotContext } from '@taskbot/bot/bot-context';
import { parseSettingValue } from '@taskbot/domain/settings-input';
import { checkTitle, MAX_TITLE_LENGTH } from '@taskbot/domain/task-title';
import { t } from '@taskbot/domain/texts';
import { loadCardView } from '@taskbot/tasks/task-views';
import { messageOptions } from '@taskbot/telegram/markup';
import { Composer } from 'telegraf';
import { createProject } from './projects';
import { answerRepeat } from './repeat-prompt';
import { applySetting } from './settings';
import { answerTimeZone } from './time-zone';

/**
 * Answers to the bot's questions (sent with ForceReply): a new task title, a project name, a time
 * zone, a digest time, quiet hours. The question is on record, per person and chat, before it is
 * sent, so the answer always finds it; only a reply to it by the person who was asked answers it.
 */
export const promptsFeature = new Composer<BotContext>();

promptsFeature.on('text', async (ctx, next) => {
  const replyTo = ctx.message.reply_to_message;
  if (!replyTo || replyTo.from?.id !== ctx.botInfo.id || ctx.message.text.startsWith('/')) return next();
  const pending = await ctx.deps.conversation.prompt(ctx.chat.id, ctx.from.id, replyTo.message_id);
  if (!pending || pending.prompt.userId !== ctx.from.id) return next();
  const { prompt } = pending;
  const { chat, user } = await ctx.sender();
  const text = ctx.message.text;
  switch (prompt.kind) {
    case 'editTitle': {
      const checked = checkTitle(text);
      if (!checked.ok) {
        await ctx.reply(
          checked.reason === 'empty'
            ? t(ctx.lang, 'emptyTitle')
            : t(ctx.lang, 'titleTooLong', { length: checked.length, max: MAX_TITLE_LENGTH }),
          { parse_mode: 'HTML' },
        );
        return;
      }
      const task = await ctx.tasks.find(chat.id, prompt.taskId);
      if (!task) {
        await ctx.reply(t(ctx.lang, 'taskNotFound'), { parse_mode: 'HTML' });
        break;
      }
      if (!(await ctx.tasks.mayChange({ user, chat }, task))) {
        await ctx.reply(t(ctx.lang, 'notYourTask'), { parse_mode: 'HTML' });
        break;
      }
      const result = await ctx.tasks.change({ user, chat }, task.id, { title: checked.title });
      if (!result) break;
      const view = await loadCardView(ctx.deps, result.after, ctx.lang, ctx.person);
      await ctx.reply(view.text, messageOptions(view));
      break;
    }
    case 'repeat':
      await answerRepeat(ctx, prompt.taskId, text);
      break;
    case 'projectNew':
      await createProject(ctx, chat.id, text);
      break;
    case 'projectRename': {
      // Asked again: the person may have lost the admin status since pressing the button.
      const name = text.trim();
      const renamed = await ctx.projects.rename({ user, chat }, prompt.projectId, name);
      const reply =
        renamed === 'notAllowed'
          ? t(ctx.lang, 'projectsAdminOnly')
          : renamed === 'bad'
            ? t(ctx.lang, 'projectNameBad', { max: 128 })
            : renamed === null
              ? t(ctx.lang, 'projectNotFound')
              : 'taken' in renamed
                ? t(ctx.lang, 'projectTaken', { name })
                : t(ctx.lang, 'projectRenamed', { name });
      await ctx.reply(reply, { parse_mode: 'HTML' });
      break;
    }
    case 'setting':
      if (prompt.setting === 'timeZone') {
        // A city, an offset or a zone; one it cannot read is asked again, so the question stays.
        await answerTimeZone(ctx, user.id, text, pending.id, true);
        return;
      }
      await applySetting(ctx, user.id, parseSettingValue(prompt.setting, text));
      break;
  }
  await ctx.deps.conversation.forgetPrompt(chat.id, ctx.from.id, pending.id);
});
