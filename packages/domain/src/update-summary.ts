import type { Update } from '@telegraf/types';
import { chatIdOf, kindOf, payloadOf, userOf } from './updates';

// A one-line description of a queued message for operators (the failed-jobs table): what kind it
// is, whose it is and what it said. A failed message may be malformed in any way, so nothing here
// trusts the shape of the update beyond `update_id`.

/** What travels on the broker, structurally (the messaging package parses it). */
export type SummarizableMessage =
  | { kind: 'update'; update: { update_id: number; [field: string]: unknown } }
  | { kind: 'notice'; notice: string; chatId: number; userId: number }
  | { kind: 'reminder'; taskId: number; chatId: number; remindAt: string }
  | { kind: 'digest'; userId: number; chatId: number; localDate: string };

export interface UpdateSummary {
  /** The update kind (`message`, `callback_query`, ...), or `notice:<name>` for a notice. */
  kind: string;
  updateId?: number;
  chatId?: number;
  /** `@username (id)`, else `first name (id)`, else the id. */
  user?: string;
  /** The start of the text, caption, callback data or inline query, on one line. */
  text?: string;
}

export const SUMMARY_TEXT_CHARS = 40;

// Terminal control characters and bidirectional overrides: text from users must not be able to
// move the cursor, recolour or reorder what an operator's terminal shows.
const UNPRINTABLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]+/gu;

/** Text on one line, at most `maxChars` characters (code points), with "…" when cut. */
export function oneLine(text: string, maxChars: number): string {
  const chars = Array.from(text.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim());
  if (chars.length <= maxChars) return chars.join('');
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}

export function summarizeMessage(message: SummarizableMessage): UpdateSummary {
  if (message.kind === 'reminder') {
    return {
      kind: 'reminder',
      chatId: message.chatId,
      text: `task ${message.taskId} at ${message.remindAt}`,
    };
  }
  if (message.kind === 'digest') {
    return { kind: 'digest', chatId: message.chatId, user: String(message.userId), text: message.localDate };
  }
  if (message.kind === 'notice') {
    return {
      kind: `notice:${oneLine(message.notice, SUMMARY_TEXT_CHARS)}`,
      chatId: message.chatId,
      user: String(message.userId),
    };
  }
  const update = message.update as unknown as Update;
  const kind = kindOf(update);
  const summary: UpdateSummary = { kind: kind ?? 'unknown', updateId: update.update_id };
  const chatId = safely(() => chatIdOf(update));
  if (chatId !== undefined) summary.chatId = chatId;
  const user = describeUser(safely(() => userOf(update)));
  if (user !== undefined) summary.user = user;
  const text = kind ? textOf(payloadOf(update)) : undefined;
  if (text !== undefined) summary.text = oneLine(text, SUMMARY_TEXT_CHARS);
  return summary;
}

/** `message chat 7 @alice (7): /add Buy milk` */
export function formatSummary(summary: UpdateSummary): string {
  const parts = [summary.kind];
  if (summary.chatId !== undefined) parts.push(`chat ${summary.chatId}`);
  if (summary.user !== undefined) parts.push(summary.user);
  const head = parts.join(' ');
  return summary.text === undefined ? head : `${head}: ${summary.text}`;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function describeUser(user: unknown): string | undefined {
  if (!user || typeof user !== 'object') return undefined;
  const { id, username, first_name: firstName } = user as Record<string, unknown>;
  const name =
    typeof username === 'string' && username
      ? `@${username}`
      : typeof firstName === 'string' && firstName
        ? firstName
        : undefined;
  const idText = typeof id === 'number' ? String(id) : undefined;
  if (name === undefined) return idText;
  const shown = oneLine(name, SUMMARY_TEXT_CHARS);
  return idText === undefined ? shown : `${shown} (${idText})`;
}

function textOf(payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const record = payload as Record<string, unknown>;
  for (const field of ['text', 'caption', 'data', 'query']) {
    const value = record[field];
    if (typeof value === 'string') return value;
  }
  return undefined;
}
