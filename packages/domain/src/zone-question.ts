// The question that asks a person's time zone (at first contact, and from the settings screen):
// its text, the buttons of the zones offered, and what the bot says once a zone is chosen.
//
// Zone buttons have button data of their own, `tz:<zone>` in the question and `tzs:<zone>` on the
// settings screen (which goes back to the settings once pressed); the zone is an IANA name, checked
// again on every press, so forged data can only choose a real zone for the presser.
import type { Language } from './language';
import { t } from './texts';
import { canonicalTimeZone, formatLocal, zonedParts } from './time-zone';
import type { Button, View } from './views';
import { zoneChoices } from './zone-choice';

export interface ZoneButton {
  timeZone: string;
  /** Pressed on the settings screen rather than in the question. */
  screen: boolean;
}

const ZONE_BUTTON = /^tz(s?):([A-Za-z][A-Za-z0-9_+\-/]{0,60})$/;
const BUTTONS_PER_ROW = 3;

export function encodeZoneButton({ timeZone, screen }: ZoneButton): string {
  return `tz${screen ? 's' : ''}:${timeZone}`;
}

/** The zone a button stands for, or undefined for data that is not a zone button or no known zone. */
export function decodeZoneButton(data: string | undefined): ZoneButton | undefined {
  const match = data ? ZONE_BUTTON.exec(data) : null;
  const timeZone = match?.[2] ? canonicalTimeZone(match[2]) : undefined;
  return match && timeZone ? { timeZone, screen: match[1] === 's' } : undefined;
}

function zoneKeyboard(lang: Language, screen: boolean): Button[][] {
  const buttons = zoneChoices(lang).map(({ label, timeZone }) => ({
    text: label,
    callbackData: encodeZoneButton({ timeZone, screen }),
  }));
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW) rows.push(buttons.slice(i, i + BUTTONS_PER_ROW));
  return rows;
}

/** The question with a button for each zone of the person's language; `intro` (a greeting) goes first. */
export function zoneQuestionView(lang: Language, intro?: string): View {
  const question = t(lang, 'zoneQuestion');
  return { text: intro ? `${intro}\n\n${question}` : question, keyboard: zoneKeyboard(lang, false) };
}

/** The settings screen's zone choice: the same buttons, and `back` to the settings. */
export function zoneScreenView(lang: Language, back: Button): View {
  return { text: t(lang, 'zoneChoose'), keyboard: [...zoneKeyboard(lang, true), [back]] };
}

/**
 * A zone as people say it: the city of its button in their language, "UTC+3" for a fixed offset,
 * else the last part of its name ("America/Argentina/Buenos_Aires" is "Buenos Aires").
 */
export function zoneName(lang: Language, timeZone: string): string {
  const choice = zoneChoices(lang).find((zone) => zone.timeZone === timeZone);
  if (choice) return choice.label;
  const offset = /^Etc\/GMT([+-])(\d{1,2})$/.exec(timeZone);
  // Etc/GMT names are signed the POSIX way: Etc/GMT-3 is three hours ahead of UTC.
  if (offset) return `UTC${offset[1] === '-' ? '+' : '−'}${offset[2]}`;
  return (timeZone.split('/').at(-1) ?? timeZone).replace(/_/g, ' ');
}

const clockAt = (instant: Date, timeZone: string): string => {
  const { hour, minute } = zonedParts(instant, timeZone);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
};

/**
 * "Time zone: Europe/Moscow (Москва). It is 14:05 there now." `label` is what the person typed
 * the zone as ("New York"), when they typed it.
 */
export function zoneChosenText(lang: Language, timeZone: string, now: Date, label?: string): string {
  const name = label ?? zoneName(lang, timeZone);
  const zone = name === timeZone ? timeZone : `${timeZone} (${name})`;
  return t(lang, 'zoneChosen', { zone, time: clockAt(now, timeZone) });
}

/**
 * The one-time note on the first dated task of someone who never chose: "Read as 09:00 Moscow
 * time", or for a whole day "Read as Sat 6 Dec Moscow time".
 */
export function zoneNoteText(lang: Language, due: { at: Date; hasTime: boolean }, timeZone: string): string {
  const time = due.hasTime ? clockAt(due.at, timeZone) : formatLocal(due.at, timeZone, lang, { time: false });
  return t(lang, 'zoneNote', { time, zone: zoneName(lang, timeZone) });
}
