import type { MessageEntity } from '../types';

// A message text or caption as Telegram stores it: the text without markup and its entities.

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

/** Markup Telegram cannot read; the message is its wording after "can't parse entities: ". */
export class EntityParseError extends Error {
  override name = 'EntityParseError';
}

/** The byte offset in UTF-8 of the UTF-16 index `index`, as Telegram's errors count. */
export function utf8Offset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), 'utf8');
}

const isBlank = (c: string | undefined) => c !== undefined && c <= ' ';

/**
 * Telegram strips whitespace from both ends of a message text or caption; entities move with the
 * text and lose what was stripped, and those left empty go.
 */
export function trimmed({ text, entities }: FormattedText): FormattedText {
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text[start])) start++;
  while (end > start && isBlank(text[end - 1])) end--;
  if (start === 0 && end === text.length) return { text, entities };
  const kept = entities.flatMap((entity) => {
    const from = Math.max(entity.offset, start);
    const to = Math.min(entity.offset + entity.length, end);
    return to > from ? [{ ...entity, offset: from - start, length: to - from }] : [];
  });
  return { text: text.slice(start, end), entities: kept };
}
