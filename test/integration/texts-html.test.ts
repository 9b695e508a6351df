import { languages, rawText, type TextKey, t, textKeys } from '@taskbot/domain/texts';
import { expectTelegramHtml, HOSTILE } from '../support/telegram-html';

// Every text the bot can send goes out in parse_mode HTML, and Telegram refuses the whole message
// when its HTML is bad. This renders each text key, in every language, with hostile values in its
// placeholders (t() escapes them), and reads it with the fake Bot API's parser, which refuses what
// Telegram refuses.

const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map(([, name]) => name as string);

describe.each(languages)('every %s text', (language) => {
  it.each(textKeys)('%s is valid Telegram HTML and shows its values as written', (key: TextKey) => {
    const names = placeholdersOf(rawText(language, key));
    // An id goes into an attribute (tg://user?id={userId}) and is always a number.
    const values = Object.fromEntries(names.map((name) => [name, /Id$/.test(name) ? '42' : HOSTILE]));
    const render = t as (lang: typeof language, key: TextKey, params: Record<string, string>) => string;
    const shown = expectTelegramHtml(render(language, key, values));
    if (names.some((name) => !/Id$/.test(name))) expect(shown).toContain(HOSTILE);
  });
});
