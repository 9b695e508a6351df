import { chatIdOf, userOf } from '@taskbot/domain/updates';
import type { Update } from '@telegraf/types';
import type { BusMessage } from './bus-message';

/**
 * The chat a message belongs to: it picks the partition the message travels in and the line it
 * waits in inside a worker, so one chat's messages are handled one at a time and in order. An
 * update without a chat falls back to its sender, then to its own id.
 */
export function messageKey(message: BusMessage): number {
  if (message.kind === 'update') {
    const update = message.update as unknown as Update;
    return chatIdOf(update) ?? userOf(update)?.id ?? update.update_id;
  }
  return message.chatId;
}
