import { isLocalBroker, policyArguments } from './broker-policy';

describe('the queue-version policy the bench sets', () => {
  it('applies queue-version 2 to the bench queues only', () => {
    expect(policyArguments()).toEqual([
      'set_policy',
      '--apply-to',
      'queues',
      'bench-cqv2',
      '^bench_',
      '{"queue-version":2}',
    ]);
  });

  it('is set only on a broker of this machine', () => {
    expect(isLocalBroker('amqp://guest:guest@127.0.0.1:5672')).toBe(true);
    expect(isLocalBroker('amqp://localhost')).toBe(true);
    expect(isLocalBroker('amqp://rabbit.internal:5672')).toBe(false);
  });
});
