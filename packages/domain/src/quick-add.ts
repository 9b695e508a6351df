// Reading a task from one line of text, as typed after /add or in a private chat:
// "Отчёт #работа !срочно завтра в 9 @ivan" -> title "Отчёт", project "работа", priority 4 (urgent),
// due tomorrow 09:00, assignee "ivan". What is understood leaves the title; the rest is the title.
//
// - #project: letters, digits, _ and - in any script, with at least one letter ("#123" stays text);
//   the first one counts, later ones stay in the title.
// - !priority: !low !normal !high !urgent, !1..!4, !низкий !обычный !высокий !срочно (ids 1..4).
// - @username: a Telegram username (4-32 letters, digits, _); whether it means anything is up to
//   the caller (only in groups).
// - The due date: see due-date.ts.
// - A repetition ("every Monday 10:00", "по будням"): see find-recurrence.ts; it is read first, so
//   its words are not read as a due date, and without a date the task is first due at its first
//   occurrence (see quick-add-repeat.ts).
// Marks count only at the start of a word ("C#dev", "wow!high" stay text); links, e-mail
// addresses and quoted text ("...", «...») are never read, so quoting keeps a word in the title.
import { type DueDateOptions, findDueDateInTokens, type TextSpan } from './due-date';
import { findRecurrenceInTokens } from './find-recurrence';
import { PRIORITIES, type PriorityCode, type PriorityId } from './priority';
import { repeatWithDue, type TaskRepeat } from './quick-add-repeat';
import { checkTitle } from './task-title';
import { type TextToken, tokenizeText } from './text-tokens';

export type QuickAddOptions = DueDateOptions;

export interface QuickAddTask {
  ok: true;
  title: string;
  project?: string;
  priorityId?: PriorityId;
  due?: { at: Date; hasTime: boolean };
  assignee?: string;
  repeat?: TaskRepeat;
}

export interface QuickAddError {
  ok: false;
  /** too_long: the title (detail: its length) or the project name (detail: "project"). */
  error: 'empty_title' | 'bad_date' | 'too_long';
  /** bad_date: the piece that could not be read, as written. */
  detail?: string;
}

export type QuickAddResult = QuickAddTask | QuickAddError;

export type DueOnlyResult =
  | { ok: true; due: { at: Date; hasTime: boolean } }
  | { ok: false; error: 'bad_date' | 'no_date'; detail?: string };

export const MAX_PROJECT_NAME_LENGTH = 64;

/** Besides its code and its id, the Russian words for each priority. */
const RUSSIAN_PRIORITY_WORDS: Record<PriorityCode, string> = {
  low: 'низкий низкая низкое',
  normal: 'обычный обычная обычное',
  high: 'высокий высокая высокое',
  urgent: 'срочно срочный срочная срочное',
};

const PRIORITY_WORDS = new Map<string, PriorityId>();
for (const { id, code } of PRIORITIES) {
  for (const word of [code, String(id), ...RUSSIAN_PRIORITY_WORDS[code].split(' ')])
    PRIORITY_WORDS.set(word, id);
}

const PROJECT = /^#([\p{L}\p{M}\p{N}_-]*\p{L}[\p{L}\p{M}\p{N}_-]*)$/u;
const USERNAME = /^@([A-Za-z][A-Za-z0-9_]{3,31})$/;
const CLOSING = /^[,.;:!?)\]}»](?![\p{L}\p{N}_])/u;

interface Marks {
  project?: string;
  priorityId?: PriorityId;
  assignee?: string;
  spans: TextSpan[];
}

/** The first project, priority and assignee marks, and where they are written. */
function readMarks(tokens: TextToken[]): Marks {
  const marks: Marks = { spans: [] };
  for (const token of tokens) {
    if (token.kind !== 'mark') continue;
    const span = { start: token.start, end: token.end };
    const project = marks.project === undefined ? PROJECT.exec(token.text)?.[1] : undefined;
    const priorityId = token.text.startsWith('!') ? PRIORITY_WORDS.get(token.lower.slice(1)) : undefined;
    const assignee = marks.assignee === undefined ? USERNAME.exec(token.text)?.[1] : undefined;
    if (project !== undefined) marks.project = project;
    else if (priorityId !== undefined && marks.priorityId === undefined) marks.priorityId = priorityId;
    else if (assignee !== undefined) marks.assignee = assignee;
    else continue;
    marks.spans.push(span);
  }
  return marks;
}

/** Joins the text before and after a removed piece, without doubled spaces or stray punctuation. */
function joinAround(left: string, right: string): string {
  let before = left.replace(/[ \t]+$/, '');
  let after = right.replace(/^[ \t]+/, '');
  if (/[([{«]$/u.test(before) && /^[)\]}»]/u.test(after)) {
    before = before.slice(0, -1).replace(/[ \t]+$/, '');
    after = after.slice(1).replace(/^[ \t]+/, '');
  }
  if (before.trim() === '') after = after.replace(/^[,.;:!?–—-]+[ \t]*/u, '');
  if (after.trim() === '') before = before.replace(/[ \t]*[,;:–—-]+$/u, '');
  if (/[,;:]$/.test(before) && /^[,;:.]/.test(after)) after = after.slice(1).replace(/^[ \t]+/, '');
  const glued =
    before === '' || after === '' || before.endsWith('\n') || after.startsWith('\n') || CLOSING.test(after);
  return before + (glued ? '' : ' ') + after;
}

/** The text without the spans, whitespace collapsed (line breaks kept). */
export function removeSpans(text: string, spans: TextSpan[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let result = text.slice(0, sorted[0]?.start ?? text.length);
  sorted.forEach((span, k) => {
    result = joinAround(result, text.slice(span.end, sorted[k + 1]?.start ?? text.length));
  });
  return result
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

export function parseQuickAdd(text: string, options: QuickAddOptions): QuickAddResult {
  const tokens = tokenizeText(text);
  const repeat = findRecurrenceInTokens(tokens);
  const dueTokens = repeat ? tokens.filter((_, k) => k < repeat.first || k > repeat.last) : tokens;
  const due = findDueDateInTokens(text, dueTokens, options);
  if (due && !due.ok) return { ok: false, error: 'bad_date', detail: due.detail };
  const marks = readMarks(tokens);
  const repeatSpans = repeat
    ? [{ start: tokens[repeat.first]?.start ?? 0, end: tokens[repeat.last]?.end ?? 0 }]
    : [];
  if (marks.project !== undefined && [...marks.project].length > MAX_PROJECT_NAME_LENGTH) {
    return { ok: false, error: 'too_long', detail: 'project' };
  }
  const checked = checkTitle(removeSpans(text, [...marks.spans, ...(due?.parts ?? []), ...repeatSpans]));
  if (!checked.ok) {
    return checked.reason === 'empty'
      ? { ok: false, error: 'empty_title' }
      : { ok: false, error: 'too_long', detail: String(checked.length) };
  }
  const task: QuickAddTask = { ok: true, title: checked.title };
  if (marks.project !== undefined) task.project = marks.project;
  if (marks.priorityId !== undefined) task.priorityId = marks.priorityId;
  if (due) task.due = { at: due.at, hasTime: due.hasTime };
  if (marks.assignee !== undefined) task.assignee = marks.assignee;
  if (repeat) Object.assign(task, repeatWithDue(repeat.rule, task.due, options));
  return task;
}

/**
 * A due date and nothing else, as in a reply to "When is it due?": the whole text must be
 * understood, so "tomorrow please" is an error naming "please", and text without a date is no_date.
 */
export function parseDueOnly(text: string, options: DueDateOptions): DueOnlyResult {
  const tokens = tokenizeText(text);
  const due = findDueDateInTokens(text, tokens, options);
  if (!due) return { ok: false, error: 'no_date' };
  if (!due.ok) return { ok: false, error: 'bad_date', detail: due.detail };
  const rest = removeSpans(text, due.parts);
  if (/[\p{L}\p{N}]/u.test(rest)) return { ok: false, error: 'bad_date', detail: rest };
  return { ok: true, due: { at: due.at, hasTime: due.hasTime } };
}
