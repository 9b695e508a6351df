import type { BotContext } from '@taskbot/bot/bot-context';
import type { Prompt } from '@taskbot/db/cache/ConversationStore';
import type { Chat } from '@taskbot/db/entities/Chat';
import type { User } from '@taskbot/db/entities/User';
import type { CallbackAction } from '@taskbot/domain/callback-data';
import { t } from '@taskbot/domain/texts';
import type { View } from '@taskbot/domain/views';
import { messageOptions } from '@taskbot/telegram/markup';

/** What every button handler gets: the decoded action, the chat and person, and the pressed message. */
export interface Press<A extends CallbackAction = CallbackAction> {
  ctx: BotContext;
  action: A;
  chat: Chat;
  user: User;
  messageId: number;
}

/**
 * The press as handlers take it, or undefined when it was answered here already: a button without
 * its message refuses, and a button in a group that became a supergroup says where its tasks went
 * (they moved, so nothing here could find them).
 */
export async function pressOf(ctx: BotContext, action: CallbackAction): Promise<Press | undefined> {
  const message = ctx.callbackQuery?.message;
  if (!message) {
    await refuse(ctx, 'unknownButton');
    return undefined;
  }
  const { chat, user } = await ctx.sender();
  if (chat.migratedToChatId !== null) {
    ctx.log.info('button in a group that became a supergroup', { to_chat_id: chat.migratedToChatId });
    await ctx.answerCbQuery(t(ctx.lang, 'chatMoved'));
    return undefined;
  }
  return { ctx, action, chat, user, messageId: message.message_id };
}

/** Answers the press (a toast when `key` is given) and then shows `view` in the pressed message. */
export async function answerAndEdit(ctx: BotContext, view: View | undefined, toast?: string): Promise<void> {
  await ctx.answerCbQuery(toast);
  if (view) await ctx.editMessageText(view.text, messageOptions(view));
}

export async function refuse(
  ctx: BotContext,
  key: 'notYourTask' | 'taskNotFound' | 'unknownButton' | 'projectNotFound' | 'projectsAdminOnly',
) {
  ctx.log.info('button refused', { reason: key });
  await ctx.answerCbQuery(t(ctx.lang, key));
}

/**
 * Asks the person a question with ForceReply, under the pressed message. The question goes on
 * record before it is sent: the answer goes to the command worker, which may see it before this
 * worker hears back from Telegram, and must find the question then. Once sent, its message id
 * narrows the record to replies to it; if it was not sent, the record goes.
 */
export async function ask(press: Press, text: string, prompt: Prompt): Promise<void> {
  const { ctx, chat, user, messageId } = press;
  const { conversation } = ctx.deps;
  const id = await conversation.askPrompt(chat.id, user.id, messageId, prompt);
  await ctx.answerCbQuery();
  const sent = await ctx
    .reply(text, {
      parse_mode: 'HTML',
      reply_markup: { force_reply: true, selective: true },
      reply_parameters: { message_id: messageId, allow_sending_without_reply: true },
    })
    .catch(async (error: unknown) => {
      await conversation.forgetPrompt(chat.id, user.id, id);
      throw error;
    });
  await conversation.settlePrompt(chat.id, user.id, id, sent.message_id);
}
