export type Language = 'en' | 'ru';

/** Russian for Telegram's `ru`, English for everything else. */
export function languageOf(languageCode: string | undefined | null): Language {
  return languageCode?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}
