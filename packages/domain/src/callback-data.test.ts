import { decodeCallback, encodeCallback } from './callback-data';

describe('button data', () => {
  it('round-trips a done action', () => {
    expect(decodeCallback(encodeCallback({ action: 'done', taskId: 42 }))).toEqual({
      action: 'done',
      taskId: 42,
    });
  });

  it.each([
    undefined,
    '',
    'd:',
    'd:0',
    'd:-1',
    'd:01',
    'd:1.5',
    'd:99999999999',
    'x:1',
    'd:1:extra',
    `d:${'1'.repeat(70)}`,
    '__proto__',
  ])('refuses malformed data %p', (data) => {
    expect(decodeCallback(data)).toBeUndefined();
  });
});
