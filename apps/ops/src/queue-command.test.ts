import { parseQueueCommand, UsageError } from './queue-command';

const ID = '0123456789ab';
const OTHER = 'ba9876543210';

describe('reading the failed-jobs command line', () => {
  it('reads every command an operator runs', () => {
    expect(parseQueueCommand(['failed'])).toEqual({ name: 'failed' });
    expect(parseQueueCommand(['failed', 'show', ID])).toEqual({ name: 'show', id: ID });
    expect(parseQueueCommand(['retry', ID, OTHER])).toEqual({ name: 'retry', ids: [ID, OTHER] });
    expect(parseQueueCommand(['retry', 'all'])).toEqual({ name: 'retry', ids: 'all' });
    expect(parseQueueCommand(['forget', ID])).toEqual({ name: 'forget', id: ID });
    expect(parseQueueCommand(['flush'])).toEqual({ name: 'flush' });
    expect(parseQueueCommand(['--help'])).toEqual({ name: 'help' });
  });

  it('takes --queue before or after the ids, with a space or "="', () => {
    expect(parseQueueCommand(['retry', 'all', '--queue', 'telegram-commands'])).toEqual({
      name: 'retry',
      ids: 'all',
      queue: 'telegram-commands',
    });
    expect(parseQueueCommand(['retry', '--queue=telegram', ID])).toEqual({
      name: 'retry',
      ids: [ID],
      queue: 'telegram',
    });
  });

  it('ignores the "--" pnpm passes along, upper-case ids and repeated ids', () => {
    expect(parseQueueCommand(['retry', '--', ID.toUpperCase(), ID])).toEqual({ name: 'retry', ids: [ID] });
    expect(parseQueueCommand(['--', 'failed'])).toEqual({ name: 'failed' });
  });

  it.each([
    [[], 'no command given'],
    [['list'], 'unknown command: list'],
    [['failed', 'list'], 'unknown "failed" command: list'],
    [['failed', 'show'], 'failed show needs the id of a failed job'],
    [['failed', 'show', 'abc'], '"abc" is not a failed-job id'],
    [['failed', 'show', ID, OTHER], 'failed show takes no more arguments'],
    [['retry'], 'retry needs job ids or "all"'],
    [['retry', 'all', ID], 'either ids or "all"'],
    [['retry', 'all', '--queue'], '--queue needs a queue name'],
    [['retry', 'all', '--queue', 'a', '--queue', 'b'], '--queue may be given once'],
    [['retry', 'all', '--force'], 'retry has no option --force'],
    [['retry', 'xyz'], '"xyz" is not a failed-job id'],
    [['forget'], 'forget needs the id of a failed job'],
    [['forget', ID, OTHER], 'forget takes no more arguments'],
    [['flush', 'now'], 'flush takes no more arguments, got: now'],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseQueueCommand(argv)).toThrow(UsageError);
    expect(() => parseQueueCommand(argv)).toThrow(message);
  });
});
