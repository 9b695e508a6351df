import { languageOf } from './language';
import { leadMinutesFor } from './reminder-time';
import type { EffectiveSettings } from './settings-view';
import { isValidTimeZone, parseClock } from './time-zone';
import { guessTimeZone } from './zone-choice';

/** What a person chose, as stored: null where they chose nothing. */
export interface StoredSettings {
  /** Telegram's language_code, used when the person did not pick a language. */
  languageCode: string | null;
  language: string | null;
  timeZone: string | null;
  reminderLeadMinutes: number | null;
  digestTime: string | null;
  quietStart: string | null;
  quietEnd: string | null;
}

/** The settings of someone who chose nothing (and of a shared sender account, which is nobody). */
export const NOTHING_CHOSEN: Readonly<StoredSettings> = {
  languageCode: null,
  language: null,
  timeZone: null,
  reminderLeadMinutes: null,
  digestTime: null,
  quietStart: null,
  quietEnd: null,
};

/** What replies need of a person's settings in effect: their clock and their reminders' lead time. */
export type PersonSettings = Pick<EffectiveSettings, 'timeZone' | 'leadMinutes'>;

/** The configured defaults (DEFAULT_TIME_ZONE, DEFAULT_REMINDER_LEAD_MINUTES). */
export interface SettingDefaults {
  timeZone: string;
  leadMinutes: number;
}

const clockOrNull = (value: string | null) => (value !== null && parseClock(value) ? value : null);

/** Whether the person chose a time zone that is still known (else the bot assumes one). */
export function hasChosenZone(user: Pick<StoredSettings, 'timeZone'>): boolean {
  return user.timeZone !== null && isValidTimeZone(user.timeZone);
}

/**
 * The zone assumed for someone who did not choose: the guess from their Telegram language
 * (Russian: Moscow) where the language gives one, else the configured DEFAULT_TIME_ZONE.
 */
export function assumedZone(user: Pick<StoredSettings, 'languageCode'>, defaults: SettingDefaults): string {
  const guess = guessTimeZone(user.languageCode);
  return guess === 'UTC' ? defaults.timeZone : guess;
}

/**
 * A person's settings in effect, the same for a reply, the settings screen, a reminder and a
 * digest: their own choices, else the defaults (the zone guessed from their language first). A stored value that does not parse (a language
 * other than en/ru, a time zone no longer known, a clock out of range) counts as unset, so one bad
 * row can neither stop everyone's reminders nor break that person's replies. Every place that
 * needs a person's settings (ctx.sender(), the settings screens, the scheduler, reminders and
 * digests) asks this, with the configured defaults.
 */
export function effectiveSettings(user: StoredSettings, defaults: SettingDefaults): EffectiveSettings {
  return {
    language:
      user.language === 'en' || user.language === 'ru' ? user.language : languageOf(user.languageCode),
    timeZone: hasChosenZone(user) && user.timeZone ? user.timeZone : assumedZone(user, defaults),
    leadMinutes: leadMinutesFor(user.reminderLeadMinutes, defaults.leadMinutes),
    digestTime: clockOrNull(user.digestTime),
    quietStart: clockOrNull(user.quietStart),
    quietEnd: clockOrNull(user.quietEnd),
  };
}
