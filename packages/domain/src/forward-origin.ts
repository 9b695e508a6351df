// A forwarded message made into a task: where it came from (Telegram's `forward_origin`), kept as
// the task's first note, and a title for a message that has no text of its own.
import type { Language } from './language';
import { rawText, type TextKey } from './texts';

/** What of the Bot API's MessageOrigin is read here (the kinds Telegram sends, by `type`). */
export type ForwardOrigin =
  | { type: 'user'; sender_user: { first_name: string; last_name?: string; username?: string } }
  | { type: 'hidden_user'; sender_user_name: string }
  | {
      type: 'chat';
      sender_chat: { title?: string; username?: string };
      author_signature?: string;
      /** Not in the Bot API for this kind today; read if Telegram ever adds it. */
      message_id?: number;
    }
  | {
      type: 'channel';
      chat: { title?: string; username?: string };
      message_id: number;
      author_signature?: string;
    };

/** Who or what a forwarded message came from, and a link to it where there is a public one. */
export interface OriginDescription {
  name: string;
  /** https://t.me/<username>/<message_id>: only a chat or channel with a username has one. */
  link?: string;
}

/** Telegram's usernames: 4-32 letters, digits and underscores (anything else makes no link). */
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;
/** Longer names are cut: a title or signature Telegram allows is at most 128 characters. */
const MAX_NAME = 128;

function cut(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

function withSignature(title: string | undefined, signature: string | undefined): string {
  const name = cut(title ?? '', MAX_NAME) || '?';
  return signature?.trim() ? `${name} (${cut(signature, MAX_NAME)})` : name;
}

function publicLink(username: string | undefined, messageId: number | undefined): string | undefined {
  if (!username || !USERNAME.test(username)) return undefined;
  if (!Number.isSafeInteger(messageId) || (messageId as number) <= 0) return undefined;
  return `https://t.me/${username}/${messageId}`;
}

/** The original sender's name (a chat's or channel's title, with the author's signature), and link. */
export function describeOrigin(origin: ForwardOrigin): OriginDescription {
  switch (origin.type) {
    case 'user': {
      const { first_name, last_name, username } = origin.sender_user;
      const name = cut([first_name, last_name].filter(Boolean).join(' '), MAX_NAME) || '?';
      return { name: username && USERNAME.test(username) ? `${name} (@${username})` : name };
    }
    case 'hidden_user':
      return { name: cut(origin.sender_user_name, MAX_NAME) || '?' };
    case 'chat':
    case 'channel': {
      const chat = origin.type === 'chat' ? origin.sender_chat : origin.chat;
      const link = publicLink(chat.username, origin.message_id);
      const name = withSignature(chat.title, origin.author_signature);
      return link ? { name, link } : { name };
    }
  }
}

/**
 * The origin as its note keeps it: the name, and the link on a line of its own. Stored without a
 * language: whoever reads the note sees it introduced in theirs (see noteViews).
 */
export function originNoteText(origin: ForwardOrigin): string {
  const { name, link } = describeOrigin(origin);
  return link ? `${name}\n${link}` : name;
}

/** Whether the update's message field is a Telegram origin this file reads. */
export function isForwardOrigin(value: unknown): value is ForwardOrigin {
  if (typeof value !== 'object' || value === null) return false;
  const origin = value as Record<string, unknown>;
  const isObject = (field: unknown) => typeof field === 'object' && field !== null;
  switch (origin.type) {
    case 'user':
      return isObject(origin.sender_user);
    case 'hidden_user':
      return typeof origin.sender_user_name === 'string';
    case 'chat':
      return isObject(origin.sender_chat);
    case 'channel':
      return isObject(origin.chat);
    default:
      return false;
  }
}

/** The kinds of message without text that a forward names in its title, by their message field. */
const MEDIA_KINDS: ReadonlyArray<[field: string, key: TextKey]> = [
  ['photo', 'forwardKindPhoto'],
  ['video', 'forwardKindVideo'],
  ['animation', 'forwardKindAnimation'],
  ['document', 'forwardKindDocument'],
  ['voice', 'forwardKindVoice'],
  ['audio', 'forwardKindAudio'],
  ['video_note', 'forwardKindVideoNote'],
  ['sticker', 'forwardKindSticker'],
  ['location', 'forwardKindLocation'],
  ['contact', 'forwardKindContact'],
  ['poll', 'forwardKindPoll'],
];

/**
 * A title for a forwarded message with no text or caption: "Forwarded photo from Anna". Built
 * from the raw texts (a title is stored, and escaped only where it is shown).
 */
export function forwardedMediaTitle(
  lang: Language,
  message: Record<string, unknown>,
  origin: ForwardOrigin,
): string {
  // `animation` messages carry a `document` too: the first field found in this order names it.
  const key = MEDIA_KINDS.find(([field]) => message[field] !== undefined)?.[1] ?? 'forwardKindMessage';
  const values: Record<string, string> = { kind: rawText(lang, key), origin: describeOrigin(origin).name };
  return rawText(lang, 'forwardTitle').replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}
