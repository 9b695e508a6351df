import { badRequest } from '../bot-api-error';
import type { MessageEntity } from '../types';
import { EntityParseError, type FormattedText, trimmed } from './formatted-text';
import { parseHtml } from './html';
import { parseMarkdownV2 } from './markdown-v2';

/**
 * A text or caption as Telegram stores what a bot sent: read per `parseMode` (HTML or MarkdownV2;
 * the legacy Markdown is kept as written) unless explicit entities are given, which win as on
 * Telegram; then stripped of surrounding whitespace. Markup Telegram cannot read is refused with a
 * 400 in Telegram's words; an unknown parse mode too.
 */
export function readFormattedText(
  source: string,
  parseMode: string | undefined,
  entities: MessageEntity[] | undefined,
): FormattedText {
  if (entities) return trimmed({ text: source, entities });
  const mode = (parseMode ?? '').toLowerCase();
  try {
    if (mode === 'html') return trimmed(parseHtml(source));
    if (mode === 'markdownv2') return trimmed(parseMarkdownV2(source));
  } catch (error) {
    if (error instanceof EntityParseError) throw badRequest(`can't parse entities: ${error.message}`);
    throw error;
  }
  if (mode !== '' && mode !== 'markdown') throw badRequest('unsupported parse_mode');
  return trimmed({ text: source, entities: [] });
}
