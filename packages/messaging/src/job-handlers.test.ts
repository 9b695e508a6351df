import { PermanentError } from '@taskbot/errors/failure';
import type { BusMessage } from './bus-message';
import { dispatchJobs, type JobHandlers, notHandledHere } from './job-handlers';

const notice: BusMessage = { kind: 'notice', notice: 'rate_limited', chatId: 4, userId: 4 };
const digest: BusMessage = { kind: 'digest', userId: 4, chatId: 4, localDate: '2026-12-05' };

describe('a worker’s handler map', () => {
  const seen: string[] = [];
  const handlers: JobHandlers<{ who: string }> = {
    update: async (job, context) => void seen.push(`update ${job.update.update_id} for ${context.who}`),
    notice: async (job, context) => void seen.push(`notice to ${job.chatId} for ${context.who}`),
    reminder: notHandledHere('reminders are sent by the command worker'),
    digest: notHandledHere('digests are sent by the command worker'),
  };
  const run = dispatchJobs(handlers);

  it('runs each job with its kind’s handler and context', async () => {
    await run(notice, { who: 'test' });
    expect(seen).toEqual(['notice to 4 for test']);
  });

  it('refuses a kind the map says this worker does not take, as permanent, saying where it belongs', async () => {
    const refused = run(digest, { who: 'test' });
    await expect(refused).rejects.toBeInstanceOf(PermanentError);
    await expect(refused).rejects.toThrow(
      'this worker does not take digest jobs: digests are sent by the command worker',
    );
  });
});
