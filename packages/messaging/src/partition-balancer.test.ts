import { ownerOf } from './partition-balancer';
import { topology } from './topology';

const queues = topology('', 16).partitionQueues('commands');

describe('ownerOf (rendezvous hashing)', () => {
  it('gives every partition the same owner whatever order the members are listed in', () => {
    const members = ['a:1', 'b:2', 'c:3'];
    for (const queue of queues) {
      expect(ownerOf(queue, members)).toBe(ownerOf(queue, [...members].reverse()));
    }
  });

  it('spreads partitions over the members', () => {
    const owners = new Set(queues.map((queue) => ownerOf(queue, ['a:1', 'b:2', 'c:3'])));
    expect(owners.size).toBe(3);
  });

  it('moves only the partitions of a member that leaves', () => {
    const before = queues.map((queue) => ownerOf(queue, ['a:1', 'b:2', 'c:3']));
    const after = queues.map((queue) => ownerOf(queue, ['a:1', 'c:3']));
    before.forEach((owner, index) => {
      if (owner !== 'b:2') expect(after[index]).toBe(owner);
      else expect(['a:1', 'c:3']).toContain(after[index]);
    });
  });

  it('has no owner without members', () => {
    expect(ownerOf(queues[0] ?? '', [])).toBeUndefined();
  });
});
