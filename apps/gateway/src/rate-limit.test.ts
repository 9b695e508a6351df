import { Redis } from 'ioredis';
import { createUserRateLimiter } from './rate-limit';

// Redis is unreachable here: the limiter counts in memory, as a replica whose Redis is down does.
// The limit against a real Redis is test/integration/gateway.webhook.test.ts.

describe('the per-user limit without Redis', () => {
  const redis = new Redis('redis://127.0.0.1:1', {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    lazyConnect: true,
  });
  redis.on('error', () => undefined);
  afterAll(() => redis.disconnect());

  it('still allows N a minute per key, then says to notify once and refuses quietly', async () => {
    const limiter = createUserRateLimiter(redis, 2, 'test:');
    const decisions = [];
    for (let i = 0; i < 4; i += 1) decisions.push(await limiter.check(42));
    expect(decisions.slice(0, 2)).toEqual([{ allowed: true }, { allowed: true }]);
    expect(decisions[2]).toMatchObject({ allowed: false, notify: true });
    expect(decisions[3]).toMatchObject({ allowed: false, notify: false });
    expect(await limiter.check('chat:-100')).toEqual({ allowed: true });
  });

  it('defines its script once however many limiters share the client', () => {
    const shared = new Redis('redis://127.0.0.1:1', { lazyConnect: true });
    const defineCommand = jest.spyOn(shared, 'defineCommand');
    createUserRateLimiter(shared, 2, 'one:');
    createUserRateLimiter(shared, 3, 'two:');
    expect(defineCommand).toHaveBeenCalledTimes(1);
    shared.disconnect();
  });
});
