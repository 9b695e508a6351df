import type { Chat, Message, User } from '@taskbot/fake-bot-api/types';

// A message forwarded as Telegram forwards it: a new message from the person who forwards, its
// text or caption with their entities and its file kept, and where it came from in forward_origin.
// Telegram (Bot API 7.0 on) dates the original inside forward_origin; the older forward_from,
// forward_from_chat and forward_date fields are no longer sent, so neither are they here.

/** Telegram's MessageOrigin: who sent the original message, and when (Unix time). */
export type MessageOrigin =
  | { type: 'user'; date: number; sender_user: User }
  | { type: 'hidden_user'; date: number; sender_user_name: string }
  | { type: 'chat'; date: number; sender_chat: Chat; author_signature?: string }
  | { type: 'channel'; date: number; chat: Chat; message_id: number; author_signature?: string };

/** What a forward carries over: the text or caption with their entities, and the file. */
const KEPT_FIELDS = [
  'text',
  'entities',
  'caption',
  'caption_entities',
  'photo',
  'document',
  'voice',
  'video',
] as const;

type Original = Message & {
  forward_origin?: MessageOrigin;
  sender_chat?: Chat;
  author_signature?: string;
};

/**
 * Where a forward says the message came from: a forward of a forward names the first sender, a
 * message sent on behalf of a chat names the chat, anything else its sender (the bot's own
 * messages name the bot). `hiddenName` gives the name of a person who hides their account in
 * forwards (Telegram's forwarding privacy), undefined for anyone else.
 */
export function originOf(
  message: Message,
  hiddenName: (user: User) => string | undefined = () => undefined,
): MessageOrigin {
  const original = message as Original;
  if (original.forward_origin) return original.forward_origin;
  const date = original.date;
  if (original.sender_chat) {
    return {
      type: 'chat',
      date,
      sender_chat: original.sender_chat,
      ...(original.author_signature ? { author_signature: original.author_signature } : {}),
    };
  }
  if (!original.from) throw new Error(`message ${original.message_id} has no sender`);
  const hidden = hiddenName(original.from);
  return hidden === undefined
    ? { type: 'user', date, sender_user: original.from }
    : { type: 'hidden_user', date, sender_user_name: hidden };
}

/**
 * The content of the forwarded copy: the original's text or caption, entities and file (the same
 * file ids), and its origin. Not its buttons, the message it replied to or its album.
 */
export function forwardedContent(
  message: Message,
  hiddenName?: (user: User) => string | undefined,
): Record<string, unknown> {
  const original = message as unknown as Record<string, unknown>;
  const kept = KEPT_FIELDS.filter((field) => original[field] !== undefined).map((field) => [
    field,
    original[field],
  ]);
  return { forward_origin: originOf(message, hiddenName), ...Object.fromEntries(kept) };
}

/** The name a forward gives a person in `hidden` (by id), who hides their account in forwards. */
export const hiddenNames =
  (hidden: ReadonlySet<number>) =>
  (user: User): string | undefined =>
    hidden.has(user.id) ? [user.first_name, user.last_name].filter(Boolean).join(' ') : undefined;

/**
 * Whether the bot sees a message a person sent. In groups it runs in privacy mode: it sees commands,
 * replies to it and mentions of it, and no forward (a forwarded "/tasks" is not a command to it).
 */
export function botSees(message: Message, bot: { id: number; username: string }): boolean {
  if (message.chat.type === 'private') return true;
  if ((message as Original).forward_origin) return false;
  const text = message.text ?? message.caption ?? '';
  return (
    text.startsWith('/') ||
    message.reply_to_message?.from?.id === bot.id ||
    text.toLowerCase().includes(`@${bot.username.toLowerCase()}`)
  );
}
