import type { BotContext } from '@taskbot/bot/bot-context';
import type { Chat } from '@taskbot/db/entities/Chat';

/**
 * The chat takes the bot's messages again (the person unblocked or restarted it, the group added
 * it back): it is active, so its reminders and digests go out again. A group that became a
 * supergroup stays inactive: its tasks live in the supergroup now.
 */
export async function reactivate(ctx: BotContext, chat: Chat): Promise<void> {
  if (chat.active || chat.migratedToChatId !== null) return;
  await ctx.deps.chats.setActive(chat.id, true);
  chat.active = true;
  ctx.log.info('chat active again', { chat_id: chat.id });
}
