import { applyPerson } from '@taskbot/bot/sender';
import type { CallbackAction } from '@taskbot/domain/callback-data';
import { type SettingsMode, settingsView } from '@taskbot/domain/settings-view';
import { t } from '@taskbot/domain/texts';
import { filterChoicesView } from '@taskbot/domain/views';
import { loadProjectsView, loadTaskList } from '@taskbot/tasks/task-views';
import { answerAndEdit, ask, type Press, refuse } from './press';

type Of<K extends CallbackAction['action']> = Press<Extract<CallbackAction, { action: K }>>;

/** Paging and filtering: the same message shows another page or filter. */
export async function pressList({ ctx, action, chat, user }: Of<'list'>): Promise<void> {
  const view = await loadTaskList(ctx.deps, {
    chatId: chat.id,
    userId: user.id,
    filter: action.filter,
    page: action.page,
    lang: ctx.lang,
    person: ctx.person,
  });
  await answerAndEdit(ctx, view);
}

export async function pressFilters({ ctx, action, chat }: Of<'filters'>): Promise<void> {
  const projects = (await ctx.projects.list(chat.id)).filter((project) => !project.archived);
  await answerAndEdit(ctx, filterChoicesView(ctx.lang, action.filter, projects));
}

/** ✅ on a list (and `d:<id>` of older lists): marks the task done and redraws the same page. */
export async function pressListDone(press: Of<'listDone'>): Promise<void> {
  const { ctx, chat, user } = press;
  const { filter, page } = press.action;
  const task = await ctx.tasks.find(chat.id, press.action.taskId);
  if (!task) return refuse(ctx, 'taskNotFound');
  if (!(await ctx.tasks.mayChange({ user, chat }, task))) {
    return refuse(ctx, 'notYourTask');
  }
  const result = await ctx.tasks.change({ user, chat }, task.id, { status: 'done' });
  if (result?.changed) ctx.log.info('task done', { task_id: task.id });
  const view = await loadTaskList(ctx.deps, {
    chatId: chat.id,
    userId: user.id,
    filter,
    page,
    lang: ctx.lang,
    person: ctx.person,
  });
  await answerAndEdit(
    ctx,
    view,
    result?.changed
      ? t(ctx.lang, 'taskDone', { title: [...task.title].slice(0, 150).join('') })
      : t(ctx.lang, 'taskAlreadyDone'),
  );
}

function projectsScreen({ ctx, chat }: Press) {
  return loadProjectsView(ctx.deps, ctx.lang, chat.id);
}

export async function pressProjects(
  press: Of<'projects' | 'projectNew' | 'projectRename' | 'projectArchive'>,
) {
  const { ctx, action, chat, user } = press;
  switch (action.action) {
    case 'projects':
      return answerAndEdit(ctx, await projectsScreen(press));
    case 'projectNew':
      return ask(press, t(ctx.lang, 'projectPrompt'), { kind: 'projectNew', userId: user.id });
    case 'projectRename': {
      if (!(await ctx.projects.mayManage({ user, chat }))) return refuse(ctx, 'projectsAdminOnly');
      const project = (await ctx.projects.list(chat.id)).find(
        (p) => p.id === action.projectId && !p.archived,
      );
      if (!project) return refuse(ctx, 'projectNotFound');
      return ask(press, t(ctx.lang, 'projectRenamePrompt', { name: project.name }), {
        kind: 'projectRename',
        projectId: project.id,
        userId: user.id,
      });
    }
    case 'projectArchive': {
      const archived = await ctx.projects.archive({ user, chat }, action.projectId);
      if (archived === 'notAllowed') return refuse(ctx, 'projectsAdminOnly');
      if (!archived) return refuse(ctx, 'projectNotFound');
      return answerAndEdit(
        ctx,
        await projectsScreen(press),
        t(ctx.lang, 'projectArchived', { name: archived.name }),
      );
    }
  }
}

const SETTINGS_MENUS: Record<string, SettingsMode> = {
  menu: 'main',
  leadMenu: 'lead',
  digestMenu: 'digest',
  quietMenu: 'quiet',
};

/** Settings are the presser's own: whoever presses changes only their settings. */
export async function pressSettings(press: Of<'settings'>): Promise<void> {
  const { ctx, action, user } = press;
  let current = user;
  let mode: SettingsMode = 'main';
  switch (action.op) {
    case 'timeZone':
      return ask(press, t(ctx.lang, 'timeZonePrompt'), {
        kind: 'setting',
        setting: 'timeZone',
        userId: user.id,
      });
    case 'digestAsk':
      return ask(press, t(ctx.lang, 'digestPrompt'), { kind: 'setting', setting: 'digest', userId: user.id });
    case 'quietAsk':
      return ask(press, t(ctx.lang, 'quietPrompt'), { kind: 'setting', setting: 'quiet', userId: user.id });
    case 'language':
      current = await ctx.deps.users.updateSettings(user.id, { language: action.language });
      break;
    case 'lead':
      current = await ctx.deps.users.updateSettings(user.id, { reminderLeadMinutes: action.minutes });
      break;
    case 'digest':
      current = await ctx.deps.users.updateSettings(user.id, { digestTime: action.time });
      break;
    case 'quiet':
      current = await ctx.deps.users.updateSettings(user.id, {
        quietStart: action.start,
        quietEnd: action.end,
      });
      break;
    default:
      mode = SETTINGS_MENUS[action.op] ?? 'main';
  }
  const view = settingsView(applyPerson(ctx, current), mode);
  await answerAndEdit(
    ctx,
    view,
    mode === 'main' && action.op !== 'menu' ? t(ctx.lang, 'answerSaved') : undefined,
  );
}
