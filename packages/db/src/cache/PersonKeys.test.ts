import type { Redis } from 'ioredis';
import { PersonKeys } from './PersonKeys';

const keys = new PersonKeys({} as Redis, 'tb[1]:');
const ANN = 5;

describe('the Redis keys that name a person', () => {
  it.each([
    'tb[1]:undo:-100:5',
    'tb[1]:undo:5:5',
    'tb[1]:shown:-100:5',
    'tb[1]:question:5:5',
    'tb[1]:admin:-100:5',
    'tb[1]:undone:5:812',
    'tb[1]:cache:projects:5',
    'tb[1]:failure-notice:user:5',
    'tb[1]:limit:user:5',
    'tb[1]:handled:digest:5:2026-12-05',
    'tb[1]:sent:digest:5:2026-12-05:1',
    'tb[1]:handled:notice:rate_limited:5:29400',
    'tb[1]:sent:notice:rate_limited:5:29400:1',
  ])('include %s', (key) => {
    expect(keys.names(ANN, key)).toBe(true);
  });

  it.each([
    'tb[1]:undo:-100:15',
    'tb[1]:undo:-5:6',
    'tb[1]:undone:-100:5',
    'tb[1]:cache:projects:-5',
    'tb[1]:sent:update:5:1',
    'tb[1]:handled:update:5',
    'tb[1]:handled:reminder:5:2026-12-05T10:00:00.000Z',
    'tb[1]:flood:chat:5',
    'other:undo:5:5',
  ])('leave %s (someone else’s, or no person’s)', (key) => {
    expect(keys.names(ANN, key)).toBe(false);
  });
});
