import { type BotContext, NUL_REMOVED, type WorkerDeps } from '@taskbot/bot/bot-context';
import { languageOf } from '@taskbot/domain/language';
import { t } from '@taskbot/domain/texts';
import { chatIdOf, type TelegramUpdate } from '@taskbot/domain/updates';
import type { BusMessage } from '@taskbot/messaging/bus-message';
import type { HandlerContext, MessageHandler } from '@taskbot/messaging/consumer';
import { PermanentError } from '@taskbot/messaging/errors';
import type { HandledJobs } from '@taskbot/messaging/handled-jobs';
import type { OwnMessages } from '@taskbot/reminders/own-messages';
import { inCallScope } from '@taskbot/telegram/call-scope';
import { classifyTelegramError } from '@taskbot/telegram/telegram-errors';
import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';

/** A job key for a message that came without a message id (publishers always set one). */
function jobKeyOf(message: BusMessage): string {
  return message.kind === 'update'
    ? `update:${message.update.update_id}`
    : `${message.kind}:${JSON.stringify(message)}`;
}

/**
 * The error boundary of a worker: turns a message from the queue into a bot run and decides what a
 * failure means. A Telegram "already done" is success, a blocked chat is marked inactive and not
 * retried, a refused request is permanent, anything else (network, 5xx, 429, database) is retried.
 */
export function createUpdateHandler(
  bot: Telegraf<BotContext>,
  deps: WorkerDeps,
  handledJobs: HandledJobs,
  /** Reminders and digests: only the worker that takes the `telegram` queue sends them. */
  ownMessages?: OwnMessages,
): MessageHandler {
  const run = async (message: BusMessage) => {
    if (message.kind === 'update') {
      const update = message.nulRemoved ? { ...message.update, [NUL_REMOVED]: true } : message.update;
      await bot.handleUpdate(update as unknown as Update);
    } else if (message.kind === 'reminder' || message.kind === 'digest') {
      if (!ownMessages) throw new PermanentError(`this worker does not send ${message.kind} messages`);
      await ownMessages.handle(message);
    } else {
      await bot.telegram.sendMessage(message.chatId, t(languageOf(message.languageCode), 'slowDown'));
    }
  };
  return async (message, context: HandlerContext) => {
    // The job's name: the same for every delivery of it, so a repeat is recognised.
    const job = context.messageId ?? jobKeyOf(message);
    if (await handledJobs.wasHandled(job)) {
      context.logger.info('job was handled before; not repeated', { job });
      return;
    }
    try {
      await inCallScope(job, message.kind === 'update' ? 'reply' : 'own', () => run(message), context.signal);
      await handledJobs.markHandled(job);
    } catch (error) {
      // Anything that is not a Telegram refusal (database, network) classifies as transient.
      const failure = classifyTelegramError(error);
      switch (failure.kind) {
        case 'done':
          context.logger.debug('telegram says it is done already', { reason: failure.reason });
          await handledJobs.markHandled(job);
          return;
        case 'blocked': {
          const chatId =
            message.kind === 'update' ? chatIdOf(message.update as TelegramUpdate) : message.chatId;
          context.logger.info('chat blocked the bot', { reason: failure.reason, chat_id: chatId });
          if (chatId !== undefined) await deps.chats.setActive(chatId, false);
          await handledJobs.markHandled(job);
          return;
        }
        case 'permanent':
          throw new PermanentError(failure.reason, { cause: error });
        case 'transient':
          throw error;
      }
    }
  };
}
