import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { APPS, appScript, appStep, REPO_ROOT, SERVICES } from './apps';

describe('the apps the launcher starts', () => {
  it.each(Object.keys(APPS) as (keyof typeof APPS)[])('%s starts from its package’s dist/main.js', (name) => {
    const script = appScript(name);
    const packageDir = path.dirname(path.dirname(script));
    const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));

    expect(path.relative(REPO_ROOT, packageDir)).toBe(`apps/${name}`);
    expect(manifest.main).toBe('dist/main.js');
  });

  it('lists the services pnpm start runs among them', () => {
    for (const name of SERVICES) expect(Object.keys(APPS)).toContain(name);
    expect(existsSync(path.join(REPO_ROOT, 'pnpm-workspace.yaml'))).toBe(true);
  });

  it('names a replica by its label', () => {
    expect(appStep('command-worker', { env: {}, label: 'command-worker#2' })).toMatchObject({
      name: 'command-worker#2',
      script: appScript('command-worker'),
    });
  });
});
