import { botMethods } from './bot-methods';
import { chatMethods } from './chat-methods';
import { mediaMethods } from './media-methods';
import { messageMethods } from './message-methods';
import type { MethodHandler } from './method-context';
import { updateMethods } from './update-methods';

export interface BotApiMethod {
  /** The method's name as the Bot API documents it (sendMessage, not sendmessage). */
  name: string;
  handle: MethodHandler;
}

const METHODS = new Map<string, BotApiMethod>(
  Object.entries({
    ...botMethods,
    ...chatMethods,
    ...messageMethods,
    ...mediaMethods,
    ...updateMethods,
  }).map(([name, handle]) => [name.toLowerCase(), { name, handle }]),
);

/** Finds a method the way Telegram does: the name is matched case-insensitively. */
export function findMethod(name: string): BotApiMethod | undefined {
  return METHODS.get(name.toLowerCase());
}
