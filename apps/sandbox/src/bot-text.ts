import type { Payload } from '@taskbot/fake-bot-api/params';
import type { MessageEntity } from '@taskbot/fake-bot-api/types';
import { commandEntities } from '@taskbot/fake-bot-api/updates';
import { HtmlParseError, parseTelegramHtml } from './telegram-html';

// Where each method carries its text: a message's text, or the caption of a file.
const TEXT_FIELDS: Record<string, { text: string; entities: string }> = {
  sendmessage: { text: 'text', entities: 'entities' },
  editmessagetext: { text: 'text', entities: 'entities' },
  ...Object.fromEntries(
    ['sendphoto', 'senddocument', 'sendvoice', 'sendvideo', 'editmessagecaption'].map((method) => [
      method,
      { text: 'caption', entities: 'caption_entities' },
    ]),
  ),
};

/**
 * Telegram reads parse_mode HTML into plain text and entities before it stores a message, so the
 * sandbox does the same; the bot then gets back what Telegram would return. Only HTML is read (the
 * bot uses nothing else); other modes are refused rather than shown wrong.
 */
export function withParsedText(methodName: string, payload: Payload): Payload {
  const { parse_mode: mode, ...rest } = payload;
  const fields = TEXT_FIELDS[methodName.toLowerCase()];
  const text = fields ? rest[fields.text] : undefined;
  if (!fields || typeof text !== 'string') return payload;
  if (rest[fields.entities] !== undefined) return rest;
  if (mode !== undefined && mode !== '' && String(mode).toLowerCase() !== 'html') {
    throw new HtmlParseError(`the sandbox reads parse_mode HTML only, not "${String(mode)}"`);
  }
  const parsed = mode ? parseTelegramHtml(text) : { text, entities: [] };
  const entities = withCommands(parsed.text, parsed.entities);
  return {
    ...rest,
    [fields.text]: parsed.text,
    ...(entities.length > 0 ? { [fields.entities]: entities } : {}),
  };
}

// Telegram marks the commands in a bot's text too, so a person can tap them; not inside code or links.
const NO_COMMANDS_IN = new Set(['code', 'pre', 'text_link', 'url']);

function withCommands(text: string, entities: MessageEntity[]): MessageEntity[] {
  const blocked = entities.filter((e) => NO_COMMANDS_IN.has(e.type));
  const commands = commandEntities(text).filter(
    (c) => !blocked.some((e) => c.offset < e.offset + e.length && e.offset < c.offset + c.length),
  );
  if (commands.length === 0) return entities;
  return [...entities, ...commands].sort((a, b) => a.offset - b.offset || b.length - a.length);
}
