// Button data: compact (Telegram allows 64 bytes) and checked on every press. A press carries only an
// action and ids; who may act is decided again from the database each time, so forged data can name a
// task but never grant a right.
//
// Versioning: the first field names the action and fixes the layout of the rest. A layout never
// changes once released; a new layout gets a new code, and every code ever released stays decodable,
// so buttons on old messages keep working after deploys (`d:<id>` is the first release's).
//
//   d:<id>                     done, from a list of the first release (redraws the first page)
//   c:<id>:<op>                a task card: o show, d done, u reopen, p priority menu, p1..p4 set,
//                              j project menu, j<projectId> set (j0 none), w due menu, wt wm ww wn set
//                              (today, tomorrow, next week, none), e edit title, x ask, xy delete
//                              (this one), xs delete the whole series, r repeat menu, rd rk rw rm rn
//                              set (daily, weekdays, weekly, monthly, none), rc ask for a phrase,
//                              n list the notes, f send the task's files into the chat
//   l:<filter>:<page>          the task list; filter a all, t today, o overdue, p<id> project, r<1-4>
//                              priority, e repeating, d done (the chat's done tasks, newest done first)
//   lf:<filter>                the filter choices of a list
//   ld:<id>:<filter>:<page>    done from a list, then the same page again
//   lr:<id>:<page>             reopen from the done list (filter d), then the same page again
//   pj | pj:n | pj:r:<id> | pj:a:<id>      projects: list, new, rename, archive
//   s | s:l:<en|ru> | s:tz | s:ld[:<min>] | s:dg[:<HHMM|off|?>] | s:q[:<HHMM-HHMM|off|?>]   settings
// `r:` and `z:` belong to reminders (see reminder-buttons.ts); `tz:` and `tzs:` to the time-zone
// question (see zone-question.ts).
// `fg:` belongs to /forget_me (see forget-me.ts): fg:y:<userId>:<issued> confirm, fg:n:<userId> cancel.
import { decodeSettings, encodeSettings, type SettingsOp } from './settings-callback-data';

export type ListFilter =
  | { kind: 'all' }
  | { kind: 'today' }
  | { kind: 'overdue' }
  | { kind: 'project'; projectId: number }
  | { kind: 'priority'; priorityId: number }
  | { kind: 'recurring' }
  /** Done tasks, not open ones: the chat's history, newest done first. */
  | { kind: 'done' };

export type DuePreset = 'today' | 'tomorrow' | 'nextWeek' | 'none';

/** The repetitions the 🔁 menu offers in one press; `none` clears it. */
export type RepeatPreset = 'daily' | 'weekdays' | 'weekly' | 'monthly' | 'none';

export type CardOp =
  | { op: 'show' }
  | { op: 'done' }
  | { op: 'reopen' }
  | { op: 'priorityMenu' }
  | { op: 'priority'; priorityId: number }
  | { op: 'projectMenu' }
  | { op: 'project'; projectId: number | null }
  | { op: 'dueMenu' }
  | { op: 'due'; preset: DuePreset }
  | { op: 'edit' }
  | { op: 'deleteAsk' }
  | { op: 'delete' }
  | { op: 'deleteSeries' }
  | { op: 'repeatMenu' }
  | { op: 'repeat'; preset: RepeatPreset }
  | { op: 'repeatAsk' }
  | { op: 'notes' }
  | { op: 'files' };

export type CallbackAction =
  | { action: 'done'; taskId: number }
  | ({ action: 'card'; taskId: number } & CardOp)
  | { action: 'list'; filter: ListFilter; page: number }
  | { action: 'filters'; filter: ListFilter }
  | { action: 'listDone'; taskId: number; filter: ListFilter; page: number }
  | { action: 'listReopen'; taskId: number; page: number }
  | { action: 'projects' }
  | { action: 'projectNew' }
  | { action: 'projectRename'; projectId: number }
  | { action: 'projectArchive'; projectId: number }
  | ({ action: 'settings' } & SettingsOp);

export type { SettingsOp } from './settings-callback-data';
export { MAX_LEAD_MINUTES } from './settings-callback-data';

const MAX_ID = 2 ** 31 - 1;
const MAX_PAGE = 9999;

const ID = '([1-9]\\d{0,9})';
const FILTER = '(a|t|o|e|d|p[1-9]\\d{0,9}|r[1-4])';
const PAGE = '(0|[1-9]\\d{0,3})';

const DUE_CODES: Record<DuePreset, string> = { today: 't', tomorrow: 'm', nextWeek: 'w', none: 'n' };
const DUE_BY_CODE: Record<string, DuePreset> = { t: 'today', m: 'tomorrow', w: 'nextWeek', n: 'none' };
const REPEAT_CODES: Record<RepeatPreset, string> = {
  daily: 'rd',
  weekdays: 'rk',
  weekly: 'rw',
  monthly: 'rm',
  none: 'rn',
};

export function encodeFilter(filter: ListFilter): string {
  switch (filter.kind) {
    case 'all':
      return 'a';
    case 'today':
      return 't';
    case 'overdue':
      return 'o';
    case 'project':
      return `p${filter.projectId}`;
    case 'priority':
      return `r${filter.priorityId}`;
    case 'recurring':
      return 'e';
    case 'done':
      return 'd';
  }
}

function decodeFilter(code: string): ListFilter | undefined {
  if (code === 'a') return { kind: 'all' };
  if (code === 't') return { kind: 'today' };
  if (code === 'o') return { kind: 'overdue' };
  if (code === 'e') return { kind: 'recurring' };
  if (code === 'd') return { kind: 'done' };
  const id = Number(code.slice(1));
  if (code.startsWith('p')) return id <= MAX_ID ? { kind: 'project', projectId: id } : undefined;
  if (code.startsWith('r')) return { kind: 'priority', priorityId: id };
  return undefined;
}

function encodeCardOp(op: CardOp): string {
  switch (op.op) {
    case 'show':
      return 'o';
    case 'done':
      return 'd';
    case 'reopen':
      return 'u';
    case 'priorityMenu':
      return 'p';
    case 'priority':
      return `p${op.priorityId}`;
    case 'projectMenu':
      return 'j';
    case 'project':
      return `j${op.projectId ?? 0}`;
    case 'dueMenu':
      return 'w';
    case 'due':
      return `w${DUE_CODES[op.preset]}`;
    case 'edit':
      return 'e';
    case 'deleteAsk':
      return 'x';
    case 'delete':
      return 'xy';
    case 'deleteSeries':
      return 'xs';
    case 'repeatMenu':
      return 'r';
    case 'repeat':
      return REPEAT_CODES[op.preset];
    case 'repeatAsk':
      return 'rc';
    case 'notes':
      return 'n';
    case 'files':
      return 'f';
  }
}

const SIMPLE_CARD_OPS: Record<string, CardOp> = {
  o: { op: 'show' },
  d: { op: 'done' },
  u: { op: 'reopen' },
  p: { op: 'priorityMenu' },
  j: { op: 'projectMenu' },
  w: { op: 'dueMenu' },
  e: { op: 'edit' },
  x: { op: 'deleteAsk' },
  xy: { op: 'delete' },
  xs: { op: 'deleteSeries' },
  r: { op: 'repeatMenu' },
  rc: { op: 'repeatAsk' },
  n: { op: 'notes' },
  f: { op: 'files' },
  ...Object.fromEntries(
    Object.entries(REPEAT_CODES).map(([preset, code]) => [code, { op: 'repeat', preset } as CardOp]),
  ),
};

function decodeCardOp(code: string): CardOp | undefined {
  const simple = SIMPLE_CARD_OPS[code];
  if (simple && Object.hasOwn(SIMPLE_CARD_OPS, code)) return simple;
  let match = /^p([1-4])$/.exec(code);
  if (match) return { op: 'priority', priorityId: Number(match[1]) };
  match = /^j(0|[1-9]\d{0,9})$/.exec(code);
  if (match) {
    const projectId = Number(match[1]);
    if (projectId > MAX_ID) return undefined;
    return { op: 'project', projectId: projectId === 0 ? null : projectId };
  }
  match = /^w([tmwn])$/.exec(code);
  const preset = match ? DUE_BY_CODE[match[1] ?? ''] : undefined;
  return preset ? { op: 'due', preset } : undefined;
}

export function encodeCallback(action: CallbackAction): string {
  switch (action.action) {
    case 'done':
      return `d:${action.taskId}`;
    case 'card':
      return `c:${action.taskId}:${encodeCardOp(action)}`;
    case 'list':
      return `l:${encodeFilter(action.filter)}:${action.page}`;
    case 'filters':
      return `lf:${encodeFilter(action.filter)}`;
    case 'listDone':
      return `ld:${action.taskId}:${encodeFilter(action.filter)}:${action.page}`;
    case 'listReopen':
      return `lr:${action.taskId}:${action.page}`;
    case 'projects':
      return 'pj';
    case 'projectNew':
      return 'pj:n';
    case 'projectRename':
      return `pj:r:${action.projectId}`;
    case 'projectArchive':
      return `pj:a:${action.projectId}`;
    case 'settings':
      return encodeSettings(action);
  }
}

const idOf = (text: string | undefined): number | undefined => {
  const id = Number(text);
  return Number.isInteger(id) && id >= 1 && id <= MAX_ID ? id : undefined;
};

/** The action a button stands for, or undefined for data that is not ours or is malformed. */
export function decodeCallback(data: string | undefined): CallbackAction | undefined {
  if (!data || Buffer.byteLength(data) > 64) return undefined;
  let match = new RegExp(`^d:${ID}$`).exec(data);
  if (match) {
    const taskId = idOf(match[1]);
    return taskId ? { action: 'done', taskId } : undefined;
  }
  match = new RegExp(`^c:${ID}:([a-z]{1,2}\\d{0,10})$`).exec(data);
  if (match) {
    const taskId = idOf(match[1]);
    const op = decodeCardOp(match[2] ?? '');
    return taskId && op ? { action: 'card', taskId, ...op } : undefined;
  }
  match = new RegExp(`^l:${FILTER}:${PAGE}$`).exec(data);
  if (match) {
    const filter = decodeFilter(match[1] ?? '');
    const page = Number(match[2]);
    return filter && page <= MAX_PAGE ? { action: 'list', filter, page } : undefined;
  }
  match = new RegExp(`^lf:${FILTER}$`).exec(data);
  if (match) {
    const filter = decodeFilter(match[1] ?? '');
    return filter ? { action: 'filters', filter } : undefined;
  }
  match = new RegExp(`^ld:${ID}:${FILTER}:${PAGE}$`).exec(data);
  if (match) {
    const taskId = idOf(match[1]);
    const filter = decodeFilter(match[2] ?? '');
    return taskId && filter ? { action: 'listDone', taskId, filter, page: Number(match[3]) } : undefined;
  }
  match = new RegExp(`^lr:${ID}:${PAGE}$`).exec(data);
  if (match) {
    const taskId = idOf(match[1]);
    return taskId ? { action: 'listReopen', taskId, page: Number(match[2]) } : undefined;
  }
  if (data === 'pj') return { action: 'projects' };
  if (data === 'pj:n') return { action: 'projectNew' };
  match = new RegExp(`^pj:([ra]):${ID}$`).exec(data);
  if (match) {
    const projectId = idOf(match[2]);
    if (!projectId) return undefined;
    return match[1] === 'r'
      ? { action: 'projectRename', projectId }
      : { action: 'projectArchive', projectId };
  }
  if (data === 's' || data.startsWith('s:')) {
    const op = decodeSettings(data);
    return op ? { action: 'settings', ...op } : undefined;
  }
  return undefined;
}
