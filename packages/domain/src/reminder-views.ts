import { encodeCallback } from './callback-data';
import type { Language } from './language';
import { encodeReminderAction } from './reminder-buttons';
import { SNOOZE_KINDS, type SnoozeKind } from './schedule';
import { escapeHtml, type TextKey, t } from './texts';
import { formatLocal } from './time-zone';
import type { Button, View } from './views';

// What reminders and the daily digest look like: plain data (HTML text and a keyboard), so the
// worker only sends it and tests read it without any server.

export interface RemindedTask {
  id: number;
  title: string;
  dueAt: Date | null;
}

/** The person a reminder in a group names, so Telegram notifies them. */
export interface Mention {
  userId: number;
  name: string;
}

export interface DigestTask {
  title: string;
  dueAt: Date;
  /** The group the task belongs to; null for a task of the person's private chat. */
  chatTitle: string | null;
}

const TELEGRAM_TEXT_LIMIT = 4096;
/** Titles are cut before escaping; even all '&' (5 characters escaped) stays within the limit. */
const REMINDER_TITLE_MAX = 600;
const DIGEST_TITLE_MAX = 120;

const SNOOZE_TEXT: Record<SnoozeKind, TextKey> = {
  '15m': 'snooze15mButton',
  '1h': 'snooze1hButton',
  tomorrow: 'snoozeTomorrowButton',
};

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** One row with a button per snooze choice; `onCard` when they stand in for a card's buttons. */
export function snoozeRow(language: Language, taskId: number, onCard = false): Button[] {
  return SNOOZE_KINDS.map((kind) => ({
    text: t(language, SNOOZE_TEXT[kind]),
    callbackData: encodeReminderAction(
      onCard ? { action: 'snooze', taskId, kind, onCard } : { action: 'snooze', taskId, kind },
    ),
  }));
}

/** Done (the card's own button: the message becomes the task's card), then the snooze choices. */
function reminderKeyboard(language: Language, taskId: number): Button[][] {
  return [
    [
      {
        text: t(language, 'btnDone'),
        callbackData: encodeCallback({ action: 'card', taskId, op: 'done' }),
      },
    ],
    snoozeRow(language, taskId),
  ];
}

/** The reminder itself: the task, its due time in the person's zone, Done and the snooze choices. */
export function reminderView(
  language: Language,
  task: RemindedTask,
  tz: string,
  mention: Mention | null,
): View {
  const title = cut(task.title, REMINDER_TITLE_MAX);
  const head = mention
    ? t(language, 'reminderFor', { userId: mention.userId, name: cut(mention.name, 64), title })
    : t(language, 'reminder', { title });
  const due = task.dueAt
    ? `\n${t(language, 'reminderDue', { due: formatLocal(task.dueAt, tz, language) })}`
    : '';
  return { text: `${head}${due}`, keyboard: reminderKeyboard(language, task.id) };
}

/** The snooze choices shown in place of a message's buttons after ⏰ was pressed. */
export function snoozeChoicesView(language: Language, task: RemindedTask): View {
  return {
    text: t(language, 'snoozeChoose', { title: cut(task.title, REMINDER_TITLE_MAX) }),
    keyboard: [
      snoozeRow(language, task.id, true),
      [
        {
          text: t(language, 'btnBack'),
          callbackData: encodeCallback({ action: 'card', taskId: task.id, op: 'show' }),
        },
      ],
    ],
  };
}

/** A reminder after a snooze: when it rings again, still with Done and the choices. */
export function snoozedView(language: Language, task: RemindedTask, until: Date, tz: string): View {
  return {
    text: t(language, 'snoozedUntil', {
      time: formatLocal(until, tz, language),
      title: cut(task.title, REMINDER_TITLE_MAX),
    }),
    keyboard: reminderKeyboard(language, task.id),
  };
}

function digestLine(language: Language, task: DigestTask, tz: string): string {
  const where = task.chatTitle ? ` · ${escapeHtml(cut(task.chatTitle, 40))}` : '';
  return `• ${escapeHtml(cut(task.title, DIGEST_TITLE_MAX))} — ${escapeHtml(formatLocal(task.dueAt, tz, language))}${where}`;
}

/**
 * The daily digest: overdue tasks, then those due later today, each oldest due first. Null when there
 * is nothing to say. Lines that would not fit one message are counted at the end instead.
 */
export function digestView(
  language: Language,
  date: string,
  tasks: DigestTask[],
  now: Date,
  tz: string,
): View | null {
  if (tasks.length === 0) return null;
  const byDue = [...tasks].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const sections: Array<[TextKey, DigestTask[]]> = [
    ['digestOverdue', byDue.filter((task) => task.dueAt.getTime() < now.getTime())],
    ['digestToday', byDue.filter((task) => task.dueAt.getTime() >= now.getTime())],
  ];
  const budget = TELEGRAM_TEXT_LIMIT - 100;
  let text = t(language, 'digestHeader', { date });
  let left = tasks.length;
  fill: for (const [heading, list] of sections) {
    if (list.length === 0) continue;
    const block = `\n\n<b>${t(language, heading)}</b>`;
    if (text.length + block.length > budget) break;
    text += block;
    for (const task of list) {
      const line = `\n${digestLine(language, task, tz)}`;
      if (text.length + line.length > budget) break fill;
      text += line;
      left -= 1;
    }
  }
  if (left > 0) text += `\n${t(language, 'digestMore', { count: left })}`;
  return { text };
}
