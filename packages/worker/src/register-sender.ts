import type { Chat } from '@taskbot/db/entities/Chat';
import type { User } from '@taskbot/db/entities/User';
import { languageOf } from '@taskbot/domain/language';
import type { BotContext } from './bot-context';

/**
 * Makes sure the person and the chat of an update exist in the database (both upserts) and, in a
 * group, that the person is known as one of its members; applies the person's own settings:
 * language override, time zone, reminder lead time.
 */
export async function registerSender(ctx: BotContext): Promise<{ chat: Chat; user: User }> {
  const from = ctx.from;
  const chat = ctx.chat;
  if (!from || !chat) throw new Error('update has no sender or chat');
  const user = await ctx.deps.users.register(from);
  applyPerson(ctx, user);
  const registered = await ctx.deps.chats.register(chat);
  // Who wrote in a group can be assigned its tasks by @username (see findUserByUsername).
  if (registered.type !== 'private') await ctx.deps.chats.addMember(registered.id, user.id);
  return { chat: registered, user };
}

export function applyPerson(ctx: BotContext, user: User): void {
  ctx.lang = languageOf(user.language ?? user.languageCode);
  ctx.person = {
    timeZone: user.timeZone ?? ctx.deps.defaults.timeZone,
    leadMinutes: user.reminderLeadMinutes ?? ctx.deps.defaults.leadMinutes,
  };
}
