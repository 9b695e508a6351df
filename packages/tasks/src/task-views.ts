import type { CachedProject } from '@taskbot/db/cache/ReferenceCache';
import type { Task } from '@taskbot/db/entities/Task';
import type { ListedTask } from '@taskbot/db/repositories/OpenTaskPages';
import type { CardExtras, TaskNoteRepository } from '@taskbot/db/repositories/TaskNoteRepository';
import type { ListFilter } from '@taskbot/domain/callback-data';
import { localDayRange } from '@taskbot/domain/due-presets';
import type { PersonSettings } from '@taskbot/domain/effective-settings';
import type { Language } from '@taskbot/domain/language';
import { priorityCodeOf } from '@taskbot/domain/priority';
import { projectsView } from '@taskbot/domain/projects-view';
import { type CardMode, taskCardView } from '@taskbot/domain/task-card';
import { formatLocal } from '@taskbot/domain/time-zone';
import {
  TASKS_PER_MESSAGE,
  type TaskSummary,
  taskListView,
  type View,
  type ViewOptions,
} from '@taskbot/domain/views';
import type { TaskStores } from './task-service';

/** The names a task refers to, from the cache (priorities are code: @taskbot/domain/priority). */
export interface References {
  projects: CachedProject[];
}

export async function referencesOf(deps: TaskStores, chatId: number): Promise<References> {
  return { projects: await deps.cache.projects(chatId) };
}

/** How a person is named in lists and exports: @username, else their name. */
export function displayName(user: ListedTask['assignee'] | undefined): string | null {
  if (!user) return null;
  return user.username ? `@${user.username}` : [user.firstName, user.lastName].filter(Boolean).join(' ');
}

/** A task as a list or card shows it: what a page of a list reads, or a whole task. */
type ShownTask = Omit<ListedTask, 'assignee'> & {
  assignee?: ListedTask['assignee'] | undefined;
  project?: Task['project'];
};

export function toTaskSummary(task: ShownTask, refs?: References, fileCount?: number): TaskSummary {
  return {
    id: task.id,
    title: task.title,
    priority: priorityCodeOf(task.priorityId) ?? 'normal',
    dueAt: task.dueAt ?? null,
    status: task.status,
    projectName: refs?.projects.find((p) => p.id === task.projectId)?.name ?? task.project?.name ?? null,
    assigneeName: displayName(task.assignee),
    recurrence: task.recurrence ?? null,
    ...(fileCount ? { fileCount } : {}),
    doneAt: task.doneAt ?? null,
  };
}

export function viewOptions(deps: TaskStores, lang: Language, person: PersonSettings): ViewOptions {
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
 * One page of a chat's open tasks (or, by the done filter, its done ones) as a view. Reads tasks from
 * the database and projects from the cache, and remembers which open task got which number for
 * `/done <n>` (the done list's numbers are no such reference: /done n keeps to the open list).
 */
export async function loadTaskList(deps: TaskStores, request: ListRequest): Promise<View> {
  const refs = await referencesOf(deps, request.chatId);
  const options = viewOptions(deps, request.lang, request.person);
  const isDone = request.filter.kind === 'done';
  const query = (page: number) =>
    isDone
      ? deps.board.listDone({ chatId: request.chatId, page, pageSize: TASKS_PER_MESSAGE })
      : deps.board.listOpen({
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
  if (!isDone) {
    await deps.conversation.rememberShownList(
      request.chatId,
      request.userId,
      tasks.map((task) => task.id),
      page * TASKS_PER_MESSAGE + 1,
    );
  }
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

/** What a card is read from: the task stores, and the notes (how many, and the newest). */
export type CardStores = TaskStores & { notes: Pick<TaskNoteRepository, 'onCard'> };

/**
 * A task's card (or one of its menus) as a view, with names from the cache and its notes (how many,
 * the newest) and the count of its files from the database.
 */
export async function loadCardView(
  deps: CardStores,
  task: Task,
  lang: Language,
  person: PersonSettings,
  mode: CardMode = 'main',
  /** The chat's references when the caller has them at hand and they are current. */
  known?: References,
  /** The task's notes and file count when the caller knows them (NO_EXTRAS for a task just made). */
  knownExtras?: CardExtras,
): Promise<View> {
  const [refs, { notes, fileCount }] = await Promise.all([
    known ?? referencesOf(deps, task.chatId),
    knownExtras ?? deps.notes.onCard(task.id),
  ]);
  const projects = refs.projects.filter((project) => !project.archived);
  const summary = { ...toTaskSummary(task, refs, fileCount), notes };
  return taskCardView(viewOptions(deps, lang, person), summary, mode, projects);
}

/** The chat's projects with their open-task counts, as the /projects screen shows them. */
export async function loadProjectsView(deps: TaskStores, lang: Language, chatId: number): Promise<View> {
  const [projects, counts] = await Promise.all([
    deps.cache.projects(chatId),
    deps.board.openCountsByProject(chatId),
  ]);
  return projectsView(
    lang,
    projects
      .filter((project) => !project.archived)
      .map((project) => ({ id: project.id, name: project.name, openCount: counts.get(project.id) ?? 0 })),
  );
}
