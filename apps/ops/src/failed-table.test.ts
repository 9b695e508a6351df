import type { FailedJob } from '@taskbot/messaging/failed-job';
import { renderFailedTable, renderJob } from './failed-table';

function job(overrides: Partial<FailedJob> = {}): FailedJob {
  return {
    id: '0123456789ab',
    queue: 'telegram-commands',
    kindQueue: 'telegram-commands',
    deadQueue: 'telegram-commands.dead',
    messageId: 'update:7',
    attempts: 3,
    error: 'TelegramError: 500: Internal Server Error',
    firstFailedAt: '2026-11-29T06:48:33.100Z',
    lastFailedAt: '2026-11-29T06:48:34.123Z',
    retryCount: 0,
    summary: 'message chat 7 @alice (7): /add Buy milk',
    body: { kind: 'update' },
    headers: {},
    properties: {} as FailedJob['properties'],
    ...overrides,
  };
}

describe('the failed-jobs table', () => {
  it('shows id, queue, update, error, attempts and failure time in aligned columns', () => {
    const table = renderFailedTable([
      job(),
      job({ id: 'ba9876543210', queue: 'telegram', attempts: undefined, lastFailedAt: undefined }),
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^ID {12}QUEUE {14}UPDATE {36}ERROR {38}ATTEMPTS {2}FAILED AT$/);
    expect(lines[1]).toContain('0123456789ab  telegram-commands  message chat 7 @alice (7): /add Buy milk');
    expect(lines[1]).toMatch(/Internal Server Error {2}3 {9}2026-11-29 06:48:34Z$/);
    expect(lines[2]).toMatch(/^ba9876543210 {2}telegram {11}message/);
    expect(lines[2]).toMatch(/Server Error {2}- {9}-$/);
    expect(lines.at(-1)).toBe('2 failed jobs.');
  });

  it('says so when there is nothing', () => {
    expect(renderFailedTable([])).toBe('No failed jobs.');
  });

  it('keeps each job on one line, whatever its error says', () => {
    const table = renderFailedTable([
      job({ error: `Error: line one\nline two\u001b[2J ${'x'.repeat(200)}` }),
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('Error: line one line two [2J x');
    expect(lines[1]).not.toContain('\u001b');
    expect(lines[1]).toContain('…');
  });
});

describe('one job in full', () => {
  it('is indented JSON in which no character can reorder the terminal', () => {
    const text = renderJob(job({ body: { text: 'abc\u202Edef\u001b' } }));
    expect(JSON.parse(text)).toMatchObject({ id: '0123456789ab', body: { text: 'abc\u202Edef\u001b' } });
    expect(text).toContain('abc\\u202edef\\u001b');
    expect(text).not.toContain('\u202E');
    expect(text).not.toContain('\u001b');
  });
});
