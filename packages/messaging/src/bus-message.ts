import { chatIdOf, userOf } from '@taskbot/domain/updates';
import type { Update } from '@telegraf/types';
import { z } from 'zod';

// What travels on the broker. Every message taken off a queue is parsed with these schemas, never
// trusted: a message that does not parse is a permanent failure and goes straight to its
// dead-letter queue.

export const updateSchema = z.looseObject({
  update_id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});

export const updateMessageSchema = z.object({
  kind: z.literal('update'),
  update: updateSchema,
  receivedAt: z.iso.datetime(),
  /** The gateway removed NUL characters from the update (see apps/gateway nul-bytes.ts). */
  nulRemoved: z.literal(true).optional(),
});

/** Something the bot says on its own (not as the reply to an update). */
export const noticeMessageSchema = z.object({
  kind: z.literal('notice'),
  notice: z.literal('rate_limited'),
  chatId: z.number().int(),
  userId: z.number().int(),
  languageCode: z.string().max(35).optional(),
});

/** A task's reminder, due at `remindAt`; the scheduler publishes it, the command worker sends it. */
export const reminderMessageSchema = z.object({
  kind: z.literal('reminder'),
  taskId: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  chatId: z.number().int(),
  remindAt: z.iso.datetime(),
});

/** A person's daily digest for their local date, sent to their private chat. */
export const digestMessageSchema = z.object({
  kind: z.literal('digest'),
  userId: z.number().int().positive(),
  chatId: z.number().int(),
  localDate: z.iso.date(),
});

export const busMessageSchema = z.discriminatedUnion('kind', [
  updateMessageSchema,
  noticeMessageSchema,
  reminderMessageSchema,
  digestMessageSchema,
]);

export type UpdateMessage = z.infer<typeof updateMessageSchema>;
export type NoticeMessage = z.infer<typeof noticeMessageSchema>;
export type ReminderMessage = z.infer<typeof reminderMessageSchema>;
export type DigestMessage = z.infer<typeof digestMessageSchema>;
export type BusMessage = z.infer<typeof busMessageSchema>;

export function encodeMessage(message: BusMessage): Buffer {
  return Buffer.from(JSON.stringify(message));
}

export type Decoded = { ok: true; message: BusMessage } | { ok: false; error: string };

export function decodeMessage(content: Buffer): Decoded {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch {
    return { ok: false, error: 'message is not JSON' };
  }
  const parsed = busMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: `invalid message: ${issue?.path.join('.') || 'body'} ${issue?.message ?? ''}`.trim(),
    };
  }
  return { ok: true, message: parsed.data };
}

/** The update, chat and person a message is about, for its log lines. */
export function logFieldsOf(message: BusMessage): Record<string, number | undefined> {
  if (message.kind !== 'update') {
    return { chat_id: message.chatId, user_id: 'userId' in message ? message.userId : undefined };
  }
  const update = message.update as unknown as Update;
  return { update_id: update.update_id, chat_id: chatIdOf(update), user_id: userOf(update)?.id };
}
