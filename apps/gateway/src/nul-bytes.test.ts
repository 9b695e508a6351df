import { hasNulBytes, withoutNulBytes } from './nul-bytes';

describe('NUL characters in an update', () => {
  it('are found in any string or key, however deep', () => {
    expect(hasNulBytes({ message: { text: 'a\u0000b' } })).toBe(true);
    expect(hasNulBytes({ message: { entities: [{ type: 'bold' }, 'x\u0000'] } })).toBe(true);
    expect(hasNulBytes({ 'k\u0000': 1 })).toBe(true);
    expect(hasNulBytes({ message: { text: 'plain', date: 0, ok: true, none: null } })).toBe(false);
  });

  it('are gone after removal, so the marker describes what was published', () => {
    const update = { message: { text: 'nul\u0000byte', from: { first_name: 'A\u0000nn' } } };
    expect(hasNulBytes(withoutNulBytes(update))).toBe(false);
    expect(withoutNulBytes(update).message.text).toBe('nulbyte');
  });
});
