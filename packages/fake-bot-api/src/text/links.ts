import type { MessageEntity } from '../types';

// What Telegram makes of an <a href> (or a MarkdownV2 [text](url)): a mention of a user for
// tg://user?id=<id>, a text link for a URL it accepts, and no entity at all for anything else
// (Telegram keeps the text and drops the link without an error).

const SCHEMES = /^(https?|tg|ton|mailto):/i;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?([/?#]\S*)?$/i;

export function linkEntity(
  href: string,
  span: { offset: number; length: number },
): MessageEntity | undefined {
  const url = href.trim();
  const mention = /^tg:\/\/user\?id=(\d+)$/i.exec(url);
  if (mention) {
    return { type: 'text_mention', ...span, user: { id: Number(mention[1]), is_bot: false, first_name: '' } };
  }
  if (/\s/.test(url)) return undefined;
  if (SCHEMES.test(url)) return { type: 'text_link', ...span, url };
  return DOMAIN.test(url) ? { type: 'text_link', ...span, url: `http://${url}` } : undefined;
}
