import { DEFAULT_PRIORITY_ID, isPriorityId, PRIORITIES, PRIORITY_CODES, priorityCodeOf } from './priority';

describe('priorities', () => {
  it('are low, normal, high and urgent, with ids 1 to 4 rising with urgency', () => {
    expect(PRIORITIES.map(({ id, code }) => [id, code])).toEqual([
      [1, 'low'],
      [2, 'normal'],
      [3, 'high'],
      [4, 'urgent'],
    ]);
    expect(PRIORITY_CODES).toEqual(['low', 'normal', 'high', 'urgent']);
  });

  it('default to normal', () => {
    expect(priorityCodeOf(DEFAULT_PRIORITY_ID)).toBe('normal');
  });

  it('know no other id', () => {
    expect(priorityCodeOf(4)).toBe('urgent');
    expect(priorityCodeOf(0)).toBeUndefined();
    expect(priorityCodeOf(5)).toBeUndefined();
    expect(isPriorityId(3)).toBe(true);
    expect(isPriorityId(7)).toBe(false);
  });
});
