import { renderStatusTable } from './queue-status';

describe('the queue:status table', () => {
  it('aligns numbers right, shows a rate only where it was measured, and counts the dead letters', () => {
    const table = renderStatusTable([
      {
        name: 'telegram-commands',
        role: 'work',
        kind: 'commands',
        messages: 12,
        consumers: 2,
        netRate: -1.5,
      },
      {
        name: 'telegram.retry.5000ms',
        role: 'retry',
        kind: undefined,
        messages: 3,
        consumers: 0,
        netRate: 0,
      },
      {
        name: 'telegram-commands.dead',
        role: 'dead',
        kind: 'commands',
        messages: 1,
        consumers: 0,
        netRate: 0.25,
      },
    ]);
    expect(table.split('\n')).toEqual([
      'QUEUE                   ROLE   MESSAGES  CONSUMERS  IN/S  OUT/S  NET/S',
      'telegram-commands       work         12          2     -      -   -1.5',
      'telegram.retry.5000ms   retry         3          0     -      -    0.0',
      'telegram-commands.dead  dead          1          0     -      -    0.3',
      '',
      '1 dead-lettered job (list them with pnpm queue:failed).',
    ]);
  });

  it('shows publish and deliver rates from the management API', () => {
    const table = renderStatusTable([
      {
        name: 'q',
        role: 'work',
        kind: 'commands',
        messages: 0,
        consumers: 1,
        publishRate: 4.25,
        deliverRate: 4,
      },
    ]);
    expect(table).toContain('q      work         0          1   4.3    4.0      -');
    expect(table).toContain('No dead-lettered jobs.');
  });
});
