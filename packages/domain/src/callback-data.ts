// Button data: compact (Telegram allows 64 bytes), versionless and checked on every press. A press
// carries only an action and ids; who may act is decided again from the database each time, so
// forged data can name a task but never grant a right.

export type CallbackAction = { action: 'done'; taskId: number };

const MAX_ID = 2 ** 31 - 1;

export function encodeCallback(action: CallbackAction): string {
  switch (action.action) {
    case 'done':
      return `d:${action.taskId}`;
  }
}

/** The action a button stands for, or undefined for data that is not ours or is malformed. */
export function decodeCallback(data: string | undefined): CallbackAction | undefined {
  if (!data || data.length > 64) return undefined;
  const match = /^d:([1-9]\d{0,9})$/.exec(data);
  if (!match?.[1]) return undefined;
  const taskId = Number(match[1]);
  return taskId <= MAX_ID ? { action: 'done', taskId } : undefined;
}
