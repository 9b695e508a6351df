import { commandOfMessage } from '@taskbot/domain/command';
import { languageOf } from '@taskbot/domain/language';
import { t } from '@taskbot/domain/texts';
import { kindOf, payloadOf } from '@taskbot/domain/updates';
import { describeError } from '@taskbot/errors/failure';
import type { Logger } from '@taskbot/logger/logger';
import type { BusMessage } from '@taskbot/messaging/bus-message';
import type { FailedForGoodContext } from '@taskbot/messaging/consumer';
import { HANDLED_TTL_SECONDS } from '@taskbot/messaging/handled-jobs';
import { classifyTelegramError } from '@taskbot/telegram/telegram-errors';
import type { Update, User } from '@telegraf/types';
import type { Redis } from 'ioredis';
import { type Telegram, TelegramError } from 'telegraf';

/** What became of one update that failed for good, as far as telling its person goes (a metric label). */
export type FailureNoticeOutcome =
  /** The notice went out. */
  | 'sent'
  /** Redis or Telegram failed; logged, nothing retried. */
  | 'failed'
  /** The update's failure was noticed already (its dead-lettering came again, or another replica). */
  | 'repeat'
  /** The person, or the group, got a notice less than FAILURE_NOTICE_INTERVAL_SECONDS ago. */
  | 'throttled'
  /** Nobody to tell: Telegram refuses delivery into the chat, or no person asked for anything. */
  | 'skipped';

/** The notice of one failed update, and where it goes. */
export interface FailureNotice {
  chatId: number;
  userId: number;
  /** The chat is a group: the group as a whole is limited too, not only each person in it. */
  inGroup: boolean;
  text: string;
  /** The message the notice answers: the person's own, or the bot's message whose button they pressed. */
  replyTo: number;
}

/**
 * The notice for an update that failed for good, in its person's language, or undefined when nobody
 * asked for anything that could be told (membership changes and the like) or there is no chat to
 * write to (a button under an inline-mode message). The update got this far unparsed beyond its id,
 * so every field is checked.
 */
export function failureNoticeFor(update: Update): FailureNotice | undefined {
  const kind = kindOf(update);
  const payload = payloadOf(update);
  const query = kind === 'callback_query' ? payload : undefined;
  const message = query
    ? query.message
    : kind === 'message' || kind === 'edited_message'
      ? payload
      : undefined;
  const from = query ? query.from : (message as { from?: unknown } | undefined)?.from;
  if (!isMessage(message) || !isPerson(from)) return undefined;
  const language = languageOf(typeof from.language_code === 'string' ? from.language_code : undefined);
  // A command in a file's caption ("/add …" under a photo) is told as the command it is.
  const command = query ? undefined : commandOfMessage(message);
  // Command names are letters, digits and _, and the other descriptions hold no HTML either, so
  // `t` escaping the description once more changes nothing.
  const what = query
    ? t(language, 'failedWhatButton')
    : command
      ? t(language, 'failedWhatCommand', { command: command.name })
      : t(language, 'failedWhatMessage');
  return {
    chatId: message.chat.id,
    userId: from.id,
    inGroup: message.chat.id !== from.id,
    text: t(language, 'failed', { what }),
    replyTo: message.message_id,
  };
}

/** The fields of a message the notice needs. */
interface NoticedMessage {
  message_id: number;
  chat: { id: number };
  text?: unknown;
}

function isMessage(value: unknown): value is NoticedMessage {
  const message = value as Partial<NoticedMessage> | undefined;
  return typeof message?.message_id === 'number' && typeof message.chat?.id === 'number';
}

function isPerson(value: unknown): value is User {
  const user = value as Partial<User> | undefined;
  return typeof user?.id === 'number' && user.is_bot !== true;
}

// Telegram's 400 answers that mean the bot may not write into the chat (it is gone, the bot lost
// its rights, the group became a supergroup): a notice there would be refused the same way.
const DELIVERY_REFUSED =
  /chat not found|not enough rights|have no rights|need administrator rights|CHAT_WRITE_FORBIDDEN|CHAT_RESTRICTED|group chat was upgraded/i;

/**
 * True when the failure is Telegram refusing delivery into the chat (403 blocked, kicked,
 * deactivated; 400 chat not found, no rights). Looks through `cause`, since the update handler
 * rethrows Telegram's permanent refusals as a PermanentError carrying the original.
 */
export function isDeliveryRefusal(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (current instanceof TelegramError) {
      if (classifyTelegramError(current).kind === 'blocked') return true;
      if (current.code === 400 && DELIVERY_REFUSED.test(current.description)) return true;
    }
    current = current.cause;
  }
  return false;
}

type CallApiOptions = NonNullable<Parameters<Telegram['callApi']>[2]>;

/**
 * Tells a person, once, that an update of theirs failed for good ("your /add did not work: try again
 * in a minute"). The consumer calls `onFailedForGood` after the update rests in its dead-letter
 * queue; the notice is sent in the background, so a slow Telegram never holds up the consumer, and
 * whatever goes wrong is logged and dropped: it never touches the dead-lettering.
 *
 * Redis holds the rules across replicas, each a SET NX EX: one notice per update_id (for as long as
 * the update can come again), and at most one per person and one per group chat each
 * `intervalSeconds`, so an outage that fails many updates at once does not flood anyone.
 */
export class FailureNotices {
  private readonly sending = new Set<Promise<void>>();
  private readonly gone = new AbortController();
  private stopped = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly telegram: Telegram,
    private readonly logger: Logger,
    /** FAILURE_NOTICE_INTERVAL_SECONDS; 0 sends no notices at all. */
    private readonly intervalSeconds: number,
    private readonly observe?: (outcome: FailureNoticeOutcome) => void,
  ) {}

  /** The consumer's `onFailedForGood`: returns at once, the notice goes out in the background. */
  readonly onFailedForGood = (message: BusMessage, error: unknown, context: FailedForGoodContext): void => {
    // Reminders, digests and slow-down notices are the bot's own words, not a person's request.
    if (this.intervalSeconds === 0 || this.stopped || message.kind !== 'update') return;
    const notice = isDeliveryRefusal(error)
      ? undefined
      : failureNoticeFor(message.update as unknown as Update);
    if (!notice) {
      this.observe?.('skipped');
      return;
    }
    const sending: Promise<void> = this.send(message.update.update_id, notice, context.logger).finally(() =>
      this.sending.delete(sending),
    );
    this.sending.add(sending);
  };

  /** Takes no more failures; waits up to `timeoutMs` for notices on their way, then gives them up. */
  async stop(timeoutMs = 2_000): Promise<void> {
    this.stopped = true;
    if (this.sending.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.sending]),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
    }
    this.gone.abort();
  }

  private async send(updateId: number, notice: FailureNotice, logger: Logger): Promise<void> {
    let step = 'claim';
    try {
      const claim = await this.claim(updateId, notice);
      if (claim !== 'claimed') {
        this.observe?.(claim);
        logger.debug('failure notice not sent', { reason: claim });
        return;
      }
      step = 'send';
      await this.telegram.callApi(
        'sendMessage',
        {
          chat_id: notice.chatId,
          text: notice.text,
          parse_mode: 'HTML',
          reply_parameters: { message_id: notice.replyTo, allow_sending_without_reply: true },
        },
        // telegraf types the signal with its abort-controller polyfill; at run time it is Node's.
        { signal: this.gone.signal as unknown as CallApiOptions['signal'] },
      );
      this.observe?.('sent');
      logger.info('failure notice sent', { notice_chat_id: notice.chatId });
    } catch (error) {
      this.observe?.('failed');
      logger.warn('failure notice failed', {
        step,
        notice_chat_id: notice.chatId,
        error: describeError(error),
      });
    }
  }

  /**
   * 'claimed' when this call is the one to send: the update's notice was not taken yet, and neither
   * the person's slot nor (in a group) the group's.
   */
  private async claim(updateId: number, notice: FailureNotice): Promise<'claimed' | 'repeat' | 'throttled'> {
    const key = (what: string) => `${this.prefix}failure-notice:${what}`;
    if (!(await this.setOnce(key(`update:${updateId}`), HANDLED_TTL_SECONDS))) return 'repeat';
    const person = key(`user:${notice.userId}`);
    if (!(await this.setOnce(person, this.intervalSeconds))) return 'throttled';
    if (notice.inGroup && !(await this.setOnce(key(`chat:${notice.chatId}`), this.intervalSeconds))) {
      // The group heard from us a moment ago; the person's slot stays free for their other chats.
      await this.redis.del(person);
      return 'throttled';
    }
    return 'claimed';
  }

  private async setOnce(key: string, seconds: number): Promise<boolean> {
    return (await this.redis.set(key, '1', 'EX', seconds, 'NX')) === 'OK';
  }
}
