import type { Payload } from '@taskbot/fake-bot-api/params';
import type { MessageEntity } from '@taskbot/fake-bot-api/types';
import { commandEntities } from '@taskbot/fake-bot-api/updates';
import { HtmlParseError, parseTelegramHtml } from './telegram-html';

const PARSED_METHODS = new Set(['sendmessage', 'editmessagetext']);

/**
 * Telegram reads parse_mode HTML into plain text and entities before it stores a message, so the
 * sandbox does the same; the bot then gets back what Telegram would return. Only HTML is read (the
 * bot uses nothing else); other modes are refused rather than shown wrong.
 */
export function withParsedText(methodName: string, payload: Payload): Payload {
  const { parse_mode: mode, ...rest } = payload;
  if (!PARSED_METHODS.has(methodName.toLowerCase()) || typeof rest.text !== 'string') return payload;
  if (rest.entities !== undefined) return rest;
  if (mode !== undefined && mode !== '' && String(mode).toLowerCase() !== 'html') {
    throw new HtmlParseError(`the sandbox reads parse_mode HTML only, not "${String(mode)}"`);
  }
  const parsed = mode ? parseTelegramHtml(rest.text) : { text: rest.text, entities: [] };
  const entities = withCommands(parsed.text, parsed.entities);
  return { ...rest, text: parsed.text, ...(entities.length > 0 ? { entities } : {}) };
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
