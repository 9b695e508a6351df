/**
 * Compose's variable interpolation (compose-spec, "Interpolation"): $VAR, ${VAR}, ${VAR:-default},
 * ${VAR-default}, ${VAR:+replacement}, ${VAR+replacement}, ${VAR:?error}, ${VAR?error} and $$ for a
 * literal $. Defaults and replacements may themselves hold variables. Every name read is recorded.
 */
export function interpolate(
  text: string,
  env: Record<string, string | undefined>,
  used: Set<string>,
): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char !== '$') {
      out += char;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = closingBrace(text, i + 2);
      out += expand(text.slice(i + 2, end), env, used);
      i = end + 1;
    } else {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0];
      if (!name) throw new Error(`invalid interpolation at "${text.slice(i)}" (write $$ for a literal $)`);
      used.add(name);
      out += env[name] ?? '';
      i += 1 + name.length;
    }
  }
  return out;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`unclosed \${ in "${text}"`);
}

function expand(body: string, env: Record<string, string | undefined>, used: Set<string>): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([\s\S]*))?$/.exec(body);
  if (!match) throw new Error(`invalid interpolation "\${${body}}"`);
  const [, name = '', operator, operand = ''] = match;
  used.add(name);
  const value = env[name];
  const unsetOrEmpty = value === undefined || value === '';
  switch (operator) {
    case undefined:
      return value ?? '';
    case ':-':
      return unsetOrEmpty ? interpolate(operand, env, used) : (value as string);
    case '-':
      return value === undefined ? interpolate(operand, env, used) : value;
    case ':+':
      return unsetOrEmpty ? '' : interpolate(operand, env, used);
    case '+':
      return value === undefined ? '' : interpolate(operand, env, used);
    case ':?':
    case '?':
      if (operator === ':?' ? unsetOrEmpty : value === undefined) {
        throw new Error(`${name}: ${interpolate(operand, env, used) || 'required'}`);
      }
      return value as string;
    default:
      throw new Error(`invalid interpolation "\${${body}}"`);
  }
}

/** Interpolates every string in a parsed Compose file (values only, as Compose does). */
export function interpolateDeep(
  value: unknown,
  env: Record<string, string | undefined>,
  used: Set<string>,
): unknown {
  if (typeof value === 'string') return interpolate(value, env, used);
  if (Array.isArray(value)) return value.map((item) => interpolateDeep(item, env, used));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateDeep(item, env, used)]),
    );
  }
  return value;
}
