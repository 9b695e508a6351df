import type { BotContext } from '@taskbot/bot/bot-context';
import { PROJECT_NAME_MAX_LENGTH } from '@taskbot/db/repositories/ProjectRepository';
import { t } from '@taskbot/domain/texts';
import { loadProjectsView } from '@taskbot/tasks/task-views';
import { messageOptions } from '@taskbot/telegram/markup';
import { Composer } from 'telegraf';

/** /projects with open-task counts and buttons; `/project new <name>`. */
export const projectsFeature = new Composer<BotContext>();

projectsFeature.command('projects', async (ctx) => {
  const { chat } = await ctx.sender();
  const view = await loadProjectsView(ctx.deps, ctx.lang, chat.id);
  await ctx.reply(view.text, messageOptions(view));
});

/** Creates a project and says so; the name was typed by the person, so every mistake gets a reason. */
export async function createProject(ctx: BotContext, chatId: number, name: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed || [...trimmed].length > PROJECT_NAME_MAX_LENGTH) {
    await ctx.reply(t(ctx.lang, 'projectNameBad', { max: PROJECT_NAME_MAX_LENGTH }), { parse_mode: 'HTML' });
    return;
  }
  const result = await ctx.projects.create(chatId, trimmed);
  const reply = 'taken' in result ? 'projectTaken' : 'projectCreated';
  await ctx.reply(t(ctx.lang, reply, { name: trimmed }), { parse_mode: 'HTML' });
}

projectsFeature.command('project', async (ctx) => {
  const { chat } = await ctx.sender();
  const match = /^new\s+([\s\S]+)$/i.exec(ctx.payload.trim());
  if (!match?.[1]) {
    await ctx.reply(t(ctx.lang, 'projectUsage'), { parse_mode: 'HTML' });
    return;
  }
  await createProject(ctx, chat.id, match[1]);
});
