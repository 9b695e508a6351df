import type { BotContext } from '@taskbot/bot/bot-context';
import { joinedUsersOf, leftUserOf, memberEvent, parseChatMemberChange } from '@taskbot/domain/chat-life';
import type { Chat, User } from '@telegraf/types';
import { Composer } from 'telegraf';
import { message } from 'telegraf/filters';

/**
 * Who is in a group, as Telegram tells it: `chat_member` updates (sent only where the bot is an
 * admin) and the `new_chat_members` / `left_chat_member` service messages (sent everywhere). Someone
 * who leaves or is removed is no longer a member: no longer assignable by @username there, and the
 * group's tasks leave their /my and digest. Someone who joins (or comes back) is one again.
 *
 * None of these registers the update's sender the way commands do: in a `left_chat_member` message
 * the sender is often the very person who left.
 */
export const membersFeature = new Composer<BotContext>();

async function joined(ctx: BotContext, chat: Chat, person: User): Promise<void> {
  // The bot's own membership is my_chat_member's; other bots are never assigned tasks.
  if (person.is_bot || chat.type === 'private') return;
  await ctx.deps.users.save(person);
  await ctx.deps.chats.save(chat);
  await ctx.deps.chats.addMember(chat.id, person.id);
  ctx.log.info('member joined', { member_id: person.id });
}

async function left(ctx: BotContext, chat: Chat, person: User): Promise<void> {
  if (person.id === ctx.botInfo.id) {
    // The service message of the bot's own removal; my_chat_member says the same.
    await ctx.deps.chats.setActive(chat.id, false);
    return;
  }
  const removed = await ctx.deps.chats.removeMember(chat.id, person.id);
  ctx.deps.senders.forgetMember(chat.id, person.id);
  ctx.log.info('member left', { member_id: person.id, was_member: removed });
}

membersFeature.on('chat_member', async (ctx) => {
  const change = parseChatMemberChange(ctx.chatMember);
  if (!change) {
    ctx.log.warn('chat_member that is not a ChatMemberUpdated, ignored');
    return;
  }
  const event = memberEvent(change);
  if (event === 'joined') await joined(ctx, change.chat, change.after.user);
  else if (event === 'left') await left(ctx, change.chat, change.after.user);
});

membersFeature.on(message('left_chat_member'), async (ctx) => {
  const gone = leftUserOf(ctx.message);
  if (gone) await left(ctx, ctx.chat, gone);
});

membersFeature.on(message('new_chat_members'), async (ctx) => {
  for (const person of joinedUsersOf(ctx.message)) await joined(ctx, ctx.chat, person);
});
