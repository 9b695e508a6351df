import { effectiveSettings, NOTHING_CHOSEN, type StoredSettings } from '@taskbot/domain/effective-settings';
import type { EffectiveSettings } from '@taskbot/domain/settings-view';
import type { MiddlewareFn } from 'telegraf';
import type { BotContext, Sender } from './bot-context';

/**
 * Gives every update `ctx.sender()`: the person and the chat, made sure of in the database as
 * Telegram describes them now and, in a group, the person known as one of its members (see
 * SenderRegistry); the person's own settings (language, time zone, lead time) then apply to ctx.
 *
 * Mounted once per bot, it registers nothing by itself: the registration runs on the first call,
 * at most once per update, where the handler asks for it. That keeps what handlers chose before:
 * a group's chatter nobody answers, an edited message that made no task, a bot removed from a chat
 * it never knew or a reply to a question asked of somebody else writes no row; the registration
 * comes after the checks that refuse a press or decline an answer, never before.
 */
export const senderMiddleware: MiddlewareFn<BotContext> = (ctx, next) => {
  let registered: Promise<Sender> | undefined;
  ctx.sender = () => {
    registered ??= register(ctx);
    return registered;
  };
  return next();
};

async function register(ctx: BotContext): Promise<Sender> {
  const from = ctx.from;
  const chat = ctx.chat;
  if (!from || !chat) throw new Error('update has no sender or chat');
  // A shared sender account is no member anyone could assign tasks to, and its row's settings are
  // nobody's: replies to it use the defaults.
  const person = ctx.senderKind === 'person';
  const registered = await ctx.deps.senders.register(from, chat, { member: person });
  applyPerson(ctx, person ? registered.user : NOTHING_CHOSEN);
  return registered;
}

/**
 * Replies from here on speak the person's language, in their time zone, with their lead time; the
 * settings in effect are returned for the screens that show them, so they are worked out once.
 */
export function applyPerson(ctx: BotContext, user: StoredSettings): EffectiveSettings {
  const settings = effectiveSettings(user, ctx.deps.defaults);
  ctx.lang = settings.language;
  ctx.person = { timeZone: settings.timeZone, leadMinutes: settings.leadMinutes };
  return settings;
}
