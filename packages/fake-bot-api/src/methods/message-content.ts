import { badRequest } from '../bot-api-error';
import type { Params } from '../params';
import { readFormattedText } from '../text/parse-mode';
import type { InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity } from '../types';

const MAX_TEXT_LENGTH = 4096;
const MAX_CALLBACK_DATA_BYTES = 64;
const MAX_CAPTION_LENGTH = 1024;

// A button needs exactly one of these; a bare text button is a reply-keyboard button.
const BUTTON_ACTIONS = [
  'callback_data',
  'url',
  'login_url',
  'web_app',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
];

/**
 * The text of sendMessage or editMessageText and its entities, as the message keeps them: parse_mode
 * HTML or MarkdownV2 read into plain text and entities (or the explicit `entities`), trimmed.
 */
export function messageText(params: Params): { text: string; entities?: MessageEntity[] } {
  const raw = params.optionalString('text');
  if (raw === undefined || raw.trim() === '') throw badRequest('message text is empty');
  const { text, entities } = readFormattedText(
    raw,
    params.optionalString('parse_mode'),
    messageEntities(params),
  );
  if (text === '') throw badRequest('message text is empty');
  if (text.length > MAX_TEXT_LENGTH) throw badRequest('message is too long');
  return { text, ...(entities.length > 0 ? { entities } : {}) };
}

function messageEntities(params: Params, name = 'entities'): MessageEntity[] | undefined {
  const value = params.optionalJson(name, `can't parse ${name} JSON object`);
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw badRequest("can't parse entities: entities must be an Array");
  for (const entity of value) {
    const valid =
      typeof entity === 'object' &&
      entity !== null &&
      typeof entity.type === 'string' &&
      Number.isInteger(entity.offset) &&
      Number.isInteger(entity.length);
    if (!valid) throw badRequest("can't parse entities: an entity needs type, offset and length");
  }
  return value.length > 0 ? (value as MessageEntity[]) : undefined;
}

/**
 * The caption of a photo, document, voice message or video and its entities, as the message keeps
 * them: read per parse_mode as a message text is; an empty caption is none.
 */
export function mediaCaption(params: Params): { caption?: string; caption_entities?: MessageEntity[] } {
  const raw = params.optionalString('caption');
  if (raw === undefined) return {};
  const explicit = messageEntities(params, 'caption_entities');
  const { text, entities } = readFormattedText(raw, params.optionalString('parse_mode'), explicit);
  if (text.length > MAX_CAPTION_LENGTH) throw badRequest('message caption is too long');
  return {
    ...(text !== '' ? { caption: text } : {}),
    ...(text !== '' && entities.length > 0 ? { caption_entities: entities } : {}),
  };
}

function checkButton(button: unknown): InlineKeyboardButton {
  if (typeof button !== 'object' || button === null || Array.isArray(button)) {
    throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  }
  const record = button as Record<string, unknown>;
  if (typeof record.text !== 'string') {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  if (!BUTTON_ACTIONS.some((action) => record[action] !== undefined)) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  if (record.callback_data !== undefined) {
    const data = record.callback_data;
    const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : 0;
    if (bytes === 0 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest('BUTTON_DATA_INVALID');
  }
  return record as unknown as InlineKeyboardButton;
}

/**
 * Validates `reply_markup` and returns the inline keyboard, the only markup a Message carries.
 * Reply keyboards, keyboard removal and force_reply are accepted and not kept.
 */
export function inlineKeyboard(params: Params): InlineKeyboardMarkup | undefined {
  const markup = params.optionalJson('reply_markup', "can't parse reply keyboard markup JSON object");
  if (markup === undefined) return undefined;
  if (typeof markup !== 'object' || markup === null || Array.isArray(markup)) {
    throw badRequest("can't parse reply keyboard markup JSON object");
  }
  const rows = (markup as Record<string, unknown>).inline_keyboard;
  if (rows === undefined) return undefined;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest(
      'can\'t parse inline keyboard button: Field "inline_keyboard" must be an Array of Arrays',
    );
  }
  const keyboard = rows.map((row: unknown[]) => row.map(checkButton));
  return keyboard.some((row) => row.length > 0) ? { inline_keyboard: keyboard } : undefined;
}
