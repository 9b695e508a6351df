import { hostileStructure, MAX_DEPTH } from './update-schema';

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

describe('hostileStructure', () => {
  it('passes an ordinary update and values that are not objects', () => {
    expect(
      hostileStructure({ update_id: 1, message: { chat: { id: 1 }, entities: [{ type: 'bold' }], x: null } }),
    ).toBeUndefined();
    for (const value of [null, 1, 'text', true]) expect(hostileStructure(value)).toBeUndefined();
  });

  it('refuses objects and arrays nested deeper than MAX_DEPTH, but not scalars at that depth', () => {
    expect(hostileStructure(nested(MAX_DEPTH, 1))).toBeUndefined();
    expect(hostileStructure(nested(MAX_DEPTH, {}))).toBe(`nested deeper than ${MAX_DEPTH} levels`);
    expect(hostileStructure(nested(MAX_DEPTH + 1, 1))).toBe(`nested deeper than ${MAX_DEPTH} levels`);
  });

  it('refuses keys that reach for prototypes, at any depth and inside arrays', () => {
    expect(hostileStructure(JSON.parse('{"__proto__":{"x":1}}'))).toBe('forbidden key "__proto__"');
    expect(hostileStructure(JSON.parse('{"message":{"entities":[{"constructor":1}]}}'))).toBe(
      'forbidden key "constructor"',
    );
    expect(hostileStructure({ a: [{ b: { prototype: null } }] })).toBe('forbidden key "prototype"');
  });
});
