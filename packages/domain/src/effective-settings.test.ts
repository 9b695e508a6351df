import {
  assumedZone,
  effectiveSettings,
  hasChosenZone,
  NOTHING_CHOSEN,
  type StoredSettings,
} from './effective-settings';
import { leadMinutesFor } from './reminder-time';

const DEFAULTS = { timeZone: 'Europe/Berlin', leadMinutes: 15 };

describe("a person's settings in effect", () => {
  it('are the defaults, in English, for someone who chose nothing', () => {
    expect(effectiveSettings(NOTHING_CHOSEN, DEFAULTS)).toEqual({
      language: 'en',
      timeZone: 'Europe/Berlin',
      leadMinutes: 15,
      digestTime: null,
      quietStart: null,
      quietEnd: null,
    });
  });

  it("speak Telegram's language until the person picks one", () => {
    expect(effectiveSettings({ ...NOTHING_CHOSEN, languageCode: 'ru-RU' }, DEFAULTS).language).toBe('ru');
    expect(
      effectiveSettings({ ...NOTHING_CHOSEN, languageCode: 'ru', language: 'en' }, DEFAULTS).language,
    ).toBe('en');
  });

  it("are the person's own choices where they made them", () => {
    const chosen: StoredSettings = {
      languageCode: 'en',
      language: 'ru',
      timeZone: 'Asia/Tokyo',
      reminderLeadMinutes: 0,
      digestTime: '08:00',
      quietStart: '22:00',
      quietEnd: '07:00',
    };
    expect(effectiveSettings(chosen, DEFAULTS)).toEqual({
      language: 'ru',
      timeZone: 'Asia/Tokyo',
      leadMinutes: 0,
      digestTime: '08:00',
      quietStart: '22:00',
      quietEnd: '07:00',
    });
  });

  it('take a stored value that does not parse as unset', () => {
    const broken: StoredSettings = {
      ...NOTHING_CHOSEN,
      languageCode: 'ru',
      language: 'xx',
      timeZone: 'Mars/Olympus',
      digestTime: '25:00',
      quietStart: 'late',
      quietEnd: '07:00',
    };
    // A zone that does not parse is no choice: the guess from the language (Moscow for Russian).
    expect(effectiveSettings(broken, DEFAULTS)).toEqual({
      language: 'ru',
      timeZone: 'Europe/Moscow',
      leadMinutes: 15,
      digestTime: null,
      quietStart: null,
      quietEnd: '07:00',
    });
  });

  it('read time in the zone guessed from Telegram’s language until the person chooses one', () => {
    const russian = { ...NOTHING_CHOSEN, languageCode: 'ru' };
    expect(effectiveSettings(russian, DEFAULTS).timeZone).toBe('Europe/Moscow');
    expect(hasChosenZone(russian)).toBe(false);
    // A language spoken across many zones gives no guess: the configured default stays.
    expect(effectiveSettings({ ...NOTHING_CHOSEN, languageCode: 'en' }, DEFAULTS).timeZone).toBe(
      'Europe/Berlin',
    );
    expect(assumedZone({ languageCode: 'de' }, DEFAULTS)).toBe('Europe/Berlin');
    const chosen = { ...russian, timeZone: 'Asia/Omsk' };
    expect(effectiveSettings(chosen, DEFAULTS).timeZone).toBe('Asia/Omsk');
    expect(hasChosenZone(chosen)).toBe(true);
    expect(hasChosenZone({ timeZone: 'Mars/Olympus' })).toBe(false);
  });

  it("take the lead time by the reminders' rule: the person's own, even none at all, else the default", () => {
    for (const chosen of [null, 0, 45]) {
      expect(
        effectiveSettings({ ...NOTHING_CHOSEN, reminderLeadMinutes: chosen }, DEFAULTS).leadMinutes,
      ).toBe(leadMinutesFor(chosen, DEFAULTS.leadMinutes));
    }
  });
});
