import { execFile } from 'node:child_process';
import path from 'node:path';
import { Task } from '@taskbot/db/entities/Task';
import { privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { HEADERS } from '@taskbot/messaging/headers';
import { topology } from '@taskbot/messaging/topology';
import { waitFor } from '../support/amqp';
import { kindDepth, queueDepth, STACK_PARTITIONS } from '../support/broker';
import { REPO_ROOT, TEST_SECRET } from '../support/stack';
import { useStack } from '../support/use-stack';

// An operator's day with a failed job, with the three services and the CLI as separate processes:
// Telegram's API fails, the update is retried and then rests in the dead-letter queue; the
// operator lists it, the API recovers, `retry all` puts it back, and the user gets the reply once.

const CLI = path.join(REPO_ROOT, 'apps', 'ops', 'dist', 'queue-cli.js');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

describe('a job that failed for good, listed and retried with the queue CLI', () => {
  const system = useStack('failedjobs_e2e');
  const { fake, prefix } = system;
  const { queues, deadQueue: deadQueueOf } = topology(prefix);
  const deadQueue = deadQueueOf(queues.commands);
  const carol = user(5_560_001, { first_name: 'Carol', language_code: 'en', username: 'carol' });
  const chat = privateChat(carol);

  /** Runs the CLI as an operator does, against the stack's broker and queues. */
  const cli = (...args: string[]) =>
    new Promise<CliRun>((resolve) => {
      execFile(
        process.execPath,
        [CLI, ...args],
        {
          cwd: REPO_ROOT,
          env: {
            PATH: process.env.PATH ?? '',
            RABBITMQ_URL: process.env.RABBITMQ_URL ?? '',
            QUEUE_PREFIX: prefix,
            QUEUE_PARTITIONS: String(STACK_PARTITIONS),
          },
        },
        (error, stdout, stderr) => {
          const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        },
      );
    });

  const repliesToCarol = (fragment: string) =>
    fake
      .callsOf('sendMessage')
      .filter((c) => c.payload.chat_id === chat.id && String(c.payload.text).includes(fragment));

  it('dead-letters after 3 attempts, shows it in the table, and a retry delivers the reply once', async () => {
    // Every attempt (1 + the two retries of RETRY_DELAYS_MS=200,400) meets a Telegram 500.
    fake.failNext('sendMessage', { code: 500, description: 'Internal Server Error' }, 3);
    const update = textMessage({ chat, from: carol, text: '/add Water the plants' });
    const response = await fetch(`${system.stack().gatewayUrl}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);

    await waitFor('the update in the dead-letter queue', async () => (await queueDepth(deadQueue)) === 1);
    const attempts = repliesToCarol('Water the plants');
    expect(attempts.map((c) => c.response.ok)).toEqual([false, false, false]);
    // Carol hears once that her /add did not work and that nothing is lost.
    const notice = await fake.waitForCall(
      'sendMessage',
      (c) => c.payload.chat_id === chat.id && String(c.payload.text).includes('your /add did not work'),
    );
    expect(String(notice.payload.text)).toContain('nothing is lost');

    const listing = await cli('failed');
    expect(listing).toMatchObject({ code: 0, stderr: '' });
    const row = listing.stdout.split('\n').find((line) => line.includes('/add Water the plants'));
    expect(row).toContain(queues.commands);
    expect(row).toContain(`message chat ${chat.id} @carol (${chat.id}): /add Water the plants`);
    expect(row).toContain('500');
    expect(row).toMatch(/ 3 {2}/);
    expect(listing.stdout).toContain('1 failed job.');
    const id = row?.split(' ')[0] ?? '';
    expect(id).toMatch(/^[0-9a-f]{12}$/);

    const shown = await cli('failed', 'show', id);
    expect(shown.code).toBe(0);
    const job = JSON.parse(shown.stdout);
    expect(job).toMatchObject({
      id,
      messageId: `update:${update.update_id}`,
      attempts: 3,
      body: { kind: 'update', update: { update_id: update.update_id } },
      headers: { [HEADERS.attempt]: 3 },
    });

    const wrong = await cli('retry', 'ffffffffffff');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('no failed job with id ffffffffffff; nothing was changed');
    expect(await queueDepth(deadQueue)).toBe(1);

    // Telegram is healthy again (the queued failures are used up).
    const retried = await cli('retry', 'all');
    expect(retried).toMatchObject({ code: 0, stderr: '' });
    expect(retried.stdout).toContain(`Retried ${id} on ${queues.commands}.`);
    expect(retried.stdout).toContain('Retried 1 job.');

    const reply = await fake.waitForCall(
      'sendMessage',
      (c) =>
        c.response.ok && c.payload.chat_id === chat.id && String(c.payload.text).includes('Water the plants'),
    );
    expect(reply.response.ok).toBe(true);
    await waitFor('the work queues to be empty', async () => (await kindDepth(prefix, 'commands')) === 0);
    expect(await cli('failed')).toMatchObject({ code: 0, stdout: 'No failed jobs.\n' });
    expect(repliesToCarol('Water the plants').filter((c) => c.response.ok)).toHaveLength(1);
    expect(repliesToCarol('did not work')).toHaveLength(1);
    const tasks = await system
      .database()
      .dataSource.getRepository(Task)
      .findBy({ title: 'Water the plants' });
    expect(tasks).toHaveLength(1);
  });
});
