import { assertTitle, checkTitle, MAX_TITLE_LENGTH } from './task-title';

describe('checking a task title', () => {
  it('keeps the text as typed, trimmed', () => {
    expect(checkTitle("  Robert'); DROP TABLE tasks;-- 🎉 ")).toEqual({
      ok: true,
      title: "Robert'); DROP TABLE tasks;-- 🎉",
    });
  });

  it('refuses an empty title', () => {
    expect(checkTitle('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(checkTitle('\u0000')).toEqual({ ok: false, reason: 'empty' });
  });

  it('drops NUL bytes', () => {
    expect(checkTitle('a\u0000b')).toEqual({ ok: true, title: 'ab' });
  });

  it('counts emoji as one character each and refuses titles over the limit', () => {
    expect(checkTitle('🎉'.repeat(MAX_TITLE_LENGTH)).ok).toBe(true);
    expect(checkTitle('x'.repeat(MAX_TITLE_LENGTH + 1))).toEqual({
      ok: false,
      reason: 'too_long',
      length: MAX_TITLE_LENGTH + 1,
    });
  });

  it('is enforced for whatever is stored: an empty or too long title throws', () => {
    expect(() => assertTitle('🎉'.repeat(MAX_TITLE_LENGTH))).not.toThrow();
    expect(() => assertTitle('   ')).toThrow('A task title must not be empty');
    expect(() => assertTitle('x'.repeat(MAX_TITLE_LENGTH + 1))).toThrow(
      `A task title must be at most ${MAX_TITLE_LENGTH} characters`,
    );
  });
});
