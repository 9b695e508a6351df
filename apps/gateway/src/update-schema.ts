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
  });

export type IncomingUpdate = z.infer<typeof incomingUpdateSchema>;

/** A short reason for a 400, naming the first field that is wrong. */
export function describeInvalidUpdate(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid update';
  const field = issue.path.map(String).join('.');
  return field ? `invalid update: ${field}: ${issue.message}` : `invalid update: ${issue.message}`;
}
