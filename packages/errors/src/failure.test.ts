import {
  DependencyDownError,
  describeError,
  FAILURE,
  failureOf,
  PermanentError,
  TransientError,
  withFailure,
} from './failure';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('failureOf', () => {
  it('reads the meaning our own errors carry', () => {
    expect(failureOf(new PermanentError('no such task'))).toEqual({
      kind: 'permanent',
      reason: 'no such task',
    });
    expect(failureOf(new TransientError('flood wait', 3))).toEqual({
      kind: 'transient',
      reason: 'flood wait',
      retryAfterSeconds: 3,
    });
    expect(failureOf(new TransientError('try later'))).toEqual({ kind: 'transient', reason: 'try later' });
    expect(failureOf(new DependencyDownError('broker', 'not connected'))).toEqual({
      kind: 'dependency-down',
      reason: 'not connected',
      dependency: 'broker',
    });
  });

  it('reads a tag on a library error without changing its name or message', () => {
    const error = withFailure(new RangeError('message is not modified'), {
      kind: 'done',
      reason: 'same text',
    });
    expect(failureOf(error)).toEqual({ kind: 'done', reason: 'same text' });
    expect(describeError(error)).toBe('RangeError: message is not modified');
    expect(Object.getOwnPropertyDescriptor(error, FAILURE)?.enumerable).toBe(false);
  });

  it('takes the first meaning down the cause chain', () => {
    const wrapped = new Error('reply failed', { cause: new PermanentError('chat was deleted') });
    expect(failureOf(wrapped).kind).toBe('permanent');
    const outer = new PermanentError('refused', { cause: new TransientError('reset') });
    expect(failureOf(outer).kind).toBe('permanent');
  });

  it('counts an unclassified lost connection as a dependency that is down', () => {
    const failure = failureOf(
      new Error('query failed', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') }),
    );
    expect(failure.kind).toBe('dependency-down');
    expect(failure).not.toHaveProperty('dependency');
  });

  it('gives anything else its retries', () => {
    expect(failureOf(new TypeError('undefined is not a function')).kind).toBe('transient');
    expect(failureOf('a string').kind).toBe('transient');
  });
});

describe('describeError', () => {
  it('names the error and says its message', () => {
    expect(describeError(new PermanentError('chat was deleted'))).toBe('PermanentError: chat was deleted');
    expect(describeError(42)).toBe('42');
  });
});
