// Notes on a task: what a note may be, and how the card and the 📝 list show them.
import { decodeCallback } from './callback-data';
import type { RepliedMessage } from './card-reply';
import type { Language } from './language';
import { MAX_NOTE_LENGTH, type TaskNoteKind } from './task-extras';
import { t } from './texts';
import {
  type Button,
  button,
  shortenEscaped,
  TELEGRAM_TEXT_LIMIT,
  type View,
  type ViewOptions,
} from './views';

export type NoteCheck =
  | { ok: true; text: string }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'tooLong'; length: number; max: number };

/** A note as written: NUL bytes removed, trimmed, not empty, at most MAX_NOTE_LENGTH characters. */
export function checkNote(input: string): NoteCheck {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL bytes are exactly what is removed
  const text = input.replace(/\u0000/g, '').trim();
  if (text.length === 0) return { ok: false, reason: 'empty' };
  const length = [...text].length;
  if (length > MAX_NOTE_LENGTH) return { ok: false, reason: 'tooLong', length, max: MAX_NOTE_LENGTH };
  return { ok: true, text };
}

/** A note as it is shown. */
export interface NoteSummary {
  kind: TaskNoteKind;
  text: string;
  /** The author's name; null once they asked the bot to forget them. */
  authorName: string | null;
  createdAt: Date;
}

/** An author as notes name them: first and last name, else the @username. */
export function authorNameOf(user: {
  firstName: string;
  lastName: string | null;
  username: string | null;
}): string {
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ').trim();
  return name || (user.username ? `@${user.username}` : '?');
}

/** What a card shows of a task's notes: how many, and the newest. */
export interface NotesOnCard {
  count: number;
  newest: NoteSummary | null;
}

/** How much of the newest note a card shows. */
const CARD_NOTE_LENGTH = 80;

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The card's line on its notes ("📝 3 · Ann: call back after lunch"), or undefined without notes.
 * An origin note shows only its first line, the name (the link waits in the 📝 list).
 */
export function cardNotesLine(lang: Language, notes: NotesOnCard | undefined): string | undefined {
  if (!notes?.newest || notes.count === 0) return undefined;
  const { newest, count } = notes;
  if (newest.kind === 'origin') {
    const origin = [...oneLine(newest.text.split('\n')[0] ?? '')].slice(0, CARD_NOTE_LENGTH).join('');
    return t(lang, 'cardNoteOrigin', { count, origin });
  }
  const chars = [...oneLine(newest.text)];
  const text =
    chars.length <= CARD_NOTE_LENGTH ? chars.join('') : `${chars.slice(0, CARD_NOTE_LENGTH - 1).join('')}…`;
  return t(lang, 'cardNote', { count, author: authorOf(lang, newest), text });
}

function authorOf(lang: Language, note: NoteSummary): string {
  return note.authorName ? [...note.authorName].slice(0, 64).join('') : t(lang, 'noteAuthorGone');
}

/** The card's 📝 button, when there are notes to list. */
export function notesButton(taskId: number, count: number): Button | undefined {
  return count > 0 ? button(`📝 ${count}`, { action: 'card', taskId, op: 'notes' }) : undefined;
}

/**
 * A task's notes, newest first, each with its author and date (in the viewer's zone, by
 * `options.formatDate`), cut so that all of them fit one message; Back shows the card again.
 */
export function notesListView(
  options: ViewOptions,
  task: { id: number; title: string },
  notes: NoteSummary[],
): View {
  const { lang } = options;
  const back = button(t(lang, 'btnBack'), { action: 'card', taskId: task.id, op: 'show' });
  const header = t(lang, 'notesTitle', { id: task.id, title: '\u0000', count: notes.length }).replace(
    '\u0000',
    () => shortenEscaped(task.title, 100),
  );
  const budget = Math.floor((TELEGRAM_TEXT_LIMIT - header.length - 16) / Math.max(notes.length, 1));
  const entries = notes.map((note) => {
    const date = options.formatDate(note.createdAt);
    const head =
      note.kind === 'origin'
        ? t(lang, 'notesOriginEntry', { date })
        : t(lang, 'notesEntry', { author: authorOf(lang, note), date });
    return `${head}\n${shortenEscaped(note.text, Math.max(budget - head.length - 3, 16))}`;
  });
  return { text: [header, ...entries].join('\n\n'), keyboard: [[back]] };
}

/**
 * Whether the replied-to message shows the task's card with its main buttons (✏️ is only there),
 * so that it may be redrawn with a new note; a reminder or an open menu is left as it is.
 */
export function showsMainCard(replied: RepliedMessage, taskId: number): boolean {
  return (replied.reply_markup?.inline_keyboard ?? []).some((row) =>
    row.some((key) => {
      const action = decodeCallback(key.callback_data);
      return action?.action === 'card' && action.taskId === taskId && action.op === 'edit';
    }),
  );
}
