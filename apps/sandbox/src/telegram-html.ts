import type { MessageEntity } from '@taskbot/fake-bot-api/types';

// Telegram's parse_mode "HTML" (https://core.telegram.org/bots/api#html-style): the text the bot sends
// becomes plain text plus entities, the way Telegram stores and returns the message. Offsets and
// lengths count UTF-16 code units, as JavaScript strings do.

/** The text is not valid Telegram HTML; the message is Telegram's wording after "can't parse entities: ". */
export class HtmlParseError extends Error {
  override name = 'HtmlParseError';
}

export interface ParsedText {
  text: string;
  entities: MessageEntity[];
}

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
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface OpenTag {
  name: string;
  start: number;
  /** The entity being built: its type and the fields that type takes (url, user, language...). */
  entity?: { type: string; [field: string]: unknown };
}

const TAG = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*>/;
const ATTRIBUTE = /([A-Za-z-]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;

function decodeEntities(text: string, at: number): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1]?.toLowerCase() === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff) {
        throw new HtmlParseError(`Invalid HTML entity ${whole} at byte offset ${at}`);
      }
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[name.toLowerCase()];
    return named ?? whole;
  });
}

function attributes(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name = '', raw = ''] of source.matchAll(ATTRIBUTE)) {
    const unquoted = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
    found.set(name.toLowerCase(), decodeEntities(unquoted, 0));
  }
  return found;
}

/** The entity a start tag opens, or undefined for a tag that only groups (pre's inner code). */
function entityFor(name: string, attrs: Map<string, string>, parent: OpenTag | undefined, at: number) {
  switch (name) {
    case 'a': {
      const href = attrs.get('href') ?? '';
      const mention = /^tg:\/\/user\?id=(\d+)$/.exec(href);
      if (mention)
        return { type: 'text_mention', user: { id: Number(mention[1]), is_bot: false, first_name: '' } };
      return href === '' ? undefined : { type: 'text_link', url: href };
    }
    case 'span':
      if (attrs.get('class') !== 'tg-spoiler') {
        throw new HtmlParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
      }
      return { type: 'spoiler' };
    case 'blockquote':
      return { type: attrs.has('expandable') ? 'expandable_blockquote' : 'blockquote' };
    case 'tg-emoji': {
      const id = attrs.get('emoji-id');
      if (!id) throw new HtmlParseError(`Custom emoji needs "emoji-id" at byte offset ${at}`);
      return { type: 'custom_emoji', custom_emoji_id: id };
    }
    case 'code': {
      // <pre><code class="language-x"> gives the pre block its language instead of a code entity.
      const language = /^language-(.+)$/.exec(attrs.get('class') ?? '')?.[1];
      if (parent?.name === 'pre' && parent.entity) {
        if (language) parent.entity = { ...parent.entity, language };
        return undefined;
      }
      return { type: 'code' };
    }
    default: {
      const type = SIMPLE_TAGS[name];
      if (!type) throw new HtmlParseError(`Unsupported start tag "${name}" at byte offset ${at}`);
      return { type };
    }
  }
}

/** Parses Telegram HTML into plain text and entities; throws HtmlParseError the way Telegram refuses. */
export function parseTelegramHtml(html: string): ParsedText {
  const open: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const at = Buffer.byteLength(html.slice(0, i), 'utf8');
    const lt = html.indexOf('<', i);
    if (lt !== i) {
      const end = lt === -1 ? html.length : lt;
      text += decodeEntities(html.slice(i, end), at);
      i = end;
      continue;
    }
    const tag = TAG.exec(html.slice(i));
    if (!tag)
      throw new HtmlParseError(`"<" starts no tag at byte offset ${at} (write &lt; for a "<" in text)`);
    const [whole, closing, rawName = '', attrSource = ''] = tag;
    const name = rawName.toLowerCase();
    if (closing) {
      const top = open.pop();
      if (!top) throw new HtmlParseError(`Unexpected end tag "</${name}>" at byte offset ${at}`);
      if (top.name !== name) {
        throw new HtmlParseError(
          `Unmatched end tag at byte offset ${at}, expected "</${top.name}>", found "</${name}>"`,
        );
      }
      if (top.entity && text.length > top.start) {
        entities.push({ ...top.entity, offset: top.start, length: text.length - top.start } as MessageEntity);
      }
    } else {
      const entity = entityFor(name, attributes(attrSource), open.at(-1), at);
      open.push({ name, start: text.length, ...(entity ? { entity } : {}) });
    }
    i += whole.length;
  }
  const unclosed = open.at(-1);
  if (unclosed) throw new HtmlParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}
