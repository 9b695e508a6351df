import type { MessageEntity } from '../types';
import { EntityParseError, type FormattedText, utf8Offset } from './formatted-text';
import { sortEntities } from './html';
import { linkEntity } from './links';

// Telegram's parse_mode MarkdownV2 (https://core.telegram.org/bots/api#markdownv2-style), read
// the way tdlib does for what a bot sends: *bold*, _italic_, __underline__, ~strike~, ||spoiler||,
// `code`, ```pre```, [text](url) and ">" quotes at line starts; every other reserved character must
// be escaped with "\", and Telegram refuses the text otherwise, in these words.

const RESERVED = new Set('_*[]()~`>#+-=|{}.!'.split(''));
const MARKS: Array<[string, string, string]> = [
  ['||', 'spoiler', 'Spoiler'],
  ['__', 'underline', 'Underline'],
  ['*', 'bold', 'Bold'],
  ['_', 'italic', 'Italic'],
  ['~', 'strikethrough', 'Strikethrough'],
];

interface Open {
  mark: string;
  type: string;
  label: string;
  start: number;
  at: number;
}

const reserved = (c: string) =>
  new EntityParseError(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);

/** Reads `code` or ```pre``` from `i` (at the opening backticks); answers the entity and the end. */
function codeSpan(source: string, i: number, text: string, at: number) {
  const fence = source.startsWith('```', i) ? '```' : '`';
  let j = i + fence.length;
  let language = '';
  if (fence === '```') {
    const newline = source.indexOf('\n', j);
    const firstLine = newline === -1 ? '' : source.slice(j, newline);
    if (/^[^\s`]*$/.test(firstLine) && newline !== -1) {
      language = firstLine;
      j = newline + 1;
    }
  }
  let content = '';
  while (j < source.length && !source.startsWith(fence, j)) {
    if (source[j] === '\\' && j + 1 < source.length) j++;
    content += source[j];
    j++;
  }
  if (j >= source.length) {
    throw new EntityParseError(
      `Can't find end of ${fence === '`' ? 'Code' : 'Pre'} entity at byte offset ${at}`,
    );
  }
  const entity = { type: fence === '`' ? 'code' : 'pre', offset: text.length, length: content.length };
  return {
    content,
    entity: (language ? { ...entity, language } : entity) as MessageEntity,
    end: j + fence.length,
  };
}

export function parseMarkdownV2(source: string): FormattedText {
  const open: Open[] = [];
  const entities: MessageEntity[] = [];
  const links: number[] = [];
  let text = '';
  let quoteStart = -1;
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    const at = utf8Offset(source, i);
    const lineStart = i === 0 || source[i - 1] === '\n';
    if (lineStart && quoteStart !== -1 && c !== '>' && i > 0) {
      entities.push({ type: 'blockquote', offset: quoteStart, length: text.length - 1 - quoteStart });
      quoteStart = -1;
    }
    if (c === '\\' && i + 1 < source.length) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (c === '>' && lineStart) {
      if (quoteStart === -1) quoteStart = text.length;
      i += 1;
      continue;
    }
    if (c === '`') {
      const code = codeSpan(source, i, text, at);
      if (code.content) entities.push(code.entity);
      text += code.content;
      i = code.end;
      continue;
    }
    if (c === '[') {
      links.push(text.length);
      i += 1;
      continue;
    }
    if (c === ']' && links.length > 0 && source[i + 1] === '(') {
      const start = links.pop() as number;
      const close = source.indexOf(')', i + 2);
      if (close === -1) throw new EntityParseError(`Can't find end of a URL at byte offset ${at}`);
      const url = source.slice(i + 2, close).replace(/\\(.)/g, '$1');
      const link = linkEntity(url, { offset: start, length: text.length - start });
      if (link && link.length > 0) entities.push(link);
      i = close + 1;
      continue;
    }
    const mark = MARKS.find(([m]) => source.startsWith(m, i));
    if (mark) {
      const [m, type, label] = mark;
      const top = open.at(-1);
      if (top?.mark === m) {
        open.pop();
        if (text.length > top.start)
          entities.push({ type, offset: top.start, length: text.length - top.start } as MessageEntity);
      } else {
        open.push({ mark: m, type, label, start: text.length, at });
      }
      i += m.length;
      continue;
    }
    if (RESERVED.has(c)) throw reserved(c);
    text += c;
    i += 1;
  }
  const unclosed = open.at(-1);
  if (unclosed)
    throw new EntityParseError(`Can't find end of ${unclosed.label} entity at byte offset ${unclosed.at}`);
  if (links.length > 0) throw reserved('[');
  if (quoteStart !== -1 && text.length > quoteStart) {
    entities.push({ type: 'blockquote', offset: quoteStart, length: text.length - quoteStart });
  }
  return { text, entities: sortEntities(entities) };
}
