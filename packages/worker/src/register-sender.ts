import type { Chat } from '@taskbot/db/entities/Chat';
import type { BotContext } from './bot-context';

/** Makes sure the person and the chat of an update exist in the database (both upserts). */
export async function registerSender(ctx: BotContext): Promise<{ chat: Chat }> {
  const from = ctx.from;
  const chat = ctx.chat;
  if (!from || !chat) throw new Error('update has no sender or chat');
  await ctx.deps.users.register(from);
  return { chat: await ctx.deps.chats.register(chat) };
}
