import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { dockerfileInstructions, dockerfileStages } from './support/dockerfile';
import { IMAGES, readRepoFile, repoPath, THIRD_PARTY_IMAGES, workspacePackages } from './support/repo';

const stages = dockerfileStages();
const rootManifest = JSON.parse(readRepoFile('package.json')) as {
  packageManager: string;
  devDependencies: Record<string, string>;
};
const args = (stage: string, keyword: string) =>
  (stages.get(stage)?.instructions ?? []).filter((i) => i.keyword === keyword).map((i) => i.args);

describe('docker/Dockerfile', () => {
  it('builds from Docker Hub node images only, and pins the pnpm and turbo the repository uses', () => {
    const nodeImage = /^ARG NODE_IMAGE=(\S+)$/m.exec(readRepoFile('docker/Dockerfile'))?.[1];
    expect(THIRD_PARTY_IMAGES).toContain(nodeImage);
    const froms = [...stages.values()].map((stage) => stage.from);
    for (const from of froms) expect(['$'.concat('{NODE_IMAGE}'), ...stages.keys()]).toContain(from);
    const install = args('tools', 'RUN').join(' ');
    expect(install).toContain(`pnpm@${rootManifest.packageManager.replace('pnpm@', '')}`);
    expect(install).toContain(`turbo@${rootManifest.devDependencies.turbo}`);
  });

  it('prunes with turbo, builds the app and its dependencies, and deploys its production files', () => {
    expect(args('pruner', 'RUN').join()).toMatch(/turbo prune "\$\{APP\}" \$\{ops\} --docker/);
    const build = args('builder', 'RUN').join('\n');
    expect(build).toMatch(/pnpm install --frozen-lockfile/);
    expect(build).toMatch(/pnpm turbo run build --filter="\$\{APP\}\.\.\."/);
    expect(build).toMatch(/pnpm deploy --filter="\$\{APP\}" --prod \/out/);
  });

  it('limits the heap of every service, with the same flags pnpm bench measures them with', () => {
    const env = args('runtime', 'ENV');
    expect(env).toContain('NODE_OPTIONS="--max-old-space-size=96 --max-semi-space-size=8"');
    // bench/src/processes.ts reads this line; a service stays under 150 MB resident under load with it.
    expect(readRepoFile('bench/src/processes.ts')).toContain("path.join(REPO_ROOT, 'docker', 'Dockerfile')");
  });

  it('runs as the non-root node user under tini, and only the services have a HEALTHCHECK', () => {
    expect(args('runtime', 'USER')).toEqual(['node']);
    // Debian's tini, at /usr/bin/tini; the apt lists go in the same layer.
    const install = args('runtime', 'RUN').join();
    expect(install).toMatch(/apt-get install -y --no-install-recommends tini/);
    expect(install).toContain('rm -rf /var/lib/apt/lists/*');
    expect(args('runtime', 'ENTRYPOINT')).toEqual(['["/usr/bin/tini", "--", "/app/entrypoint.sh"]']);
    expect(stages.get('service')?.healthcheck).toBe(true);
    expect(stages.get('migrate')?.healthcheck).toBe(false);
    expect([...stages.keys()].at(-1)).toBe('service');
  });

  it('puts the queue commands in the worker images and the ops image, as `queue` on PATH', () => {
    const prune = args('pruner', 'RUN').join();
    expect(prune).toMatch(
      /case "\$\{APP\}" in command-worker\|callback-worker\) ops=@taskbot\/ops ;; \*\) ops= ;; esac/,
    );
    for (const worker of ['command-worker', 'callback-worker']) expect(IMAGES).toHaveProperty(worker);
    const build = args('builder', 'RUN').join('\n');
    expect(build).toContain('pnpm deploy --filter=@taskbot/ops --prod /out/ops');
    expect(args('runtime', 'COPY')).toEqual(
      expect.arrayContaining(['--from=builder /out/ops ./ops', 'docker/queue /usr/local/bin/queue']),
    );
    const wrapper = readRepoFile('docker/queue');
    expect(wrapper).toContain('exec node "$cli" "$@"');
    expect(wrapper).toContain('cli=/app/ops/dist/queue-cli.js');
    // The ops image is their own package: there they are the app itself, not a second copy.
    expect(wrapper).toContain('/app/dist/queue-cli.js');
    expect(build).toContain('[ "$'.concat('{APP}" != @taskbot/ops ]'));
    expect(IMAGES.ops).toMatchObject({ app: '@taskbot/ops', target: 'service' });
    // The package's own queue script runs the same file, relative to the package.
    const ops = workspacePackages().get('@taskbot/ops');
    expect((ops?.manifest.scripts as Record<string, string> | undefined)?.queue).toBe(
      'node dist/queue-cli.js',
    );
    expect(fs.statSync(repoPath('docker/queue')).mode & 0o111).not.toBe(0);
  });

  it('starts each image with the script its package runs', () => {
    const packages = workspacePackages();
    for (const { app, target } of Object.values(IMAGES)) {
      const scripts = (packages.get(app)?.manifest.scripts ?? {}) as Record<string, string>;
      const cmd = JSON.parse(args(target, 'CMD')[0] ?? '[]') as string[];
      expect(cmd.join(' ')).toBe(target === 'migrate' ? scripts.migrate : scripts.start);
    }
  });

  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    const ignored = readRepoFile('.dockerignore')
      .split('\n')
      .filter((line) => line && !line.startsWith('#') && !line.startsWith('!'))
      .map((line) => line.replace(/^\*\*\//, ''));
    const copies = dockerfileInstructions()
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(copies).toEqual(
      expect.arrayContaining(['tsconfig.base.json', 'docker/entrypoint.sh', 'docker/healthcheck.js']),
    );
    for (const source of copies.filter((s) => s !== '.')) {
      expect({ source, exists: fs.existsSync(repoPath(source)) }).toEqual({ source, exists: true });
      expect(ignored.filter((pattern) => source === pattern || source.startsWith(`${pattern}/`))).toEqual([]);
    }
    expect(fs.statSync(repoPath('docker/entrypoint.sh')).mode & 0o111).not.toBe(0);
  });

  it.each(Object.values(IMAGES).map((image) => image.app))(
    'turbo prune %s gives a workspace the build can compile',
    (app) => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'taskbot-prune-'));
      try {
        execFileSync(repoPath('node_modules/.bin/turbo'), ['prune', app, '--docker', '--out-dir', out], {
          cwd: repoPath(),
          stdio: 'pipe',
        });
        const dir = workspacePackages().get(app)?.dir ?? '';
        expect(fs.existsSync(path.join(out, 'json', dir, 'package.json'))).toBe(true);
        expect(fs.existsSync(path.join(out, 'json/pnpm-lock.yaml'))).toBe(true);
        // The Dockerfile adds tsconfig.base.json itself; every package's tsconfig reaches it from full/.
        const tsconfig = JSON.parse(
          fs.readFileSync(path.join(out, 'full', dir, 'tsconfig.json'), 'utf8'),
        ) as { extends: string };
        expect(path.resolve(path.join(out, 'full', dir), tsconfig.extends)).toBe(
          path.join(out, 'full/tsconfig.base.json'),
        );
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    },
  );
});

describe('docker/healthcheck.js', () => {
  async function check(app: string, status: number, portVariable: string): Promise<number | null> {
    const server = http.createServer((req, res) =>
      res.writeHead(req.url === '/healthz' ? status : 404).end(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskbot-health-'));
    try {
      fs.copyFileSync(repoPath('docker/healthcheck.js'), path.join(dir, 'healthcheck.js'));
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: app }));
      const port = String((server.address() as AddressInfo).port);
      // Asynchronously: the server answering the probe runs in this process.
      const child = spawn(process.execPath, ['healthcheck.js'], { cwd: dir, env: { [portVariable]: port } });
      return await new Promise<number | null>((resolve) => child.on('exit', resolve));
    } finally {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('passes when the gateway answers /healthz on PORT, fails when it does not', async () => {
    expect(await check('gateway', 200, 'PORT')).toBe(0);
    expect(await check('gateway', 503, 'PORT')).toBe(1);
  });

  it('asks the sandbox on SANDBOX_PORT', async () => {
    expect(await check('@taskbot/sandbox', 200, 'SANDBOX_PORT')).toBe(0);
    expect(await check('@taskbot/sandbox', 500, 'SANDBOX_PORT')).toBe(1);
  });

  it('asks a worker and the ops app on HEALTH_PORT', async () => {
    expect(await check('command-worker', 200, 'HEALTH_PORT')).toBe(0);
    expect(await check('callback-worker', 200, 'HEALTH_PORT')).toBe(0);
    expect(await check('@taskbot/ops', 200, 'HEALTH_PORT')).toBe(0);
    expect(await check('@taskbot/ops', 503, 'HEALTH_PORT')).toBe(1);
  });

  it('falls back to the same default ports as compose and the manifests', () => {
    const source = readRepoFile('docker/healthcheck.js');
    expect(source).toMatch(
      /\{\s*gateway: 8080,\s*'command-worker': 8081,\s*'callback-worker': 8082,\s*'@taskbot\/ops': 8083,?\s*\}/,
    );
    const compose = readRepoFile('compose.yaml');
    expect(compose).toMatch(/command-worker:[\s\S]*HEALTH_PORT: 8081/);
    expect(compose).toMatch(/callback-worker:[\s\S]*HEALTH_PORT: 8082/);
    expect(compose).toMatch(/\n {2}ops:[\s\S]*HEALTH_PORT: 8083/);
  });
});
