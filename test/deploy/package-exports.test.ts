import fs from 'node:fs';
import path from 'node:path';
import { readRepoFile, repoPath } from './support/repo';

// Each package says which of its modules others may use, one by one (issue 16): no "./*" that
// would make every file public, and every module it names exists. Apps run as processes and are
// used by nobody, tests aside.

const folders = (group: string) => fs.readdirSync(repoPath(group)).map((name) => `${group}/${name}`);

interface Manifest {
  name: string;
  exports?: Record<string, { types: string; default: string }>;
}

const manifestOf = (folder: string): Manifest => JSON.parse(readRepoFile(folder, 'package.json'));

describe('package exports', () => {
  it.each(folders('packages'))('%s names its public modules one by one, each of which exists', (folder) => {
    const exports = manifestOf(folder).exports ?? {};
    const entries = Object.entries(exports);
    expect(entries.length).toBeGreaterThan(0);
    for (const [subpath, target] of entries) {
      expect(subpath).not.toContain('*');
      const source = target.default.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
      expect([subpath, fs.existsSync(repoPath(folder, source))]).toEqual([subpath, true]);
      expect(target.types).toBe(target.default.replace(/\.js$/, '.d.ts'));
    }
  });

  it('no app imports another app', () => {
    const apps = folders('apps').map((folder) => manifestOf(folder).name);
    const offenders: string[] = [];
    for (const folder of folders('apps')) {
      const own = manifestOf(folder).name;
      const sources = fs.readdirSync(repoPath(folder, 'src'), { recursive: true, encoding: 'utf8' });
      for (const file of sources.filter((name) => /\.(ts|js)$/.test(name))) {
        const text = readRepoFile(folder, 'src', file);
        for (const [, specifier = ''] of text.matchAll(/(?:from\s+|import\s*\(|require\()\s*'([^']+)'/g)) {
          const another = apps.some(
            (name) => name !== own && (specifier === name || specifier.startsWith(`${name}/`)),
          );
          const outside = path.relative(
            repoPath(folder),
            path.join(repoPath(folder, 'src'), path.dirname(file), specifier),
          );
          if (another || (specifier.startsWith('.') && outside.startsWith('..'))) {
            offenders.push(`${folder}/src/${file}: ${specifier}`);
          }
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
