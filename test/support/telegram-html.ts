import { parseHtml } from '@taskbot/fake-bot-api/text/html';

// What the texts and views tests check a message of ours with: Telegram's HTML, as the fake Bot API
// reads it (it refuses what Telegram refuses), and a value people typed that has to come through
// as they wrote it.

/** A value that breaks HTML unless escaped: a tag, a quote, an entity and a stray end tag. */
export const HOSTILE = '<b>&"x &amp; </i>';

/** A "&" Telegram keeps as written but that starts an entity once text follows it: always escape it. */
const STRAY_AMPERSAND = /&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);)/i;

/** Fails unless `html` is valid Telegram HTML with every "&" escaped; answers the text shown. */
export function expectTelegramHtml(html: string): string {
  expect(html).not.toMatch(STRAY_AMPERSAND);
  return parseHtml(html).text;
}
