import { duePresetInstant, localDayRange, startOfLocalWeek } from './due-presets';
import { parseQuickAdd } from './quick-add';

// Saturday 13 March 2027: 18:00 in Moscow (UTC+3), 10:00 in New York (UTC-5), whose clocks jump
// from 02:00 to 03:00 (UTC-4) the coming night.
const NOW = new Date('2027-03-13T15:00:00Z');
const ZONES = ['Europe/Moscow', 'America/New_York'];

function typed(text: string, timeZone: string): Date | undefined {
  const parsed = parseQuickAdd(text, { now: NOW, timeZone });
  if (!parsed.ok) throw new Error(`"${text}" did not parse: ${parsed.error}`);
  return parsed.due?.at;
}

describe('the due buttons', () => {
  it.each(ZONES)('mean what typing the same day means in quick-add, in both languages (%s)', (zone) => {
    const cases: Array<['today' | 'tomorrow' | 'nextWeek', string[]]> = [
      ['today', ['Pay rent today', 'Заплатить сегодня']],
      ['tomorrow', ['Pay rent tomorrow', 'Заплатить завтра']],
      ['nextWeek', ['Pay rent next week', 'Заплатить на следующей неделе']],
    ];
    for (const [preset, texts] of cases) {
      for (const text of texts) {
        expect(duePresetInstant(preset, NOW, zone)).toEqual(typed(text, zone));
      }
    }
  });

  it('store a whole day as 23:59 of that local day', () => {
    expect(duePresetInstant('today', NOW, 'Europe/Moscow')?.toISOString()).toBe('2027-03-13T20:59:00.000Z');
    expect(duePresetInstant('tomorrow', NOW, 'Europe/Moscow')?.toISOString()).toBe(
      '2027-03-14T20:59:00.000Z',
    );
    // New York moves its clocks forward in the night: tomorrow 23:59 is UTC-4.
    expect(duePresetInstant('tomorrow', NOW, 'America/New_York')?.toISOString()).toBe(
      '2027-03-15T03:59:00.000Z',
    );
  });

  it('take next week as next Monday', () => {
    expect(duePresetInstant('nextWeek', NOW, 'Europe/Moscow')?.toISOString()).toBe(
      '2027-03-15T20:59:00.000Z',
    );
  });

  it('clear the due date with "none"', () => {
    expect(duePresetInstant('none', NOW, 'Europe/Moscow')).toBeNull();
  });
});

describe('local days and weeks', () => {
  it('today is the person’s local day, start included, end excluded', () => {
    expect(localDayRange(NOW, 'Europe/Moscow')).toEqual({
      start: new Date('2027-03-12T21:00:00Z'),
      end: new Date('2027-03-13T21:00:00Z'),
    });
    // Friday 20:00 in New York is already Saturday in UTC.
    const evening = new Date('2027-03-13T01:00:00Z');
    expect(localDayRange(evening, 'America/New_York')).toEqual({
      start: new Date('2027-03-12T05:00:00Z'),
      end: new Date('2027-03-13T05:00:00Z'),
    });
  });

  it('a week starts on Monday at local midnight', () => {
    expect(startOfLocalWeek(NOW, 'Europe/Moscow')).toEqual(new Date('2027-03-07T21:00:00Z'));
    expect(startOfLocalWeek(NOW, 'America/New_York')).toEqual(new Date('2027-03-08T05:00:00Z'));
  });
});
