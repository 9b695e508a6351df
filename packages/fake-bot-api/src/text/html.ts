import type { MessageEntity } from '../types';
import { EntityParseError, type FormattedText, utf8Offset } from './formatted-text';
import { linkEntity } from './links';

// Telegram's parse_mode HTML (https://core.telegram.org/bots/api#html-style), read the way
// Telegram's own parser (tdlib's parse_html) reads it, with its wording for what it refuses.
// Offsets count UTF-16 code units, as JavaScript strings and the Bot API do. As on Telegram, a "&"
// that starts no known entity is kept as written, and ">" needs no escaping; "<" always starts a tag.

const SIMPLE_TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
};
const SUPPORTED_TAGS = new Set([...Object.keys(SIMPLE_TAGS), 'a', 'span', 'tg-emoji']);

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const MAX_CODE_POINT = 0x10ffff;

/** The character an entity at `at` stands for and where it ends; undefined when it is none. */
export function htmlEntityAt(html: string, at: number): { char: string; end: number } | undefined {
  const match = /^&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+))(;?)/i.exec(html.slice(at, at + 12));
  if (!match) return undefined;
  const [whole, hex, decimal, name] = match;
  let char: string | undefined;
  if (name !== undefined) char = NAMED[name];
  else {
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
    const valid = code > 0 && code < MAX_CODE_POINT && !(code >= 0xd800 && code <= 0xdfff);
    if (valid && whole.length <= 10) char = String.fromCodePoint(code);
  }
  return char === undefined ? undefined : { char, end: at + whole.length };
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\t' || c === '\r';

interface OpenTag {
  name: string;
  /** The tag's argument: a's href, code's language, span's class, tg-emoji's id, blockquote's expandable. */
  argument: string;
  start: number;
}

/** Reads `<name attr=...>` from `begin`; answers the open tag and the index after its ">". */
function startTag(html: string, begin: number, start: number, at: (i: number) => number) {
  let i = begin + 1;
  while (i < html.length && !isSpace(html[i]) && html[i] !== '>') i++;
  if (i >= html.length) throw new EntityParseError(`Unclosed start tag at byte offset ${at(begin)}`);
  const name = html.slice(begin + 1, i).toLowerCase();
  if (!SUPPORTED_TAGS.has(name)) {
    throw new EntityParseError(`Unsupported start tag "${name}" at byte offset ${at(begin)}`);
  }
  const unclosed = () => new EntityParseError(`Unclosed start tag at byte offset ${at(begin)}`);
  let argument = '';
  while (html[i] !== '>') {
    while (i < html.length && isSpace(html[i])) i++;
    if (html[i] === '>') break;
    const nameBegin = i;
    while (i < html.length && !isSpace(html[i]) && html[i] !== '=' && html[i] !== '>') i++;
    const attribute = html.slice(nameBegin, i).toLowerCase();
    if (attribute === '') {
      throw new EntityParseError(`Empty attribute name in the tag "${name}" at byte offset ${at(begin)}`);
    }
    while (i < html.length && isSpace(html[i])) i++;
    if (i >= html.length) throw unclosed();
    if (html[i] !== '=') {
      if (name === 'blockquote' && attribute === 'expandable') {
        argument = 'expandable';
        continue;
      }
      throw new EntityParseError(
        `Expected equal sign in declaration of an attribute of the tag "${name}" at byte offset ${at(begin)}`,
      );
    }
    i++;
    while (i < html.length && isSpace(html[i])) i++;
    if (i >= html.length) throw unclosed();
    let value = '';
    const quote = html[i];
    if (quote !== '"' && quote !== "'") {
      const tokenBegin = i;
      while (i < html.length && /[A-Za-z0-9.-]/.test(html[i] ?? '')) i++;
      value = html.slice(tokenBegin, i).toLowerCase();
      if (!isSpace(html[i]) && html[i] !== '>') {
        throw new EntityParseError(`Unexpected end of name token at byte offset ${at(tokenBegin)}`);
      }
    } else {
      i++;
      while (i < html.length && html[i] !== quote) {
        const entity = html[i] === '&' ? htmlEntityAt(html, i) : undefined;
        value += entity?.char ?? html[i];
        i = entity?.end ?? i + 1;
      }
      if (html[i] === quote) i++;
    }
    if (i >= html.length) throw unclosed();
    if (name === 'a' && attribute === 'href') argument = value;
    else if (name === 'code' && attribute === 'class' && value.startsWith('language-')) {
      argument = value.slice('language-'.length);
    } else if (name === 'span' && attribute === 'class' && value.startsWith('tg-')) {
      argument = value.slice('tg-'.length);
    } else if (name === 'tg-emoji' && attribute === 'emoji-id') argument = value;
    else if (name === 'blockquote' && attribute === 'expandable') argument = 'expandable';
  }
  if (name === 'span' && argument !== 'spoiler') {
    throw new EntityParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${at(begin)}`);
  }
  const open: OpenTag = { name, argument, start };
  return { open, next: i + 1 };
}

/** The entity a closed tag makes over text[start, end); undefined for none. */
function entityOf(tag: OpenTag, text: string, end: number): MessageEntity | undefined {
  const span = { offset: tag.start, length: end - tag.start };
  switch (tag.name) {
    case 'a':
      return linkEntity(tag.argument || text.slice(tag.start, end), span);
    case 'span':
      return { type: 'spoiler', ...span };
    case 'tg-emoji': {
      if (!/^\d+$/.test(tag.argument))
        throw new EntityParseError('Invalid custom emoji identifier specified');
      return { type: 'custom_emoji', ...span, custom_emoji_id: tag.argument };
    }
    case 'blockquote':
      return { type: tag.argument ? 'expandable_blockquote' : 'blockquote', ...span } as MessageEntity;
    default:
      return { type: SIMPLE_TAGS[tag.name], ...span } as MessageEntity;
  }
}

/** Parses Telegram HTML into text and entities; throws EntityParseError as Telegram refuses. */
export function parseHtml(html: string): FormattedText {
  const open: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  const at = (i: number) => utf8Offset(html, i);
  let text = '';
  let i = 0;
  while (i < html.length) {
    const c = html[i];
    const entity = c === '&' ? htmlEntityAt(html, i) : undefined;
    if (entity || c !== '<') {
      text += entity?.char ?? c;
      i = entity?.end ?? i + 1;
      continue;
    }
    if (html[i + 1] !== '/') {
      const { open: tag, next } = startTag(html, i, text.length, at);
      open.push(tag);
      i = next;
      continue;
    }
    const begin = i;
    const top = open.pop();
    if (!top) throw new EntityParseError(`Unexpected end tag at byte offset ${at(begin)}`);
    i += 2;
    while (i < html.length && !isSpace(html[i]) && html[i] !== '>') i++;
    const endName = html.slice(begin + 2, i).toLowerCase();
    while (i < html.length && isSpace(html[i])) i++;
    if (html[i] !== '>') throw new EntityParseError(`Unclosed end tag at byte offset ${at(begin)}`);
    i++;
    if (endName !== '' && endName !== top.name) {
      throw new EntityParseError(
        `Unmatched end tag at byte offset ${at(begin)}, expected "</${top.name}>", found "</${endName}>"`,
      );
    }
    closeTag(top, open.at(-1), text, entities);
  }
  const unclosed = open.at(-1);
  if (unclosed) {
    throw new EntityParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  }
  return { text, entities: sortEntities(entities) };
}

/** Adds the entity of a closed tag; <pre><code class="language-x"> makes one pre with a language. */
function closeTag(tag: OpenTag, parent: OpenTag | undefined, text: string, entities: MessageEntity[]) {
  const end = text.length;
  if (end === tag.start) return;
  if (tag.name === 'code' && parent?.name === 'pre') {
    // The code inside pre gives pre its language; pre makes the entity when it closes.
    if (tag.argument && parent.start === tag.start) parent.argument ||= tag.argument;
    return;
  }
  const entity = entityOf(tag, text, end);
  if (!entity) return;
  if (tag.name === 'pre' && tag.argument) (entity as { language?: string }).language = tag.argument;
  entities.push(entity);
}

export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}
