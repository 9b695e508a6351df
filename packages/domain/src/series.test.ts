import { parseRRule } from './recurrence';
import { isWholeDay, nextDueOf, repeatFromPreset } from './series';
import { instantFromZoned } from './time-zone';

const zone = 'Europe/Moscow';
const at = (year: number, month: number, day: number, hour: number, minute = 0) =>
  instantFromZoned({ year, month, day, hour, minute }, zone);

describe('the rule a 🔁 button sets', () => {
  // 2026-12-09 is a Wednesday.
  const now = at(2026, 12, 7, 8);

  it('repeats the weekday and time of the due date weekly', () => {
    const set = repeatFromPreset('weekly', at(2026, 12, 9, 10), now, zone);
    expect(set?.repeat.rrule).toBe('FREQ=WEEKLY;BYDAY=WE;BYHOUR=10;BYMINUTE=0');
    expect(set?.dueAt).toEqual(at(2026, 12, 9, 10));
  });

  it('repeats a whole-day due date without a time, monthly on its day', () => {
    const set = repeatFromPreset('monthly', at(2026, 12, 9, 23, 59), now, zone);
    expect(set?.repeat.rrule).toBe('FREQ=MONTHLY;BYMONTHDAY=9');
  });

  it('gives a task without a due date the first occurrence from now', () => {
    const set = repeatFromPreset('weekdays', null, at(2026, 12, 12, 8), zone);
    expect(set?.repeat.rule).toEqual(parseRRule('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'));
    expect(set?.dueAt).toEqual(at(2026, 12, 14, 23, 59));
  });

  it('clears with "none"', () => {
    expect(repeatFromPreset('none', null, now, zone)).toBeUndefined();
  });

  it('tells a whole-day due date from a timed one', () => {
    expect(isWholeDay(at(2026, 12, 9, 23, 59), zone)).toBe(true);
    expect(isWholeDay(at(2026, 12, 9, 9), zone)).toBe(false);
  });
});

describe('the due date of the next occurrence', () => {
  const weekly = { recurrence: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0', dueAt: at(2026, 12, 7, 10) };

  it('follows the completed one when it is done on time or early', () => {
    expect(nextDueOf(weekly, weekly.dueAt, at(2026, 12, 7, 9), zone)).toEqual(at(2026, 12, 14, 10));
    expect(nextDueOf(weekly, weekly.dueAt, at(2026, 12, 5, 9), zone)).toEqual(at(2026, 12, 14, 10));
  });

  it('comes after now when the completed one is long overdue', () => {
    expect(nextDueOf(weekly, weekly.dueAt, at(2026, 12, 23, 9), zone)).toEqual(at(2026, 12, 28, 10));
  });

  it('keeps the phase of the series start for every 2 weeks', () => {
    const biweekly = { recurrence: 'FREQ=WEEKLY;INTERVAL=2', dueAt: at(2026, 12, 21, 23, 59) };
    expect(nextDueOf(biweekly, at(2026, 12, 7, 23, 59), at(2026, 12, 21, 12), zone)).toEqual(
      at(2027, 1, 4, 23, 59),
    );
  });

  it('has none for a one-off task', () => {
    expect(nextDueOf({ recurrence: null, dueAt: null }, null, new Date(), zone)).toBeUndefined();
  });
});
