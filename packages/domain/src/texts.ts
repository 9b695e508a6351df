import type { Language } from './language';
import { en, type TextKey, type Translation } from './texts/en';
import { ru } from './texts/ru';

// Every text the bot shows, in each language: texts/en.ts decides the keys, texts/ru.ts follows.
// Placeholders are {name}; values are inserted by `t()` already escaped for Telegram's HTML parse mode.

export type { TextKey } from './texts/en';

/** The names in braces in a text: `'Hi, {name}! {n} new'` gives `'name' | 'n'`. */
export type Placeholders<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The values a text needs: one for each of its placeholders. */
export type TextParams<Key extends TextKey> = Record<Placeholders<(typeof en)[Key]>, string | number>;

/**
 * What `t()` takes after the key: nothing for a text without placeholders, the values for one with.
 * A key known only as a union (a `TextKey` variable) accepts the arguments of any of its texts.
 */
export type TextArguments<Key extends TextKey> = Key extends TextKey
  ? [Placeholders<(typeof en)[Key]>] extends [never]
    ? []
    : [params: TextParams<Key>]
  : never;

const catalog: Record<Language, Translation> = { en, ru };

/** Escapes text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function t<Key extends TextKey>(language: Language, key: Key, ...args: TextArguments<Key>): string {
  const params: Partial<Record<string, string | number>> = args[0] ?? {};
  return catalog[language][key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? escapeHtml(String(params[name])) : placeholder,
  );
}

export const languages: Language[] = ['en', 'ru'];
export const textKeys = Object.keys(en) as TextKey[];
export const rawText = (language: Language, key: TextKey): string => catalog[language][key];
