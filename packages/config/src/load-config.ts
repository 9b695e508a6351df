import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import type { z } from 'zod';

/** A configuration value is missing or wrong; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Values from an optional `.env` (in the working directory, else the nearest parent that has one),
 * under the real environment: a variable set by the operator always wins over the file.
 */
export function readEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): NodeJS.ProcessEnv {
  const file = findDotEnv(cwd);
  if (!file) return { ...env };
  return { ...parseEnv(fs.readFileSync(file, 'utf8')), ...env };
}

function findDotEnv(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, '.env');
    if (fs.existsSync(candidate)) return candidate;
    if (fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Parses the environment once, at start. Every problem becomes part of one line that names the
 * variable, so an operator reading a crash loop sees at once what to fix.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = readEnv()): z.output<S> {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(blanksRemoved);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.map(String).join('.') || 'environment';
    const value = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    return `${variable} ${value}`;
  });
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}

/** Runs `main`; a ConfigError ends the process with its one line instead of a stack trace. */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  throw error;
}
