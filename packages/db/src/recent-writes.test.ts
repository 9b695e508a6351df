import { RecentWrites } from './recent-writes';

describe('RecentWrites', () => {
  let clock = 0;
  const now = () => clock;

  beforeEach(() => {
    clock = 1_000;
  });

  it('remembers a key for the time it was given, then forgets it', () => {
    const written = new RecentWrites(100, 10, now);
    expect(written.has('a')).toBe(false);
    written.add('a');
    clock += 99;
    expect(written.has('a')).toBe(true);
    clock += 1;
    expect(written.has('a')).toBe(false);
    // Forgotten for good, not only reported stale.
    clock -= 50;
    expect(written.has('a')).toBe(false);
  });

  it('keeps at most `max` keys, dropping the one written longest ago', () => {
    const written = new RecentWrites(1_000, 2, now);
    written.add('a');
    written.add('b');
    written.add('a');
    written.add('c');
    expect(['a', 'b', 'c'].filter((key) => written.has(key))).toEqual(['a', 'c']);
  });

  it('forgets a key on request, and everything on clear', () => {
    const written = new RecentWrites(1_000, 10, now);
    written.add('a');
    written.add('b');
    written.forget('a');
    expect(written.has('a')).toBe(false);
    expect(written.has('b')).toBe(true);
    written.clear();
    expect(written.has('b')).toBe(false);
  });

  it('keeps the keys under `maxBytes` in all, dropping the oldest, however long each one is', () => {
    const written = new RecentWrites(60_000, 1_000_000, now, 10_000);
    for (let i = 0; i < 1_000; i += 1) written.add(`${i}:${'x'.repeat(500)}`);
    expect(written.size.bytes).toBeLessThanOrEqual(10_000);
    expect(written.has(`999:${'x'.repeat(500)}`)).toBe(true);
    expect(written.has(`0:${'x'.repeat(500)}`)).toBe(false);
  });

  it('lets entries past their time go as new writes come, without being read again', () => {
    const written = new RecentWrites(100, 1_000_000, now);
    for (let i = 0; i < 50; i += 1) written.add(`old ${i}`);
    clock += 100;
    written.add('new');
    expect(written.size.keys).toBe(1);
  });
});
