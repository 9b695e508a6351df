import fs from 'node:fs';
import { readRepoFile, repoPath } from './support/repo';

// Every dependency is pinned to one version (SECURITY.md, "Dependency audit"): a range would let a
// fresh lockfile take a release nobody reviewed. Workspace packages are the repository's own.

const EXACT = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

function manifests(): string[] {
  const folders = ['apps', 'packages'].flatMap((group) =>
    fs.readdirSync(repoPath(group)).map((name) => `${group}/${name}`),
  );
  return ['.', 'test', 'bench', ...folders].filter((folder) =>
    fs.existsSync(repoPath(folder, 'package.json')),
  );
}

describe('dependencies', () => {
  it.each(manifests())('%s/package.json pins every dependency to one version', (folder) => {
    const manifest = JSON.parse(readRepoFile(folder, 'package.json')) as Record<string, unknown>;
    const loose: string[] = [];
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
      const entries = Object.entries((manifest[field] ?? {}) as Record<string, string>);
      for (const [name, spec] of entries) {
        if (spec !== 'workspace:*' && !EXACT.test(spec)) loose.push(`${field}: ${name}@${spec}`);
      }
    }
    expect(loose).toEqual([]);
  });
});
