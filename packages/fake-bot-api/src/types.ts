// The Bot API objects the fake reads and writes, trimmed to the fields it models.
// Shapes follow https://core.telegram.org/bots/api; optional fields are left out when absent,
// as Telegram does.

import type { Failure } from './failures';

export type {
  BotCommand,
  CallbackQuery,
  Chat,
  Document,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  MessageEntity,
  PhotoSize,
  ResponseParameters,
  Update,
  User,
  Video,
  Voice,
  WebhookInfo,
} from '@telegraf/types';

import type {
  Chat,
  Document,
  MessageEntity,
  PhotoSize,
  ResponseParameters,
  Message as TelegramMessage,
  Update,
  UserFromGetMe,
  Video,
  Voice,
} from '@telegraf/types';

/** What getMe answers: the bot itself. */
export type BotUser = UserFromGetMe;

export type ChatType = Chat['type'];

// The fields that tell the kinds of message the fake models apart. Each kind lists the others'
// as absent, so `message.text` or `message.photo` reads on any Message (undefined when absent).
interface KindFields {
  text: string;
  entities: MessageEntity[];
  photo: PhotoSize[];
  document: Document;
  voice: Voice;
  video: Video;
  caption: string;
  caption_entities: MessageEntity[];
  media_group_id: string;
}
type OfKind<M> = M & { [K in Exclude<keyof KindFields, keyof M>]?: undefined };

/** A message with a photo, document, voice message or video, and its caption. */
export type MediaMessage =
  | OfKind<TelegramMessage.PhotoMessage>
  | OfKind<TelegramMessage.DocumentMessage>
  | OfKind<TelegramMessage.VoiceMessage>
  | OfKind<TelegramMessage.VideoMessage>;

/**
 * A message as the fake keeps it: text and its entities, or a photo, document, voice message or
 * video with its caption; its buttons, and what it replies to.
 */
export type Message = OfKind<TelegramMessage.TextMessage> | MediaMessage;
/** A replied message as Telegram quotes it inside another. */
export type ReplyMessage = NonNullable<Message['reply_to_message']>;

/** The body of an update: exactly one field, naming its type (message, callback_query…). */
export type UpdateContent = DistributiveOmit<Update, 'update_id'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An update to push; without `update_id` it gets the next one. */
export type NewUpdate = UpdateContent & { update_id?: number };

/** A pushed update as queued: what was pushed, numbered. */
export type Pushed<U extends NewUpdate> = Omit<U, 'update_id'> & { update_id: number };

export type ChatMemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export type ApiResponse =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: ResponseParameters };

/** One answered Bot API request, as the fake recorded it. `seq` counts from 1 and never repeats. */
export interface Call {
  seq: number;
  method: string;
  token: string;
  payload: Record<string, unknown>;
  at: Date;
  response: ApiResponse;
  /** Set when an injected failure answered instead of the method (a late answer, hangMs, is not). */
  injected?: InjectedFailure;
}

/** How an injected failure answered a call, so tests can tell failed calls from real answers. */
export interface InjectedFailure {
  /**
   * What the client got: `error` Telegram's JSON error (as in `response`), `html` a proxy's HTML
   * error page, `reset` a reset connection and `hang` nothing until it gave up. For the last two
   * no HTTP answer was sent, and `response` says so with error_code 0.
   */
  kind: 'error' | 'html' | 'reset' | 'hang';
  failure: Failure;
  /** `queued` by failNext() for this one call, or an `outage` (failFor()) standing when it came. */
  source: 'queued' | 'outage';
}
