import type { BusMessage } from './bus-message';
import {
  allRetryDelays,
  checkJob,
  JOB_KINDS,
  JobRefusedError,
  retryDelaysOf,
  type Sender,
} from './job-catalogue';
import type { RoutingKey } from './topology';

const update: BusMessage = {
  kind: 'update',
  update: { update_id: 7, message: { message_id: 1, chat: { id: 42, type: 'private' }, text: '/tasks' } },
  receivedAt: '2026-12-05T00:00:00.000Z',
};
const reminder: BusMessage = {
  kind: 'reminder',
  taskId: 3,
  chatId: 42,
  remindAt: '2026-12-05T09:00:00.000Z',
};

describe('the job catalogue', () => {
  it('lists every kind the bus carries', () => {
    expect([...JOB_KINDS].sort()).toEqual(['digest', 'notice', 'reminder', 'update']);
  });

  it('lets a job of a known kind through from its sender on a route it travels', () => {
    expect(() => checkJob(update, 'gateway', 'command')).not.toThrow();
    expect(() => checkJob(update, 'gateway', 'callback')).not.toThrow();
    expect(() => checkJob(reminder, 'scheduler', 'outgoing')).not.toThrow();
  });

  it.each<[string, unknown, Sender, RoutingKey, RegExp]>([
    [
      'an unknown kind',
      { kind: 'gossip' },
      'gateway',
      'command',
      /kind "gossip".*the kinds are update, notice/,
    ],
    ['a body without a kind', null, 'gateway', 'command', /kind undefined/],
    ['a malformed job', { ...reminder, taskId: -1 }, 'scheduler', 'outgoing', /invalid reminder job: taskId/],
    ['a sender the kind does not allow', reminder, 'gateway', 'outgoing', /from the gateway: only scheduler/],
    [
      'a route the kind does not travel',
      reminder,
      'scheduler',
      'command',
      /on the command route: it travels on outgoing/,
    ],
    ['an update on the outgoing route', update, 'gateway', 'outgoing', /travels on command, callback, other/],
  ])('refuses %s with a permanent error that says what is wrong', (_what, job, sender, route, message) => {
    const check = () => checkJob(job, sender, route);
    expect(check).toThrow(JobRefusedError);
    expect(check).toThrow(message);
  });

  it('takes RETRY_DELAYS_MS for the kinds that say configured, and a delay queue for each delay', () => {
    expect(retryDelaysOf('update', [5_000, 30_000])).toEqual([5_000, 30_000]);
    expect(retryDelaysOf('reminder', [100])).toEqual([100]);
    expect(allRetryDelays([5_000, 30_000, 5_000])).toEqual([5_000, 30_000]);
  });
});
