import { decodeCallback } from './callback-data';
import { type EffectiveSettings, settingsView } from './settings-view';

const DEFAULTS: EffectiveSettings = {
  language: 'en',
  timeZone: 'UTC',
  leadMinutes: 15,
  digestTime: null,
  quietStart: null,
  quietEnd: null,
};

const labels = (view: ReturnType<typeof settingsView>) =>
  view.keyboard?.map((row) => row.map((button) => button.text));
const decoded = (view: ReturnType<typeof settingsView>) =>
  (view.keyboard ?? []).flat().map((button) => decodeCallback(button.callbackData));

describe('the settings view', () => {
  it('shows every setting in effect, with the buttons of the main menu', () => {
    const view = settingsView(DEFAULTS);
    expect(view.text).toBe(
      '⚙️ <b>Settings</b>\nLanguage: English\nTime zone: UTC\nRemind before due: 15 min\n' +
        'Daily digest: off\nQuiet hours: off',
    );
    expect(labels(view)).toEqual([
      ['🇷🇺 Русский', '🌍 Time zone'],
      ['⏰ Reminder', '🗓 Digest'],
      ['🌙 Quiet hours'],
    ]);
    expect(decoded(view)).toEqual([
      { action: 'settings', op: 'language', language: 'ru' },
      { action: 'settings', op: 'timeZone' },
      { action: 'settings', op: 'leadMenu' },
      { action: 'settings', op: 'digestMenu' },
      { action: 'settings', op: 'quietMenu' },
    ]);
  });

  it('speaks Russian and offers English back', () => {
    const view = settingsView({
      ...DEFAULTS,
      language: 'ru',
      timeZone: 'Europe/Moscow',
      leadMinutes: 60,
      digestTime: '08:30',
      quietStart: '22:00',
      quietEnd: '07:00',
    });
    expect(view.text).toBe(
      '⚙️ <b>Настройки</b>\nЯзык: Русский\nЧасовой пояс: Europe/Moscow\nНапоминать до срока: 60 мин\n' +
        'Ежедневная сводка: 08:30\nТихие часы: 22:00–07:00',
    );
    expect(decoded(view)[0]).toEqual({ action: 'settings', op: 'language', language: 'en' });
  });

  it('offers lead times, digest times and quiet hours as choices, with off, other and back', () => {
    const lead = settingsView(DEFAULTS, 'lead');
    expect(lead.text).toContain('How long before the due time');
    expect(labels(lead)).toEqual([
      ['0 min', '5 min', '15 min', '30 min'],
      ['60 min', '120 min', '1440 min'],
      ['⬅️ Back'],
    ]);
    expect(decoded(lead)).toContainEqual({ action: 'settings', op: 'lead', minutes: 1440 });

    const digest = settingsView(DEFAULTS, 'digest');
    expect(labels(digest)?.[1]).toEqual(['🚫 Off', '⌨️ Other…']);
    expect(decoded(digest)).toEqual(
      expect.arrayContaining([
        { action: 'settings', op: 'digest', time: '08:00' },
        { action: 'settings', op: 'digest', time: null },
        { action: 'settings', op: 'digestAsk' },
        { action: 'settings', op: 'menu' },
      ]),
    );

    const quiet = settingsView({ ...DEFAULTS, language: 'ru' }, 'quiet');
    expect(quiet.text).toContain('Когда мне молчать?');
    expect(decoded(quiet)).toEqual(
      expect.arrayContaining([
        { action: 'settings', op: 'quiet', start: '22:00', end: '07:00' },
        { action: 'settings', op: 'quiet', start: null, end: null },
        { action: 'settings', op: 'quietAsk' },
      ]),
    );
  });

  it('gives every button data within Telegram’s 64 bytes', () => {
    for (const mode of ['main', 'lead', 'digest', 'quiet'] as const) {
      for (const button of (settingsView(DEFAULTS, mode).keyboard ?? []).flat()) {
        expect(Buffer.byteLength(button.callbackData)).toBeLessThanOrEqual(64);
      }
    }
  });
});
