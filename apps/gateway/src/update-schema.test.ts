import {
  hostileStructure,
  incomingUpdateSchema,
  MAX_DEPTH,
  parseIncomingUpdate,
  plainlyValidUpdate,
} from './update-schema';

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

  it('refuses a key that becomes one of those once NUL characters are removed', () => {
    const body = JSON.parse('{"update_id":1,"message":{"__pro\\u0000to__":{"x":1}}}');
    expect(hostileStructure(body)).toBe('forbidden key "__proto__" (with NUL characters)');
    expect(parseIncomingUpdate(body)).toMatchObject({ ok: false });
  });
});

describe('plainlyValidUpdate, the fast way past the update schema', () => {
  const chat = { id: -1001234567890, type: 'supergroup', title: 'Team' };
  const from = { id: 42, is_bot: false, first_name: 'Ann', language_code: 'en' };
  const message = { message_id: 7, date: 1_700_000_000, chat, from, text: '/add milk', entities: [] };
  const bases: Record<string, unknown>[] = [
    { update_id: 1, message },
    { update_id: 2, edited_message: { message_id: 0, date: 0, chat: { id: 1, type: 'private' } } },
    { update_id: 3, channel_post: { ...message, from: undefined, chat: { id: -5, type: 'channel' } } },
    { update_id: 4, edited_channel_post: message },
    { update_id: 5, callback_query: { id: 'q', from, data: 'done:1', message: { message_id: 1, chat } } },
    { update_id: 6, callback_query: { id: 'x'.repeat(256), from, chat_instance: '1' } },
    { update_id: Number.MAX_SAFE_INTEGER, poll: { id: 'p' } },
    { update_id: 7, my_chat_member: null },
  ];
  const wrongs: unknown[] = [
    undefined,
    null,
    -1,
    1.5,
    2 ** 53,
    '1',
    true,
    '',
    'x'.repeat(257),
    'x'.repeat(16_385),
    {},
    [],
    'bot',
  ];

  /** Every variant of `value` with one field (at any depth) replaced by each wrong value or removed. */
  function* variants(value: unknown): Generator<unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const { [key]: _removed, ...without } = record;
      yield without;
      for (const wrong of wrongs) yield { ...record, [key]: wrong };
      for (const inner of variants(record[key])) yield { ...record, [key]: inner };
    }
  }

  it('takes the updates Telegram sends without asking the schema', () => {
    for (const base of bases) {
      const body = JSON.parse(JSON.stringify(base));
      expect(plainlyValidUpdate(body)).toBe(true);
      expect(parseIncomingUpdate(body)).toEqual({ ok: true, update: body });
    }
  });

  it('never takes what the schema refuses, and gives what the schema gives', () => {
    let checked = 0;
    for (const base of bases) {
      const extra = [
        { ...base, message },
        { ...base, callback_query: {} },
      ];
      for (const variant of [...variants(base), ...extra]) {
        const body = JSON.parse(JSON.stringify(variant) ?? 'null');
        const schema = incomingUpdateSchema.safeParse(body);
        if (plainlyValidUpdate(body)) expect(schema.success).toBe(true);
        const parsed = parseIncomingUpdate(body);
        expect(parsed.ok).toBe(schema.success);
        if (parsed.ok && schema.success) expect(parsed.update).toEqual(schema.data);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
