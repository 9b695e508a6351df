// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is removed
const NUL = /\u0000/g;

/**
 * The update with every NUL character removed from its strings (and keys). PostgreSQL cannot store
 * NUL in text, MySQL can; removing it at the edge makes every database, and every feature, see the
 * same text, so a NUL typed into a title or a search never fails a job. Telegram's own clients do
 * not send NUL; only crafted requests do. Depth is bounded by the update schema before this runs.
 */
export function withoutNulBytes<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replace(NUL, '') : value) as T;
  if (Array.isArray(value)) return value.map((item) => withoutNulBytes(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key.replace(NUL, ''), withoutNulBytes(item)]),
    ) as T;
  }
  return value;
}

/**
 * Whether any string (or key) in the update holds a NUL character, so the person can be told. It
 * only reads (no copies), so the common update without NUL costs one walk and no garbage.
 */
export function hasNulBytes(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) {
    for (const item of value) if (hasNulBytes(item)) return true;
    return false;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key.includes('\u0000') || hasNulBytes(record[key])) return true;
    }
  }
  return false;
}
