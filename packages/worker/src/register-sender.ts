import type { Chat } from '@taskbot/db/entities/Chat';
import type { User } from '@taskbot/db/entities/User';
import { languageOf } from '@taskbot/domain/language';
import type { BotContext } from './bot-context';

/**
 * Makes sure the person and the chat of an update exist in the database as Telegram describes them
 * now and, in a group, that the person is known as one of its members (see SenderRegistry); applies
 * the person's own settings: language override, time zone, reminder lead time.
 */
export async function registerSender(ctx: BotContext): Promise<{ chat: Chat; user: User }> {
  const from = ctx.from;
  const chat = ctx.chat;
  if (!from || !chat) throw new Error('update has no sender or chat');
  const registered = await ctx.deps.senders.register(from, chat);
  applyPerson(ctx, registered.user);
  return registered;
}

export function applyPerson(ctx: BotContext, user: User): void {
  ctx.lang = languageOf(user.language ?? user.languageCode);
  ctx.person = {
    timeZone: user.timeZone ?? ctx.deps.defaults.timeZone,
    leadMinutes: user.reminderLeadMinutes ?? ctx.deps.defaults.leadMinutes,
  };
}
