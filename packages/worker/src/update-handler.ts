import { type BotContext, NUL_REMOVED, type WorkerDeps } from '@taskbot/bot/bot-context';
import { languageOf } from '@taskbot/domain/language';
import { t } from '@taskbot/domain/texts';
import { chatIdOf } from '@taskbot/domain/updates';
import { type Failure, failureOf, PermanentError, withFailure } from '@taskbot/errors/failure';
import type { BusMessage } from '@taskbot/messaging/bus-message';
import type { HandlerContext, MessageHandler } from '@taskbot/messaging/consumer';
import type { HandledJobs } from '@taskbot/messaging/handled-jobs';
import { dispatchJobs, type JobHandlers, notHandledHere } from '@taskbot/messaging/job-handlers';
import type { OwnMessages } from '@taskbot/reminders/own-messages';
import { inCallScope } from '@taskbot/telegram/call-scope';
import { telegramFailureOf } from '@taskbot/telegram/telegram-errors';
import type { Update } from '@telegraf/types';
import type { Telegraf } from 'telegraf';

/** A job key for a message that came without a message id (publishers always set one). */
function jobKeyOf(message: BusMessage): string {
  return message.kind === 'update'
    ? `update:${message.update.update_id}`
    : `${message.kind}:${JSON.stringify(message)}`;
}

/**
 * The error boundary of a worker: turns a job from the queue into a run of its kind's handler and
 * says what a failure means, in the one error taxonomy (@taskbot/errors): Telegram's answer when
 * it is one, else what the error says. A Telegram "already done" is success, a blocked chat is
 * marked inactive and not retried, a refused request is permanent; anything else (network, 5xx,
 * 429 with its wait, database) goes back to the consumer, which decides the retries.
 */
export function createUpdateHandler(
  bot: Telegraf<BotContext>,
  deps: WorkerDeps,
  handledJobs: HandledJobs,
  /** Reminders and digests: only the worker that runs the scheduler sends them. */
  ownMessages?: OwnMessages,
): MessageHandler {
  const sendsOwnMessages = ownMessages
    ? (job: Parameters<OwnMessages['handle']>[0]) => ownMessages.handle(job)
    : notHandledHere('reminders and digests are sent by the worker that runs the scheduler');
  const handlers: JobHandlers<HandlerContext> = {
    update: async (job) => {
      const update = job.nulRemoved ? { ...job.update, [NUL_REMOVED]: true } : job.update;
      await bot.handleUpdate(update as unknown as Update);
    },
    notice: async (job) => {
      await bot.telegram.sendMessage(job.chatId, t(languageOf(job.languageCode), 'slowDown'));
    },
    reminder: sendsOwnMessages,
    digest: sendsOwnMessages,
  };
  const run = dispatchJobs(handlers);
  return async (message, context: HandlerContext) => {
    // The job's name: the same for every delivery of it, so a repeat is recognised.
    const job = context.messageId ?? jobKeyOf(message);
    if (await handledJobs.wasHandled(job)) {
      context.logger.info('job was handled before; not repeated', { job });
      return;
    }
    try {
      await inCallScope(
        job,
        message.kind === 'update' ? 'reply' : 'own',
        () => run(message, context),
        context.signal,
      );
      await handledJobs.markHandled(job);
    } catch (error) {
      const telegramFailure = telegramFailureOf(error);
      const failure = telegramFailure ?? failureOf(error);
      switch (failure.kind) {
        case 'done':
          context.logger.debug('telegram says it is done already', { reason: failure.reason });
          await handledJobs.markHandled(job);
          return;
        case 'blocked': {
          const chatId = failure.chatId ?? chatOf(message);
          context.logger.info('chat blocked the bot', { reason: failure.reason, chat_id: chatId });
          if (chatId !== undefined) await deps.chats.setActive(chatId, false);
          await handledJobs.markHandled(job);
          return;
        }
        default:
          throw telegramFailure ? asClassified(error, telegramFailure) : error;
      }
    }
  };
}

/** The chat a job is about: the chat a blocked recipient is taken to be when Telegram names none. */
function chatOf(message: BusMessage): number | undefined {
  return message.kind === 'update' ? chatIdOf(message.update as unknown as Update) : message.chatId;
}

/**
 * Telegram's failure as the consumer reads it: a refusal becomes a PermanentError carrying it
 * (that is what its dead-letter header says), anything else keeps its error, tagged with what it
 * means (a 429's wait included).
 */
function asClassified(error: unknown, failure: Failure): unknown {
  if (failure.kind === 'permanent') return new PermanentError(failure.reason, { cause: error });
  return error instanceof Error ? withFailure(error, failure) : error;
}
