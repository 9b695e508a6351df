import type { CachedProject } from '@taskbot/db/cache/ReferenceCache';
import type { Task } from '@taskbot/db/entities/Task';
import type { TaskPatch } from '@taskbot/db/repositories/TaskBoardRepository';
import type { ListFilter } from '@taskbot/domain/callback-data';
import { localDayRange } from '@taskbot/domain/due-presets';
import type { Language } from '@taskbot/domain/language';
import {
  type Actor,
  isAdminStatus,
  mayChangeTask,
  mayManageChatProjects,
  needsAdminCheck,
  type TaskPeople,
} from '@taskbot/domain/permissions';
import { priorityCodeOf } from '@taskbot/domain/priority';
import { type CardMode, taskCardView } from '@taskbot/domain/task-card';
import { snapshotOf } from '@taskbot/domain/task-snapshot';
import { formatLocal } from '@taskbot/domain/time-zone';
import {
  TASKS_PER_MESSAGE,
  type TaskSummary,
  taskListView,
  type View,
  type ViewOptions,
} from '@taskbot/domain/views';
import type { Telegram } from 'telegraf';
import type { BotContext, PersonSettings, WorkerDeps } from './bot-context';

/** The names a task refers to, from the cache (priorities are code: @taskbot/domain/priority). */
export interface References {
  projects: CachedProject[];
}

export async function referencesOf(deps: WorkerDeps, chatId: number): Promise<References> {
  return { projects: await deps.cache.projects(chatId) };
}

function displayName(user: Task['assignee']): string | null {
  if (!user) return null;
  return user.username ? `@${user.username}` : [user.firstName, user.lastName].filter(Boolean).join(' ');
}

export function toTaskSummary(task: Task, refs?: References): TaskSummary {
  return {
    id: task.id,
    title: task.title,
    priority: priorityCodeOf(task.priorityId) ?? 'normal',
    dueAt: task.dueAt ?? null,
    status: task.status,
    projectName: refs?.projects.find((p) => p.id === task.projectId)?.name ?? task.project?.name ?? null,
    assigneeName: displayName(task.assignee),
  };
}

export function viewOptions(deps: WorkerDeps, lang: Language, person: PersonSettings): ViewOptions {
  const now = deps.now();
  return { lang, now, formatDate: (instant) => formatLocal(instant, person.timeZone, lang, { now }) };
}

export interface ListRequest {
  chatId: number;
  userId: number;
  filter: ListFilter;
  page: number;
  lang: Language;
  person: PersonSettings;
}

/**
 * One page of a chat's open tasks as a view. Reads tasks from the database and projects from the
 * cache, and remembers which task got which number for `/done <n>`.
 */
export async function loadTaskList(deps: WorkerDeps, request: ListRequest): Promise<View> {
  const refs = await referencesOf(deps, request.chatId);
  const options = viewOptions(deps, request.lang, request.person);
  const query = (page: number) =>
    deps.board.listOpen({
      chatId: request.chatId,
      filter: request.filter,
      page,
      pageSize: TASKS_PER_MESSAGE,
      now: options.now,
      ...(request.filter.kind === 'today'
        ? { today: localDayRange(options.now, request.person.timeZone) }
        : {}),
    });
  let page = request.page;
  let { tasks, total } = await query(page);
  // A page that emptied (the last task on it was done) shows the last page that still has tasks.
  if (tasks.length === 0 && page > 0 && total > 0) {
    page = Math.ceil(total / TASKS_PER_MESSAGE) - 1;
    ({ tasks, total } = await query(page));
  }
  await deps.conversation.rememberShownList(
    request.chatId,
    request.userId,
    tasks.map((task) => task.id),
    page * TASKS_PER_MESSAGE + 1,
  );
  const projectName =
    request.filter.kind === 'project'
      ? refs.projects.find(
          (project) => request.filter.kind === 'project' && project.id === request.filter.projectId,
        )?.name
      : undefined;
  return taskListView(
    options,
    tasks.map((task) => toTaskSummary(task, refs)),
    { filter: request.filter, page, total, ...(projectName ? { projectName } : {}) },
  );
}

/** A task's card (or one of its menus) as a view, with names from the cache. */
export async function loadCardView(
  deps: WorkerDeps,
  task: Task,
  lang: Language,
  person: PersonSettings,
  mode: CardMode = 'main',
  /** The chat's references when the caller has them at hand and they are current. */
  known?: References,
): Promise<View> {
  const refs = known ?? (await referencesOf(deps, task.chatId));
  const projects = refs.projects.filter((project) => !project.archived);
  return taskCardView(viewOptions(deps, lang, person), toTaskSummary(task, refs), mode, projects);
}

/**
 * Whether the person may change the task: in a private chat always, in a group when they wrote it,
 * are assigned to it, or administer the chat (getChatMember, remembered for a minute).
 */
export async function mayChange(
  deps: WorkerDeps,
  telegram: Telegram,
  actor: { userId: number; chatId: number; chatType: Actor['chatType'] },
  task: TaskPeople,
): Promise<boolean> {
  if (!needsAdminCheck(task, actor.userId, actor.chatType)) return true;
  const isChatAdmin = await isAdmin(deps, telegram, actor);
  return mayChangeTask(task, { userId: actor.userId, isChatAdmin, chatType: actor.chatType });
}

/**
 * Changes the task on the person's behalf and, when anything changed, records how it was for their
 * /undo. Null when the task is gone.
 */
export async function changeTaskFor(
  ctx: BotContext,
  user: { id: number },
  chat: { id: number },
  taskId: number,
  patch: TaskPatch,
): Promise<Awaited<ReturnType<WorkerDeps['board']['change']>>> {
  const result = await ctx.deps.board.change(chat.id, taskId, patch, ctx.deps.defaults.leadMinutes);
  if (result?.changed) {
    await ctx.deps.conversation.pushUndo(chat.id, user.id, {
      kind: 'change',
      before: snapshotOf(result.before),
      after: snapshotOf(result.after),
    });
  }
  return result;
}

/** mayChange for the person who sent an update, in the chat it came from. */
export function mayChangeAs(
  ctx: BotContext,
  user: { id: number },
  chat: { id: number; type: Actor['chatType'] },
  task: TaskPeople,
): Promise<boolean> {
  return mayChange(ctx.deps, ctx.telegram, { userId: user.id, chatId: chat.id, chatType: chat.type }, task);
}

/** Whether the person may rename or archive the chat's projects: in a group only its admins. */
export async function mayManageProjects(
  deps: WorkerDeps,
  telegram: Telegram,
  actor: { userId: number; chatId: number; chatType: Actor['chatType'] },
): Promise<boolean> {
  if (actor.chatType === 'private') return true;
  const isChatAdmin = await isAdmin(deps, telegram, actor);
  return mayManageChatProjects({ userId: actor.userId, isChatAdmin, chatType: actor.chatType });
}

/** The chat's admins as getChatMember says, cached in Redis (ADMIN_STATUS_CACHE_SECONDS). */
function isAdmin(deps: WorkerDeps, telegram: Telegram, actor: { userId: number; chatId: number }) {
  return deps.conversation.isAdmin(actor.chatId, actor.userId, async () =>
    isAdminStatus((await telegram.getChatMember(actor.chatId, actor.userId)).status),
  );
}
