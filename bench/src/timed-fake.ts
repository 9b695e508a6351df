import { performance } from 'node:perf_hooks';
import { FakeBotApi } from '@taskbot/fake-bot-api/fake-bot-api';
import type { Payload } from '@taskbot/fake-bot-api/params';
import type { Call } from '@taskbot/fake-bot-api/types';

/**
 * The fake Bot API, with the moment each reply (sendMessage) reached it: a caller that is about to
 * send an update waits for the next reply into that chat. One update at a time per chat is what
 * makes a reply belong to its update; the load is spread over many chats for that.
 */
export class TimedFakeBotApi extends FakeBotApi {
  private readonly waiting = new Map<number, (at: number) => void>();
  /** Replies nobody waited for (a second message for one update, or one that came too late). */
  strayReplies = 0;
  repliesSeen = 0;

  override call(token: string, methodName: string, payload: Payload): Promise<Call> {
    if (methodName === 'sendMessage') {
      const at = performance.now();
      this.repliesSeen += 1;
      const chatId = Number(payload.chat_id);
      const waiter = this.waiting.get(chatId);
      if (waiter) {
        this.waiting.delete(chatId);
        waiter(at);
      } else this.strayReplies += 1;
    }
    return super.call(token, methodName, payload);
  }

  /**
   * Resolves the performance.now() at which the next reply into `chatId` arrived, or NaN after
   * `timeoutMs` (a lost or late reply, counted by the caller).
   */
  nextReply(chatId: number, timeoutMs: number): Promise<number> {
    // A reply still awaited when the chat comes round again is long overdue: count it lost.
    this.cancelReply(chatId);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(chatId);
        resolve(Number.NaN);
      }, timeoutMs);
      this.waiting.set(chatId, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }

  /** Stops waiting for a reply into `chatId` (its update was refused). */
  cancelReply(chatId: number): void {
    const waiter = this.waiting.get(chatId);
    this.waiting.delete(chatId);
    waiter?.(Number.NaN);
  }

  /** Forgets what the fake recorded (calls, chats, messages), so a long run does not pile them up. */
  forget(): void {
    const latency = this.currentLatency;
    this.reset();
    this.setLatency(latency);
  }

  private currentLatency = 0;

  override setLatency(ms: number): void {
    this.currentLatency = ms;
    super.setLatency(ms);
  }
}
