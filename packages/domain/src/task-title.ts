export const MAX_TITLE_LENGTH = 1000;

export type TitleCheck =
  | { ok: true; title: string }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'too_long'; length: number };

/** A task title as the user typed it: trimmed, NUL bytes removed, not empty, not too long. */
export function checkTitle(input: string): TitleCheck {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL bytes are exactly what is removed
  const title = input.replace(/\u0000/g, '').trim();
  if (title.length === 0) return { ok: false, reason: 'empty' };
  const length = [...title].length;
  if (length > MAX_TITLE_LENGTH) return { ok: false, reason: 'too_long', length };
  return { ok: true, title };
}

/**
 * For code that stores a title it is handed (the repository): throws a RangeError when checkTitle
 * would refuse it, so no path writes a title the domain does not allow.
 */
export function assertTitle(title: string): void {
  const check = checkTitle(title);
  if (check.ok) return;
  throw new RangeError(
    check.reason === 'empty'
      ? 'A task title must not be empty'
      : `A task title must be at most ${MAX_TITLE_LENGTH} characters`,
  );
}
