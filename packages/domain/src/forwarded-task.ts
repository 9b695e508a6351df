import { type ForwardOrigin, forwardedMediaTitle } from './forward-origin';
import type { Language } from './language';
import { parseQuickAdd, type QuickAddOptions, type QuickAddTask } from './quick-add';
import { checkTitle, MAX_TITLE_LENGTH } from './task-title';
import { shorten } from './views';

/** What a forwarded message makes: a task as quick-add reads it, without an assignee. */
export type ForwardedTask = Omit<QuickAddTask, 'ok' | 'assignee'>;

/**
 * The task a forwarded message becomes. Its text (or caption) is read as /add reads it: #project,
 * !priority and dates leave the title. A forward is not typed by the person, so nothing is
 * refused: text quick-add cannot read (a date it does not know, a title or project name over the
 * limit) is the title as it stands, cut to MAX_TITLE_LENGTH with "…"; a message without text, or
 * text of marks alone, gets a title naming what it is and where it came from.
 */
export function forwardedTask(
  lang: Language,
  message: { text?: string; caption?: string } & Record<string, unknown>,
  origin: ForwardOrigin,
  options: QuickAddOptions,
): ForwardedTask {
  const text = message.text ?? message.caption ?? '';
  const untitled = (): ForwardedTask => ({ title: forwardedMediaTitle(lang, message, origin) });
  const plain = checkTitle(text);
  if (!plain.ok && plain.reason === 'empty') return untitled();
  const parsed = parseQuickAdd(text, options);
  if (parsed.ok) {
    const { ok: _, assignee: __, ...task } = parsed;
    return task;
  }
  if (parsed.error === 'empty_title') return untitled();
  return { title: shorten(plain.ok ? plain.title : text.trim(), MAX_TITLE_LENGTH) };
}
