import type { Payload } from '@taskbot/fake-bot-api/params';
import { readFormattedText } from '@taskbot/fake-bot-api/text/parse-mode';
import type { MessageEntity } from '@taskbot/fake-bot-api/types';
import { commandEntities } from '@taskbot/fake-bot-api/updates';

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
 * Telegram reads parse_mode HTML or MarkdownV2 into plain text and entities before it stores a
 * message, as the fake does; the sandbox reads it here first so it can add the commands Telegram
 * marks too, and passes the result on as explicit entities. Bad markup throws the fake's 400.
 */
export function withParsedText(methodName: string, payload: Payload): Payload {
  const { parse_mode: mode, ...rest } = payload;
  const fields = TEXT_FIELDS[methodName.toLowerCase()];
  const text = fields ? rest[fields.text] : undefined;
  if (!fields || typeof text !== 'string') return payload;
  if (rest[fields.entities] !== undefined) return rest;
  const parsed = readFormattedText(text, mode === undefined ? undefined : String(mode), undefined);
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
