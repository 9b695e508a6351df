import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { languageOf } from './language';
import { languages, rawText, type TextKey, t, textKeys } from './texts';
import { en } from './texts/en';
import { ru } from './texts/ru';

const root = join(__dirname, '..', '..', '..');

/** The sources of what is deployed: `src` of every app and package, without tests and the texts themselves. */
function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (
        entry.name.endsWith('.ts') &&
        !entry.name.endsWith('.test.ts') &&
        !entry.name.endsWith('.d.ts')
      )
        files.push(path);
    }
  };
  for (const group of ['apps', 'packages']) {
    for (const project of readdirSync(join(root, group))) {
      const src = join(root, group, project, 'src');
      if (existsSync(src)) walk(src);
    }
  }
  const texts = join(root, 'packages', 'domain', 'src', 'texts');
  return files.filter((file) => file !== `${texts}.ts` && !file.startsWith(`${texts}/`));
}

/**
 * Keys no source spells out, because the code builds them from a value; each names the template that
 * builds it, which must still be in the code.
 */
const BUILT_KEYS: Partial<Record<TextKey, string>> = {
  // packages/domain/src/views.ts: the name of the task's priority.
  priority_low: '`priority_${',
  priority_normal: '`priority_${',
  priority_high: '`priority_${',
  priority_urgent: '`priority_${',
  // apps/command-worker/src/features/lists.ts: what /undo undid, by the kind of the undo record.
  undo_create: '`undo_${',
  undo_change: '`undo_${',
  undo_delete: '`undo_${',
};

// A text typed as a plain `string` (built with `+`) would let `t()` skip its parameters.
type WidenedText = { [Key in TextKey]: string extends (typeof en)[Key] ? Key : never }[TextKey];
const everyTextIsLiteral: [WidenedText] extends [never] ? true : WidenedText = true;

describe('texts', () => {
  it('picks Russian for ru and English for everything else', () => {
    expect(languageOf('ru')).toBe('ru');
    expect(languageOf('ru-RU')).toBe('ru');
    expect(languageOf('en')).toBe('en');
    expect(languageOf('de')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });

  it('has the same keys in Russian as in English', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
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

  it('types every English text as its literal, so that t() requires its placeholders', () => {
    expect(everyTextIsLiteral).toBe(true);
  });

  it('sends every text: each key is named in code that uses the texts, or built by a template still there', () => {
    const users = sourceFiles()
      .map((file) => ({ file, code: readFileSync(file, 'utf8') }))
      .filter(({ code }) => /from '(?:@taskbot\/domain|\.{1,2})\/texts'/.test(code));
    expect(users.map(({ file }) => relative(root, file))).toContain('packages/domain/src/views.ts');
    const named = (key: string) =>
      users.some(({ code }) => code.includes(`'${key}'`) || code.includes(`"${key}"`));
    const unused = textKeys.filter((key) => {
      const template = BUILT_KEYS[key];
      return template ? !users.some(({ code }) => code.includes(template)) : !named(key);
    });
    expect(unused).toEqual([]);
  });

  it('escapes inserted values for HTML', () => {
    expect(t('en', 'taskDone', { title: '<i>x</i> & y' })).toBe('✅ Done: &lt;i&gt;x&lt;/i&gt; &amp; y');
  });
});
