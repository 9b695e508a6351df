import type { SnoozeKind } from './schedule';

// Button data of reminders, as compact as the other buttons and checked on every press:
//   r:<taskId>            open the snooze choices (the ⏰ button of a task card)
//   z:<taskId>:<15m|1h|tm> snooze the task's reminder (pressed on a reminder)
//   z:<taskId>:<15m|1h|tm>:c the same, pressed among a task card's choices (the card comes back)
// Who may press is decided from the database each time, never from the data.

export type ReminderAction =
  | { action: 'remind'; taskId: number }
  | { action: 'snooze'; taskId: number; kind: SnoozeKind; onCard?: boolean };

const MAX_ID = 2 ** 31 - 1;

const KIND_CODES: Record<SnoozeKind, string> = { '15m': '15m', '1h': '1h', tomorrow: 'tm' };
const KIND_BY_CODE: Record<string, SnoozeKind> = { '15m': '15m', '1h': '1h', tm: 'tomorrow' };

export function encodeReminderAction(action: ReminderAction): string {
  switch (action.action) {
    case 'remind':
      return `r:${action.taskId}`;
    case 'snooze':
      return `z:${action.taskId}:${KIND_CODES[action.kind]}${action.onCard ? ':c' : ''}`;
  }
}

/** The reminder action a button stands for, or undefined for data that is not one or is malformed. */
export function decodeReminderAction(data: string | undefined): ReminderAction | undefined {
  if (!data || data.length > 64) return undefined;
  const match = /^(?:r:([1-9]\d{0,9})|z:([1-9]\d{0,9}):(15m|1h|tm)(:c)?)$/.exec(data);
  if (!match) return undefined;
  const taskId = Number(match[1] ?? match[2]);
  if (taskId > MAX_ID) return undefined;
  if (match[1] !== undefined) return { action: 'remind', taskId };
  const kind = KIND_BY_CODE[match[3] ?? ''];
  if (!kind) return undefined;
  return match[4] ? { action: 'snooze', taskId, kind, onCard: true } : { action: 'snooze', taskId, kind };
}
