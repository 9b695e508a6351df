import type { TaskFileKind } from './task-extras';

// The file a message carries, as a task keeps it. Read defensively: the message comes off the
// queue as JSON, and a forwarded message may carry any of Telegram's kinds.

/** A file of a message: how to send it back (kind, file_id) and what tells it apart and names it. */
export interface MessageFile {
  kind: TaskFileKind;
  fileId: string;
  /** The same for one file however often it is sent: the same file twice is one attachment. */
  fileUniqueId: string;
  fileName: string | null;
  mimeType: string | null;
  fileSize: number | null;
}

type Fields = Record<string, unknown>;

// Telegram's ids are far shorter; longer ones come from a forged update and are not kept.
const MAX_FILE_ID_LENGTH = 255;
const MAX_FILE_UNIQUE_ID_LENGTH = 64;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null;

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value !== '' ? value.slice(0, max) : null;

const area = (size: Fields): number =>
  (Number(size.width) || 0) * (Number(size.height) || 0) || Number(size.file_size) || 0;

function fileOf(kind: TaskFileKind, value: unknown): MessageFile | undefined {
  if (!isRecord(value) || typeof value.file_id !== 'string' || typeof value.file_unique_id !== 'string') {
    return undefined;
  }
  const { file_id: fileId, file_unique_id: uniqueId } = value;
  if (fileId === '' || uniqueId === '' || fileId.length > MAX_FILE_ID_LENGTH) return undefined;
  if (uniqueId.length > MAX_FILE_UNIQUE_ID_LENGTH) return undefined;
  return {
    kind,
    fileId,
    fileUniqueId: uniqueId,
    fileName: text(value.file_name, 255),
    mimeType: text(value.mime_type, 255),
    fileSize: Number.isSafeInteger(value.file_size) ? (value.file_size as number) : null,
  };
}

/**
 * The photo, document, voice message or video of a message, or undefined when it carries none of
 * them. Of a photo's sizes the largest is kept: it is the one worth sending back.
 */
export function fileOfMessage(message: unknown): MessageFile | undefined {
  if (!isRecord(message)) return undefined;
  if (Array.isArray(message.photo)) {
    const sizes = message.photo.filter(isRecord);
    const largest = sizes.reduce<Fields | undefined>(
      (best, size) => (best === undefined || area(size) > area(best) ? size : best),
      undefined,
    );
    return fileOf('photo', largest);
  }
  for (const kind of ['document', 'voice', 'video'] as const) {
    if (message[kind] !== undefined) return fileOf(kind, message[kind]);
  }
  return undefined;
}
