import type { Update } from '@telegraf/types';
import { z } from 'zod';

// The shape an incoming update must have before it is published. Only what routing and the
// workers rely on is checked; unknown fields pass through untouched (Telegram adds fields often).

const id = z
  .number()
  .int()
  .min(-(2 ** 53) + 1)
  .max(2 ** 53 - 1);

const user = z.looseObject({ id, is_bot: z.boolean().optional(), first_name: z.string().max(256) });

const chat = z.looseObject({ id, type: z.enum(['private', 'group', 'supergroup', 'channel']) });

const message = z.looseObject({
  message_id: z.number().int().nonnegative(),
  date: z.number().int().nonnegative(),
  chat,
  from: user.optional(),
  text: z.string().max(16_384).optional(),
});

const callbackQuery = z.looseObject({
  id: z.string().min(1).max(256),
  from: user,
  message: z.looseObject({ message_id: z.number().int().nonnegative(), chat }).optional(),
  data: z.string().max(256).optional(),
});

export const incomingUpdateSchema = z
  .looseObject({
    update_id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    message: message.optional(),
    edited_message: message.optional(),
    channel_post: message.optional(),
    edited_channel_post: message.optional(),
    callback_query: callbackQuery.optional(),
  })
  .refine((update) => Object.keys(update).some((key) => key !== 'update_id'), {
    message: 'update carries no payload',
  })
  // Telegram sends exactly one payload per update; two would route one way and be read another.
  .refine((update) => Object.keys(update).filter((key) => key !== 'update_id').length === 1, {
    message: 'update carries more than one payload',
  });

export type IncomingUpdate = z.infer<typeof incomingUpdateSchema>;

// The schema restates part of Telegram's own Update type (typegram, as telegraf ships it). The
// compiler holds the two together: every update Telegram's type allows must fit what the schema
// infers (the limits aside), and every field the schema names must exist in Telegram's type, at
// any depth. A field that drifts from the Bot API fails the build on the line below.
/** An object type without its index signature (zod's loose objects have one). */
type Named<T> = T extends object ? { [K in keyof T as string extends K ? never : K]: Named<T[K]> } : T;
type PayloadKind = Exclude<keyof Named<IncomingUpdate>, 'update_id'>;
type AllKeys<T> = T extends unknown ? keyof T : never;
type FieldOf<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
/**
 * The fields the schema names that Telegram's type has not, at any depth: never when none. A field
 * Telegram types as `never` for one kind (`from` of a channel post) is one it leaves out there.
 */
type Stray<S, T> = [T] extends [never]
  ? never
  : S extends object
    ? {
        [K in keyof S]-?: K extends AllKeys<T> ? Stray<NonNullable<S[K]>, NonNullable<FieldOf<T, K>>> : K;
      }[keyof S]
    : never;
type Conforms<K extends PayloadKind> = [FieldOf<Update, K>] extends [NonNullable<Named<IncomingUpdate>[K]>]
  ? [Stray<NonNullable<Named<IncomingUpdate>[K]>, FieldOf<Update, K>>] extends [never]
    ? true
    : { stray: Stray<NonNullable<Named<IncomingUpdate>[K]>, FieldOf<Update, K>> }
  : { notAccepted: K };
export const SCHEMA_CONFORMS_TO_TELEGRAM: { [K in PayloadKind]: Conforms<K> } = {
  message: true,
  edited_message: true,
  channel_post: true,
  edited_channel_post: true,
  callback_query: true,
};

/** Deeper than any update Telegram sends (replies of pinned messages of replies stay far below). */
export const MAX_DEPTH = 32;

/** Keys no Telegram object has, and which would reach for an object's prototype if code trusted them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Why the parsed body cannot be an update before its fields are even looked at, or undefined:
 * nested deeper than MAX_DEPTH (later serialisation would overflow the stack) or holding a key
 * that tampers with prototypes. Iterative, so a hostile body cannot overflow the stack here either.
 */
export function hostileStructure(body: unknown): string | undefined {
  // Two parallel stacks rather than an object per value: this runs on every webhook request.
  const values: unknown[] = [body];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop() as number;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
    const record = value as Record<string, unknown>;
    // JSON.parse makes "__proto__" an own property, which Object.keys lists, so the check sees it.
    for (const key of Object.keys(record)) {
      if (FORBIDDEN_KEYS.has(key)) return `forbidden key "${key}"`;
      // The intake removes NUL characters later: "__pro\u0000to__" would become "__proto__" there.
      if (key.includes('\u0000') && FORBIDDEN_KEYS.has(key.replaceAll('\u0000', ''))) {
        return `forbidden key "${key.replaceAll('\u0000', '')}" (with NUL characters)`;
      }
      const child = record[key];
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return undefined;
}

export type ParsedUpdate = { ok: true; update: IncomingUpdate } | { ok: false; reason: string };

/** The body as an update, or a short reason for a 400 naming the first thing that is wrong. */
export function parseIncomingUpdate(body: unknown): ParsedUpdate {
  const hostile = hostileStructure(body);
  if (hostile) return { ok: false, reason: `invalid update: ${hostile}` };
  // The usual update is recognised by plain checks that copy nothing; zod has the last word (and
  // names what is wrong) on anything they do not plainly accept.
  if (plainlyValidUpdate(body)) return { ok: true, update: body };
  const parsed = incomingUpdateSchema.safeParse(body);
  if (parsed.success) return { ok: true, update: parsed.data };
  return { ok: false, reason: describeInvalidUpdate(parsed.error) };
}

// What follows restates incomingUpdateSchema as plain checks, for speed. It may refuse more than the
// schema (the schema is then asked), never less: every check here is the schema's or a stricter one.

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;
const isText = (value: unknown, max: number): boolean => typeof value === 'string' && value.length <= max;
const CHAT_TYPES: ReadonlySet<unknown> = new Set(['private', 'group', 'supergroup', 'channel']);

const isChat = (value: unknown): boolean =>
  isRecord(value) && Number.isSafeInteger(value.id) && CHAT_TYPES.has(value.type);

const isUser = (value: unknown): boolean =>
  isRecord(value) &&
  Number.isSafeInteger(value.id) &&
  (value.is_bot === undefined || typeof value.is_bot === 'boolean') &&
  isText(value.first_name, 256);

const isMessage = (value: unknown): boolean =>
  isRecord(value) &&
  isCount(value.message_id) &&
  isCount(value.date) &&
  isChat(value.chat) &&
  (value.from === undefined || isUser(value.from)) &&
  (value.text === undefined || isText(value.text, 16_384));

const isCallbackQuery = (value: unknown): boolean =>
  isRecord(value) &&
  isText(value.id, 256) &&
  (value.id as string).length > 0 &&
  isUser(value.from) &&
  (value.message === undefined ||
    (isRecord(value.message) && isCount(value.message.message_id) && isChat(value.message.chat))) &&
  (value.data === undefined || isText(value.data, 256));

const PAYLOADS: Readonly<Record<string, (value: unknown) => boolean>> = {
  message: isMessage,
  edited_message: isMessage,
  channel_post: isMessage,
  edited_channel_post: isMessage,
  callback_query: isCallbackQuery,
};

/** Whether the body certainly passes incomingUpdateSchema: update_id and exactly one payload. */
export function plainlyValidUpdate(body: unknown): body is IncomingUpdate {
  if (!isRecord(body) || !isCount(body.update_id)) return false;
  let payload: string | undefined;
  for (const key of Object.keys(body)) {
    if (key === 'update_id') continue;
    if (payload !== undefined) return false;
    payload = key;
  }
  if (payload === undefined) return false;
  // A kind the schema does not describe passes it whatever it holds (the intake ignores it).
  const check = Object.hasOwn(PAYLOADS, payload) ? PAYLOADS[payload] : undefined;
  return check === undefined || check(body[payload]);
}

/** A short reason for a 400, naming the first field that is wrong. */
export function describeInvalidUpdate(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid update';
  const field = issue.path.map(String).join('.').slice(0, 200);
  return field ? `invalid update: ${field}: ${issue.message}` : `invalid update: ${issue.message}`;
}
