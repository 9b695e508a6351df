// What a task carries beyond its title, and the limits on it. The bot answers each limit clearly
// instead of storing less than it was given.

/** The longest note, in characters (Telegram's message limit is 4096; the card needs room too). */
export const MAX_NOTE_LENGTH = 4000;
/** The most notes a task keeps. */
export const MAX_NOTES_PER_TASK = 20;
/** The most files a task keeps. */
export const MAX_FILES_PER_TASK = 10;

export const TASK_NOTE_KINDS = ['note', 'origin'] as const;
/** 'note': written by a person (a reply to the card); 'origin': where a forwarded message came from. */
export type TaskNoteKind = (typeof TASK_NOTE_KINDS)[number];

export const TASK_FILE_KINDS = ['photo', 'document', 'voice', 'video'] as const;
/** The kind of message a file came in, which is also how it is sent back. */
export type TaskFileKind = (typeof TASK_FILE_KINDS)[number];
