import type { BotContext } from '@taskbot/bot/bot-context';
import { botMembershipEvent, parseChatMemberChange } from '@taskbot/domain/chat-life';
import { t } from '@taskbot/domain/texts';
import { Composer } from 'telegraf';
import { reactivate } from '../chat-activity';

/**
 * `my_chat_member`: the bot's own place in a chat. A person who blocks the bot, or a group that
 * removes it, makes the chat inactive at once (no reminder or digest goes there, rather than
 * learning it from a 403); unblocking or adding it back makes it active again, and a group that adds
 * it gets a short greeting with its first steps, in the language of whoever added it. A change
 * that leaves the bot where it was (promoted to admin) does nothing, so a group is greeted once.
 * Redelivered updates are skipped by the worker's job marks and send-once ledger.
 *
 * Telegram also reports the bot "added" to the supergroup a group was upgraded to. That group knows
 * the bot already: no greeting once its move is on record. The join travels another queue than the
 * migration messages, so when it is handled before both of them the supergroup is greeted once.
 */
export const botMembershipFeature = new Composer<BotContext>();

botMembershipFeature.on('my_chat_member', async (ctx) => {
  const change = parseChatMemberChange(ctx.myChatMember);
  if (!change) {
    ctx.log.warn('my_chat_member that is not a ChatMemberUpdated, ignored');
    return;
  }
  const event = botMembershipEvent(change);
  switch (event) {
    case 'blocked':
    case 'removed':
      // A chat the bot never knew has nothing to stop; no row is made for it.
      if (await ctx.deps.chats.setActive(change.chat.id, false)) {
        ctx.log.info('chat inactive: the bot was blocked or removed', { event, status: change.after.status });
      }
      return;
    case 'unblocked': {
      const { chat } = await ctx.sender();
      await reactivate(ctx, chat);
      return;
    }
    case 'added': {
      // The one who added the bot is a member, and their language is the greeting's.
      const { chat } = await ctx.sender();
      await reactivate(ctx, chat);
      if (change.chat.type === 'supergroup' && (await ctx.deps.chats.isMigrationTarget(chat.id))) {
        ctx.log.info('bot in the supergroup a group it knew became; no greeting');
        return;
      }
      ctx.log.info('bot added to a group', { status: change.after.status });
      await ctx.reply(t(ctx.lang, 'groupGreeting'), { parse_mode: 'HTML' });
      return;
    }
    case 'unchanged':
      return;
  }
});
