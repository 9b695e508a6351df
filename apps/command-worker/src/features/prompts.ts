import { parseSettingValue } from '@taskbot/domain/settings-input';
import { checkTitle, MAX_TITLE_LENGTH } from '@taskbot/domain/task-title';
import { t } from '@taskbot/domain/texts';
import { isValidTimeZone } from '@taskbot/domain/time-zone';
import { messageOptions } from '@taskbot/telegram/markup';
import { sleep } from '@taskbot/telegram/sleep';
import type { BotContext } from '@taskbot/worker/bot-context';
import { changeTaskFor, loadCardView, mayChangeAs, mayManageProjects } from '@taskbot/worker/task-summary';
import { Composer } from 'telegraf';
import { createProject } from './projects';
import { applySetting } from './settings';

/**
 * Answers to the bot's questions (sent with ForceReply): a new task title, a project name, a time
 * zone, a digest time, quiet hours. The question is found by the message replied to; only the
 * person who was asked can answer it.
 */
export const promptsFeature = new Composer<BotContext>();

/** A question the bot sent this many seconds ago or less may not be on record yet. */
const FRESH_QUESTION_S = 10;
/** How long to wait for its record before taking the text as something else. */
const LOOK_AGAIN_MS = [50, 100, 200];

/**
 * The question a reply answers. The bot records a question right after Telegram accepted it, in
 * another worker, so an answer to a question just sent can arrive first: look again a few times.
 */
async function questionAnswered(
  ctx: BotContext,
  chatId: number,
  replyTo: { message_id: number; date: number },
) {
  const lookUp = () => ctx.deps.conversation.prompt(chatId, replyTo.message_id);
  let prompt = await lookUp();
  const fresh = ctx.deps.now().getTime() / 1000 - replyTo.date <= FRESH_QUESTION_S;
  for (const ms of fresh ? LOOK_AGAIN_MS : []) {
    if (prompt) break;
    await sleep(ms);
    prompt = await lookUp();
  }
  return prompt;
}

promptsFeature.on('text', async (ctx, next) => {
  const replyTo = ctx.message.reply_to_message;
  if (!replyTo || replyTo.from?.id !== ctx.botInfo.id || ctx.message.text.startsWith('/')) return next();
  const prompt = await questionAnswered(ctx, ctx.chat.id, replyTo);
  if (!prompt || prompt.userId !== ctx.from.id) return next();
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
      const task = await ctx.deps.board.findInChat(chat.id, prompt.taskId);
      if (!task) {
        await ctx.reply(t(ctx.lang, 'taskNotFound'), { parse_mode: 'HTML' });
        break;
      }
      if (!(await mayChangeAs(ctx, user, chat, task))) {
        await ctx.reply(t(ctx.lang, 'notYourTask'), { parse_mode: 'HTML' });
        break;
      }
      const result = await changeTaskFor(ctx, user, chat, task.id, { title: checked.title });
      if (!result) break;
      const view = await loadCardView(ctx.deps, result.after, ctx.lang, ctx.person);
      await ctx.reply(view.text, messageOptions(view));
      break;
    }
    case 'projectNew':
      await createProject(ctx, chat.id, text);
      break;
    case 'projectRename': {
      // Asked again: the person may have lost the admin status since pressing the button.
      const actor = { userId: user.id, chatId: chat.id, chatType: chat.type };
      if (!(await mayManageProjects(ctx.deps, ctx.telegram, actor))) {
        await ctx.reply(t(ctx.lang, 'projectsAdminOnly'), { parse_mode: 'HTML' });
        break;
      }
      const name = text.trim();
      const renamed = await ctx.deps.projects
        .rename(chat.id, prompt.projectId, name)
        .catch((error: unknown) => {
          if (error instanceof RangeError) return 'bad' as const;
          throw error;
        });
      await ctx.deps.cache.invalidateProjects(chat.id);
      const reply =
        renamed === 'bad'
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
      await applySetting(ctx, user.id, parseSettingValue(prompt.setting, text, isValidTimeZone));
      break;
  }
  await ctx.deps.conversation.forgetPrompt(chat.id, replyTo.message_id);
});
