// Which Bot API calls change what people see in a chat. These are the calls a job must make only
// once (send-once) and, except for answering a button press, the ones Telegram's flood limits count.

/** Calls with an effect in a chat; read-only calls and chat actions ("typing…") are not among them. */
const CHAT_EFFECT_METHODS: ReadonlySet<string> = new Set([
  'sendMessage',
  'sendPhoto',
  'sendAudio',
  'sendDocument',
  'sendVideo',
  'sendAnimation',
  'sendVoice',
  'sendVideoNote',
  'sendMediaGroup',
  'sendLocation',
  'sendVenue',
  'sendContact',
  'sendPoll',
  'sendDice',
  'sendSticker',
  'sendInvoice',
  'sendPaidMedia',
  'copyMessage',
  'copyMessages',
  'forwardMessage',
  'forwardMessages',
  'editMessageText',
  'editMessageCaption',
  'editMessageMedia',
  'editMessageReplyMarkup',
  'editMessageLiveLocation',
  'stopMessageLiveLocation',
  'stopPoll',
  'deleteMessage',
  'deleteMessages',
  'pinChatMessage',
  'unpinChatMessage',
  'unpinAllChatMessages',
  'setMessageReaction',
  'answerCallbackQuery',
]);

/** Answers to button presses show as a toast to one person, not as a message in the chat. */
const NOT_CHAT_MESSAGES: ReadonlySet<string> = new Set(['answerCallbackQuery']);

/** A chat as the Bot API names it: a numeric id, or `@username` for public groups and channels. */
export type ChatRef = number | string;

/** Whether a call changes something in a chat, so a job that runs again must not repeat it. */
export function hasChatEffect(method: string): boolean {
  return CHAT_EFFECT_METHODS.has(method);
}

/**
 * The chat a call puts a message into, as far as Telegram's flood limits are concerned; undefined
 * for calls those limits do not count (reads, settings, answers to button presses, inline edits).
 */
export function floodChatOf(method: string, payload: unknown): ChatRef | undefined {
  if (!CHAT_EFFECT_METHODS.has(method) || NOT_CHAT_MESSAGES.has(method)) return undefined;
  if (typeof payload !== 'object' || payload === null) return undefined;
  const chatId = (payload as { chat_id?: unknown }).chat_id;
  if (typeof chatId === 'number' && Number.isSafeInteger(chatId)) return chatId;
  if (typeof chatId === 'string' && chatId.length > 0)
    return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
  return undefined;
}

/** Groups, supergroups and channels have negative ids; `@username` only names public ones of those. */
export function isGroupChat(chat: ChatRef): boolean {
  return typeof chat === 'string' || chat < 0;
}

/**
 * Whether the call uploads a stream (`{ source: Readable }`, as /export does): a stream is read once,
 * so the call cannot be made again with the same payload, and a 429 is the job's to retry instead.
 */
export function uploadsStream(payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null) return false;
  return Object.values(payload).some((value) => {
    const source = (value as { source?: unknown } | null | undefined)?.source;
    return typeof (source as { pipe?: unknown } | null | undefined)?.pipe === 'function';
  });
}
