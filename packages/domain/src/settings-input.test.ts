import { normalizeClock, parseQuietRange, parseSettingsCommand, parseSettingValue } from './settings-input';

describe('settings typed as text', () => {
  it.each([
    ['tz Europe/Moscow', { setting: 'timeZone', value: 'Europe/Moscow' }],
    ['tz europe/moscow', { setting: 'timeZone', value: 'Europe/Moscow' }],
    ['tz Новосибирск', { setting: 'timeZone', value: 'Asia/Novosibirsk' }],
    ['tz New York', { setting: 'timeZone', value: 'America/New_York' }],
    ['tz +03:00', { setting: 'timeZone', value: 'Etc/GMT-3' }],
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
    expect(parseSettingsCommand(args)).toEqual({ ok: true, change });
  });

  it.each([
    ['tz Mars/Olympus', 'timeZone'],
    ['tz Atlantis', 'timeZone'],
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
    expect(parseSettingsCommand(args)).toMatchObject({ ok: false, error });
  });

  it('reads clocks and ranges on their own', () => {
    expect(normalizeClock('7:05')).toBe('07:05');
    expect(normalizeClock('7:5')).toBeNull();
    expect(parseQuietRange('00:00-09:00')).toEqual({ start: '00:00', end: '09:00' });
    expect(parseSettingValue('timeZone', 'x'.repeat(65))).toMatchObject({ ok: false });
  });
});
