import { encodeCallback } from './callback-data';
import type { Language } from './language';
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
  priority: string;
  dueAt?: Date | null;
}

export const TASKS_PER_MESSAGE = 10;
const TELEGRAM_TEXT_LIMIT = 4096;
const BUTTON_TEXT_LIMIT = 40;

const PRIORITY_MARK: Record<string, string> = { urgent: '🔴 ', high: '🟠 ', normal: '', low: '⚪ ' };

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Escaped for HTML and cut so that the escaped form stays within `max` characters. */
function shortenEscaped(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    const escaped = escapeHtml(char);
    if (out.length + escaped.length > max - 1) return `${out}…`;
    out += escaped;
  }
  return out;
}

/** The open tasks of a chat, one "done" button per task, never longer than Telegram allows. */
export function taskListView(language: Language, tasks: TaskSummary[], total: number): View {
  if (tasks.length === 0) return { text: t(language, 'listEmpty') };
  const header = t(language, 'listHeader', { count: total });
  const more = total > tasks.length ? `\n${t(language, 'listMore', { count: total - tasks.length })}` : '';
  const budget = Math.floor((TELEGRAM_TEXT_LIMIT - header.length - more.length - 50) / tasks.length);
  const lines = tasks.map(
    (task, index) =>
      `${index + 1}. ${PRIORITY_MARK[task.priority] ?? ''}${shortenEscaped(task.title, Math.max(budget - 20, 20))}`,
  );
  return {
    text: `${header}\n${lines.join('\n')}${more}`,
    keyboard: tasks.map((task, index) => [
      {
        text: `${t(language, 'doneButton')} ${index + 1}. ${shorten(task.title, BUTTON_TEXT_LIMIT)}`,
        callbackData: encodeCallback({ action: 'done', taskId: task.id }),
      },
    ]),
  };
}
