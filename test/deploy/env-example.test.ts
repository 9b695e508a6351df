import { COMPOSE_PASSWORDS, envExampleNames, knownEnvNames, readRepoFile } from './support/repo';

/** turbo's passThroughEnv patterns: a name, or a prefix ending in `*`. */
const passes = (patterns: string[], name: string) =>
  patterns.some((pattern) =>
    pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name,
  );

describe('.env.example', () => {
  it("lists every variable some configuration reads and the servers' passwords, and nothing else", () => {
    const known = new Set([...knownEnvNames(), ...COMPOSE_PASSWORDS]);
    const documented = envExampleNames();
    expect({ missing: [...known].filter((name) => !documented.has(name)).sort() }).toEqual({ missing: [] });
    expect({ unknown: [...documented].filter((name) => !known.has(name)).sort() }).toEqual({ unknown: [] });
  });

  it("says the servers' passwords must be changed anywhere others can reach, and gives none empty", () => {
    const text = readRepoFile('.env.example');
    const section = text.slice(text.indexOf('# --- Compose servers'));
    expect(section).toMatch(/must be\s+(# )?changed on any machine others can reach/);
    for (const name of COMPOSE_PASSWORDS) expect(section).toMatch(new RegExp(`^${name}=\\S+$`, 'm'));
  });

  it('says what each variable is for in a comment line right above it', () => {
    const lines = readRepoFile('.env.example').split('\n');
    const uncommented = lines
      .map((line, index) => ({ name: /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1], above: lines[index - 1] ?? '' }))
      .filter(({ name, above }) => name !== undefined && !above.startsWith('# '))
      .map(({ name }) => name);
    expect(uncommented).toEqual([]);
  });
});

describe('turbo.json', () => {
  const turbo = JSON.parse(readRepoFile('turbo.json')) as {
    tasks: Record<string, { passThroughEnv?: string[] }>;
  };

  it.each(['start', 'dev'])('passes every configuration variable through to `turbo run %s`', (task) => {
    const patterns = turbo.tasks[task]?.passThroughEnv ?? [];
    expect([...knownEnvNames()].filter((name) => !passes(patterns, name)).sort()).toEqual([]);
  });
});
