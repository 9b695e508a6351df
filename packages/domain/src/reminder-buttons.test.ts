import { decodeReminderAction, encodeReminderAction, type ReminderAction } from './reminder-buttons';

describe('reminder button data', () => {
  it.each<ReminderAction>([
    { action: 'remind', taskId: 7 },
    { action: 'snooze', taskId: 42, kind: '15m' },
    { action: 'snooze', taskId: 42, kind: '1h' },
    { action: 'snooze', taskId: 2 ** 31 - 1, kind: 'tomorrow' },
    { action: 'snooze', taskId: 9, kind: '1h', onCard: true },
  ])('round-trips %p within Telegram’s 64 bytes', (action) => {
    const data = encodeReminderAction(action);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(decodeReminderAction(data)).toEqual(action);
  });

  it('spells the data compactly', () => {
    expect(encodeReminderAction({ action: 'remind', taskId: 5 })).toBe('r:5');
    expect(encodeReminderAction({ action: 'snooze', taskId: 5, kind: 'tomorrow' })).toBe('z:5:tm');
  });

  it.each([
    undefined,
    '',
    'r:',
    'r:0',
    'r:-3',
    'r:01',
    'z:5',
    'z:5:',
    'z:5:2h',
    'z:5:tomorrow',
    'z:0:15m',
    'z:5:15m:x',
    'z:5:15m:c:c',
    'z:5:15mc',
    'z:99999999999:1h',
    'r:2147483648',
    'd:5',
    `z:${'1'.repeat(70)}:1h`,
    'constructor',
  ])('refuses data that is not a reminder action: %p', (data) => {
    expect(decodeReminderAction(data)).toBeUndefined();
  });
});
