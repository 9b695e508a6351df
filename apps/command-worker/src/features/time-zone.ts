import type { BotContext } from '@taskbot/bot/bot-context';
import {
  changeTimeZone,
  confirmTimeZone,
  locationKeyboard,
  settleTimeZoneQuestion,
} from '@taskbot/bot/time-zone';
import type { User } from '@taskbot/db/entities/User';
import { hasChosenZone } from '@taskbot/domain/effective-settings';
import { t } from '@taskbot/domain/texts';
import { readTimeZone, zoneAt } from '@taskbot/domain/zone-choice';
import { zoneNoteText, zoneQuestionView } from '@taskbot/domain/zone-question';
import { messageOptions } from '@taskbot/telegram/markup';
import { Composer } from 'telegraf';

/**
 * A person's time zone at first contact: the question (zone buttons, a location button, or a
 * typed city or offset), and the answers that come as a shared location or as plain text. A
 * typed answer is read as one only while the question is open: it is on record (ConversationStore)
 * before it is sent, and answered, it is forgotten.
 */
export const timeZoneFeature = new Composer<BotContext>();

/** Longer texts that are not a zone are tasks written meanwhile, not another try at a city. */
const MAX_ANSWER_WORDS = 3;

/**
 * Asks the person in a private chat which zone they are in: the question with a button for each
 * zone of their language (after `intro`, a greeting), then the hint with the location button under
 * the input field (a message has one keyboard: the buttons and the location button need two).
 * `after` is the message the question answers (the /start, the task).
 */
export async function askTimeZone(ctx: BotContext, after: number, intro?: string): Promise<void> {
  const { chat, user } = await ctx.sender();
  const { conversation } = ctx.deps;
  const prompt = { kind: 'setting', setting: 'timeZone', userId: user.id } as const;
  const id = await conversation.askPrompt(chat.id, user.id, after, prompt);
  try {
    const view = zoneQuestionView(ctx.lang, intro);
    await ctx.reply(view.text, messageOptions(view));
    const hint = await ctx.reply(t(ctx.lang, 'zoneQuestionHint'), {
      parse_mode: 'HTML',
      reply_markup: locationKeyboard(ctx.lang),
    });
    await conversation.settlePrompt(chat.id, user.id, id, hint.message_id);
  } catch (error) {
    await conversation.forgetPrompt(chat.id, user.id, id);
    throw error;
  }
}

/** Whether the person should be asked: a person in a private chat who never chose a zone. */
export function mayAskTimeZone(ctx: BotContext, user: User): boolean {
  return ctx.chat?.type === 'private' && ctx.senderKind === 'person' && !hasChosenZone(user);
}

/**
 * After the first dated task of someone who never chose a zone (in a private chat): once, how the
 * date was read ("Read as 09:00 Moscow time"), and the question.
 */
export async function noteAssumedZone(
  ctx: BotContext,
  user: User,
  due: { at: Date; hasTime: boolean },
): Promise<void> {
  if (!mayAskTimeZone(ctx, user) || user.zoneNotedAt !== null || !ctx.message) return;
  const note = zoneNoteText(ctx.lang, due, ctx.person.timeZone);
  await askTimeZone(ctx, ctx.message.message_id, note);
  await ctx.deps.users.markZoneNoted(user.id, ctx.deps.now());
}

/**
 * A typed answer to the zone question: a city, an IANA name or an offset. Sets the zone, or says
 * what it could not read and keeps the question open. `always` for a reply to the question; text
 * typed without one that is no zone and longer than MAX_ANSWER_WORDS is no answer (false): it goes
 * on to be what it would be without the question, a task.
 */
export async function answerTimeZone(
  ctx: BotContext,
  userId: number,
  text: string,
  promptId: string,
  always: boolean,
): Promise<boolean> {
  const reading = readTimeZone(text);
  if (!reading.ok) {
    const value = text.trim().slice(0, 64);
    if (always) {
      await ctx.reply(t(ctx.lang, 'timeZoneBad', { value }), { parse_mode: 'HTML' });
      return true;
    }
    if (text.trim().split(/\s+/).length > MAX_ANSWER_WORDS) return false;
    // Without a reply it may have been meant as a task: the answer says how to add it as one.
    await ctx.reply(t(ctx.lang, 'zoneBadOrTask', { value }), { parse_mode: 'HTML' });
    return true;
  }
  await changeTimeZone(ctx, userId, reading.timeZone);
  if (ctx.chat) await ctx.deps.conversation.forgetPrompt(ctx.chat.id, userId, promptId);
  await confirmTimeZone(ctx, reading.timeZone, reading.label);
  return true;
}

// A location in a private chat comes from the 📍 button (a task bot has no other use for one): it
// sets the zone whether or not the question is still open. Only the zone is kept, never the place.
timeZoneFeature.on('location', async (ctx, next) => {
  if (ctx.chat.type !== 'private' || ctx.senderKind !== 'person') return next();
  const { chat, user } = await ctx.sender();
  const zone = zoneAt(ctx.message.location.latitude, ctx.message.location.longitude);
  if (!zone) {
    await ctx.reply(t(ctx.lang, 'zoneLocationUnknown'), { parse_mode: 'HTML' });
    return;
  }
  await changeTimeZone(ctx, user.id, zone);
  await settleTimeZoneQuestion(ctx, chat.id, user.id);
  await confirmTimeZone(ctx, zone);
});

// Replies to the question are the prompts feature's; this takes the answers typed without a reply.
timeZoneFeature.on('text', async (ctx, next) => {
  // A reply to another message of the bot answers no question (see the prompts feature).
  const { text, reply_to_message: replyTo } = ctx.message;
  if (ctx.chat.type !== 'private' || ctx.senderKind !== 'person' || replyTo || text.startsWith('/')) {
    return next();
  }
  const open = await ctx.deps.conversation.openPrompt(ctx.chat.id, ctx.from.id);
  if (open?.prompt.kind !== 'setting' || open.prompt.setting !== 'timeZone') return next();
  const { user } = await ctx.sender();
  if (!(await answerTimeZone(ctx, user.id, text, open.id, false))) return next();
});
