import { type CallbackAction, encodeCallback, type ListFilter } from './callback-data';
import type { Language } from './language';
import { isPriorityCode, priorityCodeOf } from './priority';
import type { NotesOnCard } from './task-notes';
import { escapeHtml, t } from './texts';

// Views are plain data: the text (HTML parse mode) and the inline keyboard. The workers turn them
// into Bot API calls; tests read them without any server.

export interface Button {
  text: string;
  callbackData: string;
}

export interface View {
  text: string;
  keyboard?: Button[][];
}

export interface TaskSummary {
  id: number;
  title: string;
  /** A priority code: low, normal, high, urgent. */
  priority: string;
  dueAt?: Date | null;
  status?: 'open' | 'done';
  projectName?: string | null;
  assigneeName?: string | null;
  /** The repetition, an RRULE value (see recurrence.ts); null or absent for a one-off task. */
  recurrence?: string | null;
  /** How many notes the task has and the newest; absent where a view does not show them (lists). */
  notes?: NotesOnCard;
  /** How many files are attached (the card shows 📎 and a button to get them); absent: none. */
  fileCount?: number;
  /** When a done task was done: the done list shows it in place of the due date. */
  doneAt?: Date | null;
}

/** How a view shows instants: the person's language and time zone, decided by the caller. */
export interface ViewOptions {
  lang: Language;
  formatDate: (instant: Date) => string;
  now: Date;
}

export const TASKS_PER_MESSAGE = 10;
export const TELEGRAM_TEXT_LIMIT = 4096;
const BUTTON_TEXT_LIMIT = 40;

export const PRIORITY_MARK: Record<string, string> = { urgent: '🔴 ', high: '🟠 ', normal: '', low: '⚪ ' };

export function button(text: string, action: CallbackAction): Button {
  return { text, callbackData: encodeCallback(action) };
}

export function shorten(text: string, max: number = BUTTON_TEXT_LIMIT): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Escaped for HTML and cut so that the escaped form stays within `max` characters. */
export function shortenEscaped(text: string, max: number): string {
  let out = '';
  const chars = [...text];
  for (const [index, char] of chars.entries()) {
    const escaped = escapeHtml(char);
    const last = index === chars.length - 1;
    if (out.length + escaped.length > (last ? max : max - 1)) return `${out}…`;
    out += escaped;
  }
  return out;
}

/** When a line's task is due (⚠️ when late), or for a done task when it was done. */
function whenOf(task: TaskSummary, options: ViewOptions): string {
  if (task.status === 'done' && task.doneAt) return ` — ✅ ${escapeHtml(options.formatDate(task.doneAt))}`;
  if (!task.dueAt) return '';
  const overdue = task.status !== 'done' && task.dueAt.getTime() < options.now.getTime() ? '⚠️ ' : '';
  return ` — ${overdue}${escapeHtml(options.formatDate(task.dueAt))}`;
}

/** One line of a list: number, priority mark, title, due (or done) date, project and assignee when set. */
function listLine(task: TaskSummary, number: number, budget: number, options: ViewOptions): string {
  const due = whenOf(task, options);
  const project = task.projectName ? ` · 📁 ${escapeHtml(shorten(task.projectName, 16))}` : '';
  const assignee = task.assigneeName ? ` · 👤 ${escapeHtml(shorten(task.assigneeName, 16))}` : '';
  const prefix = `${number}. ${PRIORITY_MARK[task.priority] ?? ''}${task.recurrence ? '🔁 ' : ''}`;
  const rest = prefix.length + due.length + project.length + assignee.length;
  return `${prefix}${shortenEscaped(task.title, Math.max(budget - rest, 8))}${due}${project}${assignee}`;
}

/**
 * Numbered lines that fit Telegram's limit together with `header` and `footer`, whatever the
 * titles: each line gets an equal share of what is left.
 */
export function numberedLines(
  header: string,
  footer: string,
  tasks: TaskSummary[],
  firstNumber: number,
  options: ViewOptions,
): string {
  const budget = Math.floor(
    (TELEGRAM_TEXT_LIMIT - header.length - footer.length - 8) / Math.max(tasks.length, 1),
  );
  const lines = tasks.map((task, index) => listLine(task, firstNumber + index, budget, options));
  return [header, ...lines, ...(footer ? [footer] : [])].join('\n');
}

export interface ListPage {
  filter: ListFilter;
  /** Zero-based. */
  page: number;
  total: number;
  /** Name of the project a project filter shows. */
  projectName?: string;
}

function listTitle(lang: Language, list: ListPage): string {
  const count = list.total;
  switch (list.filter.kind) {
    case 'all':
      return t(lang, 'listHeader', { count });
    case 'today':
      return t(lang, 'listTitleToday', { count });
    case 'overdue':
      return t(lang, 'listTitleOverdue', { count });
    case 'project':
      return t(lang, 'listTitleProject', { project: shorten(list.projectName ?? '?', 64), count });
    case 'priority':
      return t(lang, 'listTitlePriority', { priority: priorityName(lang, list.filter.priorityId), count });
    case 'recurring':
      return t(lang, 'listTitleRecurring', { count });
    case 'done':
      return t(lang, 'listTitleDone', { count });
  }
}

export function priorityName(lang: Language, priorityIdOrCode: number | string): string {
  const code = typeof priorityIdOrCode === 'number' ? priorityCodeOf(priorityIdOrCode) : priorityIdOrCode;
  return code !== undefined && isPriorityCode(code) ? t(lang, `priority_${code}`) : '?';
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / TASKS_PER_MESSAGE));
}

/** A task's row of buttons in a list: ✅ done (↩️ reopen in the done list) and ✏️ its card. */
function taskRow(lang: Language, task: TaskSummary, number: number, list: ListPage): Button[] {
  const label = `${number}. ${shorten(task.title)}`;
  const action: CallbackAction =
    list.filter.kind === 'done'
      ? { action: 'listReopen', taskId: task.id, page: list.page }
      : { action: 'listDone', taskId: task.id, filter: list.filter, page: list.page };
  const mark = list.filter.kind === 'done' ? '↩️' : t(lang, 'btnDone');
  return [button(`${mark} ${label}`, action), button('✏️', { action: 'card', taskId: task.id, op: 'show' })];
}

function emptyListText(lang: Language, list: ListPage): string {
  if (list.filter.kind === 'done') return t(lang, 'listDoneEmpty');
  return list.filter.kind === 'all' && list.total === 0 ? t(lang, 'listEmpty') : t(lang, 'listNothing');
}

/**
 * One page of open tasks: numbered as /done expects (numbers continue across pages), a done button
 * per task, paging buttons, and the filter button. Paging and filtering edit this same message.
 * The done filter shows done tasks the same way, with ↩️ to reopen each.
 */
export function taskListView(options: ViewOptions, tasks: TaskSummary[], list: ListPage): View {
  const { lang } = options;
  const pages = pageCount(list.total);
  const navigation: Button[] = [];
  if (list.page > 0)
    navigation.push(button(t(lang, 'btnBack'), { action: 'list', filter: list.filter, page: list.page - 1 }));
  navigation.push(button(t(lang, 'btnFilter'), { action: 'filters', filter: list.filter }));
  if (list.page + 1 < pages)
    navigation.push(button(t(lang, 'btnNext'), { action: 'list', filter: list.filter, page: list.page + 1 }));
  if (tasks.length === 0) return { text: emptyListText(lang, list), keyboard: [navigation] };
  const first = list.page * TASKS_PER_MESSAGE + 1;
  const footer = pages > 1 ? t(lang, 'listPage', { page: list.page + 1, pages }) : '';
  const rows = tasks.map((task, index) => taskRow(lang, task, first + index, list));
  return {
    text: numberedLines(listTitle(lang, list), footer, tasks, first, options),
    keyboard: [...rows, navigation],
  };
}

/** /stats: the counts, and a button that opens the done list in the same message. */
export function statsView(lang: Language, stats: { open: number; done: number; overdue: number }): View {
  return {
    text: t(lang, 'statsText', stats),
    keyboard: [[button(t(lang, 'btnDoneList'), { action: 'list', filter: { kind: 'done' }, page: 0 })]],
  };
}

export interface ProjectChoice {
  id: number;
  name: string;
}

/** The filter choices of a list: all, today, overdue, repeating, done, each priority, each project. */
export function filterChoicesView(lang: Language, current: ListFilter, projects: ProjectChoice[]): View {
  const to = (filter: ListFilter): CallbackAction => ({ action: 'list', filter, page: 0 });
  const rows: Button[][] = [
    [
      button(t(lang, 'btnAll'), to({ kind: 'all' })),
      button(t(lang, 'btnToday'), to({ kind: 'today' })),
      button(t(lang, 'btnOverdue'), to({ kind: 'overdue' })),
    ],
    [
      button(t(lang, 'btnRecurring'), to({ kind: 'recurring' })),
      button(t(lang, 'btnDoneList'), to({ kind: 'done' })),
    ],
    [1, 2, 3, 4].map((priorityId) =>
      button(`❗ ${priorityName(lang, priorityId)}`, to({ kind: 'priority', priorityId })),
    ),
  ];
  for (let i = 0; i < Math.min(projects.length, 20); i += 2) {
    rows.push(
      projects
        .slice(i, i + 2)
        .map((project) =>
          button(`📁 ${shorten(project.name, 30)}`, to({ kind: 'project', projectId: project.id })),
        ),
    );
  }
  rows.push([button(t(lang, 'btnBack'), { action: 'list', filter: current, page: 0 })]);
  return { text: t(lang, 'filterChoose'), keyboard: rows };
}
