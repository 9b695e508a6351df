import { t } from './texts';
import {
  decodeZoneButton,
  encodeZoneButton,
  zoneChosenText,
  zoneName,
  zoneNoteText,
  zoneQuestionView,
  zoneScreenView,
} from './zone-question';

describe('the time zone question', () => {
  it('offers the zones of the person’s language as buttons, after a greeting', () => {
    const view = zoneQuestionView('ru', 'Привет!');
    expect(view.text).toMatch(/^Привет!\n\n🌍 <b>В каком вы часовом поясе/);
    const labels = view.keyboard?.flat().map((button) => button.text);
    expect(labels).toEqual(expect.arrayContaining(['Калининград', 'Москва', 'Камчатка', 'Минск', 'Баку']));
    const moscow = view.keyboard?.flat().find((button) => button.text === 'Москва');
    expect(decodeZoneButton(moscow?.callbackData)).toEqual({ timeZone: 'Europe/Moscow', screen: false });
  });

  it('has the same buttons on the settings screen, which lead back to the settings', () => {
    const back = { text: '⬅️', callbackData: 's' };
    const view = zoneScreenView('en', back);
    expect(view.keyboard?.at(-1)).toEqual([back]);
    const berlin = view.keyboard?.flat().find((button) => button.text === 'Berlin');
    expect(decodeZoneButton(berlin?.callbackData)).toEqual({ timeZone: 'Europe/Berlin', screen: true });
    for (const button of view.keyboard?.flat() ?? []) {
      expect(Buffer.byteLength(button.callbackData)).toBeLessThanOrEqual(64);
    }
  });

  it('refuses button data that names no zone', () => {
    for (const data of [
      'tz:Mars/Olympus',
      'tz:',
      'tzx:UTC',
      'tz:../etc',
      undefined,
      `tz:${'A'.repeat(70)}`,
    ]) {
      expect(decodeZoneButton(data)).toBeUndefined();
    }
    expect(decodeZoneButton(encodeZoneButton({ timeZone: 'Etc/GMT-3', screen: false }))).toEqual({
      timeZone: 'Etc/GMT-3',
      screen: false,
    });
  });

  it('names a zone by its city, its offset or the end of its name', () => {
    expect(zoneName('ru', 'Europe/Moscow')).toBe('Москва');
    expect(zoneName('en', 'Europe/Moscow')).toBe('Moscow');
    expect(zoneName('en', 'Etc/GMT-3')).toBe('UTC+3');
    expect(zoneName('en', 'Etc/GMT+4')).toBe('UTC−4');
    expect(zoneName('en', 'America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
  });

  it('confirms a choice with the zone and the time there now', () => {
    const now = new Date('2026-12-05T11:05:00Z');
    expect(zoneChosenText('en', 'Europe/Moscow', now)).toBe(
      '✅ Time zone: Europe/Moscow (Moscow). It is 14:05 there now.',
    );
    expect(zoneChosenText('ru', 'Asia/Novosibirsk', now, 'Новосибирск')).toBe(
      '✅ Часовой пояс: Asia/Novosibirsk (Новосибирск). Сейчас там 18:05.',
    );
    expect(zoneChosenText('en', 'UTC', now)).toBe('✅ Time zone: UTC. It is 11:05 there now.');
  });

  it('notes once how a date was read', () => {
    const due = { at: new Date('2026-12-06T06:00:00Z'), hasTime: true };
    expect(zoneNoteText('en', due, 'Europe/Moscow')).toBe(
      'ℹ️ Read as 09:00 Moscow time; /settings to change.',
    );
    const wholeDay = { at: new Date('2026-12-06T20:59:00Z'), hasTime: false };
    expect(zoneNoteText('en', wholeDay, 'Europe/Moscow')).toBe(
      'ℹ️ Read as Sun 6 Dec Moscow time; /settings to change.',
    );
    expect(zoneNoteText('ru', due, 'Europe/Moscow')).toBe(
      'ℹ️ Время 09:00 — по часовому поясу «Москва»; сменить — /settings.',
    );
    expect(t('en', 'btnSendLocation')).toBe('📍 Send my location');
  });
});
