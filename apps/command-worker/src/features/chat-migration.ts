import type { BotContext } from '@taskbot/bot/bot-context';
import { chatMigrationOf } from '@taskbot/domain/chat-life';
import { migratedToChatIdOf } from '@taskbot/telegram/telegram-errors';
import type { Chat } from '@telegraf/types';
import { Composer, TelegramError } from 'telegraf';
import { message } from 'telegraf/filters';

/**
 * A group upgraded to a supergroup. Telegram says so with a message in each chat
 * (`migrate_to_chat_id` in the old, `migrate_from_chat_id` in the new), on different partitions,
 * in either order, maybe twice; the first to arrive moves the group's tasks, projects and members to
 * the supergroup, and the database makes every later one a no-op (see ChatRepository.migrate).
 *
 * A reply refused because the group was upgraded meanwhile (400 with `migrate_to_chat_id`: the
 * command was typed just before the upgrade) moves the group as well, and goes to the supergroup
 * instead of failing the job.
 */
export const chatMigrationFeature = new Composer<BotContext>();

async function moveChat(ctx: BotContext, fromChatId: number, toChat: Chat): Promise<void> {
  const move = await ctx.deps.chats.migrate(fromChatId, toChat);
  // Projects are read through the cache by chat: both lists changed.
  await Promise.all([
    ctx.deps.cache.invalidateProjects(fromChatId),
    ctx.deps.cache.invalidateProjects(toChat.id),
  ]);
  ctx.log.info('group upgraded to a supergroup', {
    from_chat_id: fromChatId,
    to_chat_id: toChat.id,
    ...move,
  });
}

/** The supergroup as far as a message of the old group tells: its id, and the group's title. */
function supergroupOf(chatId: number, oldChat: Chat | undefined): Chat {
  const title = oldChat && 'title' in oldChat ? oldChat.title : undefined;
  // Telegram always names a supergroup; a message of the old group may not say the name.
  return { id: chatId, type: 'supergroup', ...(title ? { title } : {}) } as Chat;
}

chatMigrationFeature.use(async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    const resend = resendToSupergroup(error, ctx.chat?.id);
    if (!resend || !ctx.chat) throw error;
    await moveChat(ctx, ctx.chat.id, supergroupOf(resend.payload.chat_id, ctx.chat as Chat));
    await ctx.telegram.callApi('sendMessage', resend.payload as never);
    ctx.log.info('reply sent to the supergroup the group became', { to_chat_id: resend.payload.chat_id });
  }
});

chatMigrationFeature.on(message('migrate_to_chat_id'), async (ctx) => {
  const migration = chatMigrationOf(ctx.message);
  if (migration)
    await moveChat(ctx, migration.fromChatId, supergroupOf(migration.toChatId, ctx.chat as Chat));
});

chatMigrationFeature.on(message('migrate_from_chat_id'), async (ctx) => {
  const migration = chatMigrationOf(ctx.message);
  if (migration) await moveChat(ctx, migration.fromChatId, ctx.chat as Chat);
});

/**
 * The message to send again when a sendMessage into `chatId` was refused because the group became a
 * supergroup: the same message into the supergroup, without the reply to a message of the old chat
 * (its ids mean nothing there). Undefined for any other failure.
 */
export function resendToSupergroup(
  error: unknown,
  chatId: number | undefined,
): { payload: Record<string, unknown> & { chat_id: number } } | undefined {
  const toChatId = migratedToChatIdOf(error);
  if (toChatId === undefined || chatId === undefined || !(error instanceof TelegramError)) return undefined;
  const call = error.on as { method?: unknown; payload?: unknown };
  if (call.method !== 'sendMessage' || typeof call.payload !== 'object' || call.payload === null)
    return undefined;
  const { reply_parameters, reply_to_message_id, ...payload } = call.payload as Record<string, unknown>;
  if (payload.chat_id !== chatId) return undefined;
  return { payload: { ...payload, chat_id: toChatId } };
}
