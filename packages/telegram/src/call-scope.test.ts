import { callScope, inCallScope } from './call-scope';

describe('call scope', () => {
  it('names the job for everything it awaits, however deep', async () => {
    const seen = await inCallScope('update:7', 'reply', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return Promise.all([1, 2].map(async () => callScope.getStore()?.key));
    });
    expect(seen).toEqual(['update:7', 'update:7']);
  });

  it('starts each job at ordinal 0 and keeps jobs apart', async () => {
    const a = inCallScope('update:1', 'reply', async () => callScope.getStore());
    const b = inCallScope('notice:5', 'own', async () => callScope.getStore());
    expect(await a).toEqual({ key: 'update:1', initiative: 'reply', ordinal: 0 });
    expect(await b).toEqual({ key: 'notice:5', initiative: 'own', ordinal: 0 });
  });

  it('is absent outside a job', () => {
    expect(callScope.getStore()).toBeUndefined();
  });

  it('refuses a job without a key', () => {
    expect(() => inCallScope('', 'reply', () => 1)).toThrow('non-empty job key');
  });
});
