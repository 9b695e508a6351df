import type { BotContext } from '@taskbot/bot/bot-context';
import { applyPerson } from '@taskbot/bot/sender';
import {
  changeTimeZone,
  confirmTimeZone,
  locationKeyboard,
  settleTimeZoneQuestion,
} from '@taskbot/bot/time-zone';
import type { CallbackAction, ListFilter } from '@taskbot/domain/callback-data';
import { type SettingsMode, settingsView } from '@taskbot/domain/settings-view';
import { t } from '@taskbot/domain/texts';
import { button, filterChoicesView } from '@taskbot/domain/views';
import { type ZoneButton, zoneScreenView } from '@taskbot/domain/zone-question';
import { loadProjectsView, loadTaskList } from '@taskbot/tasks/task-views';
import { messageOptions } from '@taskbot/telegram/markup';
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
  const { taskId, filter, page } = press.action;
  await changeFromList(press, taskId, 'done', filter, page);
}

/** ↩️ on the done list: reopens the task (rights checked, /undo recorded) and redraws that page. */
export async function pressListReopen(press: Of<'listReopen'>): Promise<void> {
  const { taskId, page } = press.action;
  await changeFromList(press, taskId, 'open', { kind: 'done' }, page);
}

/**
 * Marks a task of a list done or open again through the task service, as its card would, and
 * redraws the list's page. The task is found in the pressed message's chat only.
 */
async function changeFromList(
  { ctx, chat, user }: Press,
  taskId: number,
  status: 'done' | 'open',
  filter: ListFilter,
  page: number,
): Promise<void> {
  const task = await ctx.tasks.find(chat.id, taskId);
  if (!task) return refuse(ctx, 'taskNotFound');
  if (!(await ctx.tasks.mayChange({ user, chat }, task))) {
    return refuse(ctx, 'notYourTask');
  }
  const result = await ctx.tasks.change({ user, chat }, task.id, { status });
  if (result?.changed) ctx.log.info(status === 'done' ? 'task done' : 'task reopened', { task_id: task.id });
  const view = await loadTaskList(ctx.deps, {
    chatId: chat.id,
    userId: user.id,
    filter,
    page,
    lang: ctx.lang,
    person: ctx.person,
  });
  await answerAndEdit(ctx, view, listToast(ctx, task.title, status, result?.changed ?? false));
}

function listToast(ctx: BotContext, title: string, status: 'done' | 'open', changed: boolean): string {
  if (status === 'open') return t(ctx.lang, changed ? 'answerReopened' : 'taskAlreadyOpen');
  return changed
    ? t(ctx.lang, 'taskDone', { title: [...title].slice(0, 150).join('') })
    : t(ctx.lang, 'taskAlreadyDone');
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
      return askTimeZone(press);
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

/**
 * 🌍 on the settings screen: the screen shows the zones as buttons, and a question takes a typed
 * city or offset in reply (in a private chat, with the location button under the input field in
 * place of ForceReply; an answer there may also come without a reply).
 */
async function askTimeZone(press: Of<'settings'>): Promise<void> {
  const { ctx, chat, user, messageId } = press;
  const back = button(t(ctx.lang, 'btnBack'), { action: 'settings', op: 'menu' });
  const view = zoneScreenView(ctx.lang, back);
  const prompt = { kind: 'setting', setting: 'timeZone', userId: user.id } as const;
  if (chat.type !== 'private') {
    await ask(press, t(ctx.lang, 'timeZonePrompt'), prompt);
  } else {
    const { conversation } = ctx.deps;
    const id = await conversation.askPrompt(chat.id, user.id, messageId, prompt);
    await ctx.answerCbQuery();
    const sent = await ctx
      .reply(t(ctx.lang, 'timeZonePrompt'), { parse_mode: 'HTML', reply_markup: locationKeyboard(ctx.lang) })
      .catch(async (error: unknown) => {
        await conversation.forgetPrompt(chat.id, user.id, id);
        throw error;
      });
    await conversation.settlePrompt(chat.id, user.id, id, sent.message_id);
  }
  // Last: pressed again on a screen that shows the zones already, the edit changes nothing.
  await ctx.editMessageText(view.text, messageOptions(view));
}

/**
 * A zone's button, in the question or on the settings screen: the presser's zone changes (their
 * whole-day due dates and pending reminders move with it), the question is settled, and the bot
 * confirms with the time there, taking the location button away.
 */
export async function pressZone(ctx: BotContext, zone: ZoneButton): Promise<void> {
  if (!ctx.callbackQuery?.message) return refuse(ctx, 'unknownButton');
  if (ctx.senderKind !== 'person') {
    await ctx.answerCbQuery(t(ctx.lang, 'notPersonal'));
    return;
  }
  const { chat, user } = await ctx.sender();
  const changed = await changeTimeZone(ctx, user.id, zone.timeZone);
  await settleTimeZoneQuestion(ctx, chat.id, user.id);
  if (zone.screen) {
    await answerAndEdit(ctx, settingsView(applyPerson(ctx, changed)), t(ctx.lang, 'answerSaved'));
  } else {
    await ctx.answerCbQuery(t(ctx.lang, 'answerSaved'));
    await ctx.editMessageReplyMarkup(undefined);
  }
  await confirmTimeZone(ctx, zone.timeZone);
}
