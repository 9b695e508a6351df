import { normalizeClock, parseQuietRange, parseSettingsCommand, parseSettingValue } from './settings-input';
import { isValidTimeZone } from './time-zone';

describe('settings typed as text', () => {
  it.each([
    ['tz Europe/Moscow', { setting: 'timeZone', value: 'Europe/Moscow' }],
    ['lang ru', { setting: 'language', value: 'ru' }],
    ['LANGUAGE EN', { setting: 'language', value: 'en' }],
    ['lead 30', { setting: 'lead', value: 30 }],
    ['lead 0', { setting: 'lead', value: 0 }],
    ['digest 8:30', { setting: 'digest', value: '08:30' }],
    ['digest off', { setting: 'digest', value: null }],
    ['quiet 22:00-07:00', { setting: 'quiet', value: { start: '22:00', end: '07:00' } }],
    ['quiet 23.00 – 8.00', { setting: 'quiet', value: { start: '23:00', end: '08:00' } }],
    ['quiet выкл', { setting: 'quiet', value: null }],
  ])('%s', (args, change) => {
    expect(parseSettingsCommand(args, isValidTimeZone)).toEqual({ ok: true, change });
  });

  it.each([
    ['tz Mars/Olympus', 'timeZone'],
    ['tz +03:00', 'timeZone'],
    ['lead 10081', 'lead'],
    ['lead -5', 'lead'],
    ['lead 1.5', 'lead'],
    ['digest 24:00', 'clock'],
    ['digest 25:61', 'clock'],
    ['quiet 22:00', 'quiet'],
    ['quiet 22:00-22:00', 'quiet'],
    ['lang de', 'usage'],
    ['colour blue', 'usage'],
    ['constructor x', 'usage'],
    ['tz', 'usage'],
  ])('refuses %s with a reason (%s)', (args, error) => {
    expect(parseSettingsCommand(args, isValidTimeZone)).toMatchObject({ ok: false, error });
  });

  it('reads clocks and ranges on their own', () => {
    expect(normalizeClock('7:05')).toBe('07:05');
    expect(normalizeClock('7:5')).toBeNull();
    expect(parseQuietRange('00:00-09:00')).toEqual({ start: '00:00', end: '09:00' });
    expect(parseSettingValue('timeZone', 'x'.repeat(65), () => true)).toMatchObject({ ok: false });
  });
});
