import type { User } from '@taskbot/db/entities/User';
import type { Language } from '@taskbot/domain/language';
import { t } from '@taskbot/domain/texts';
import { zoneChosenText } from '@taskbot/domain/zone-question';
import type { ReplyKeyboardMarkup } from 'telegraf/types';
import type { BotContext } from './bot-context';
import { applyPerson } from './sender';

// Changing a person's time zone, the same way from every place that can: a zone button (callback
// worker), a typed city or offset, a shared location, /settings tz (command worker).

/**
 * Sets the person's zone and moves their whole-day due dates and pending reminders with it (see
 * ReminderRepository.changeTimeZone); replies from here on use the new zone.
 */
export async function changeTimeZone(ctx: BotContext, userId: number, timeZone: string): Promise<User> {
  const { deps } = ctx;
  const { user, from, moved } = await deps.reminders.changeTimeZone(
    userId,
    timeZone,
    deps.defaults,
    deps.now(),
  );
  if (from !== timeZone) ctx.log.info('time zone changed', { from, to: timeZone, tasks_moved: moved });
  applyPerson(ctx, user);
  return user;
}

/** The "📍 Send my location" button under the input field; Telegram offers it in private chats only. */
export function locationKeyboard(lang: Language): ReplyKeyboardMarkup {
  return {
    keyboard: [[{ text: t(lang, 'btnSendLocation'), request_location: true }]],
    resize_keyboard: true,
    one_time_keyboard: true,
  };
}

/**
 * Says which zone is now in effect and what time it is there, and takes the location button
 * away (in a private chat, the only place it is shown). `label` is the zone as the person typed it.
 */
export async function confirmTimeZone(ctx: BotContext, timeZone: string, label?: string): Promise<void> {
  const text = zoneChosenText(ctx.lang, timeZone, ctx.deps.now(), label);
  await ctx.reply(text, {
    parse_mode: 'HTML',
    ...(ctx.chat?.type === 'private' ? { reply_markup: { remove_keyboard: true } } : {}),
  });
}

/** Forgets the zone question still open for the person in this chat, if that is the one open. */
export async function settleTimeZoneQuestion(ctx: BotContext, chatId: number, userId: number): Promise<void> {
  const open = await ctx.deps.conversation.openPrompt(chatId, userId);
  if (open?.prompt.kind === 'setting' && open.prompt.setting === 'timeZone') {
    await ctx.deps.conversation.forgetPrompt(chatId, userId, open.id);
  }
}
