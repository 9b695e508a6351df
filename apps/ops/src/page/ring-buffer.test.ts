import { RingBuffer } from './ring-buffer';

describe('a ring buffer', () => {
  it('keeps the newest items, oldest first', () => {
    const ring = new RingBuffer<number>(3);
    for (const n of [1, 2, 3, 4, 5]) ring.push(n);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(() => new RingBuffer(0)).toThrow('capacity must be a positive integer');
  });
});
