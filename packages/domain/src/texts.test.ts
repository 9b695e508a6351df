import { languageOf } from './language';
import { languages, rawText, t, textKeys } from './texts';

describe('texts', () => {
  it('picks Russian for ru and English for everything else', () => {
    expect(languageOf('ru')).toBe('ru');
    expect(languageOf('ru-RU')).toBe('ru');
    expect(languageOf('en')).toBe('en');
    expect(languageOf('de')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });

  it('has every text in every language with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of textKeys) {
      for (const language of languages) {
        expect(rawText(language, key).length).toBeGreaterThan(0);
        expect(placeholders(rawText(language, key))).toEqual(placeholders(rawText('en', key)));
      }
    }
  });

  it('escapes inserted values for HTML', () => {
    expect(t('en', 'taskDone', { title: '<i>x</i> & y' })).toBe('✅ Done: &lt;i&gt;x&lt;/i&gt; &amp; y');
  });
});
