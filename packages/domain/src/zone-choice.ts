// Choosing a person's time zone: the buttons by language, reading what they type (a city in
// Russian or English, an IANA name, or an offset such as "UTC+3", "+5:30", "GMT-4", "utc−3"),
// the zone at a shared location, and the guess from their Telegram language until they choose.
// Everything is offline: city-timezones (7,300 cities with their zones: every capital and large
// city, English names), a table of Russian names (zone-names.ts), and @photostructure/tz-lookup
// for coordinates. Zones come back as canonicalTimeZone spells them, so they can be stored as is.
// The two data sets are loaded on first use, not with the module: every worker reads dates, few
// updates ask for a city or a location, and together they hold about 10 MB.
import type lookupZoneAtFunction from '@photostructure/tz-lookup';
import type { cityMapping as CityMapping } from 'city-timezones';
import type { Language } from './language';
import { canonicalTimeZone } from './time-zone';
import { ENGLISH_CITY_ALIASES, RUSSIAN_CITY_ZONES, ZONE_CHOICES, type ZoneChoice } from './zone-names';

export type ZoneReading = { ok: true; timeZone: string; label: string } | { ok: false; error: 'not_found' };

const MAX_INPUT = 100;

/**
 * Offsets that are not whole hours have no Etc/GMT zone, and canonicalTimeZone takes IANA names
 * only: such an offset is read as the zone that keeps it (the first one listed keeps it all year).
 */
const PART_HOUR_ZONES: Record<string, string> = {
  '-9:30': 'Pacific/Marquesas',
  '-3:30': 'America/St_Johns',
  '+3:30': 'Asia/Tehran',
  '+4:30': 'Asia/Kabul',
  '+5:30': 'Asia/Kolkata',
  '+5:45': 'Asia/Kathmandu',
  '+6:30': 'Asia/Yangon',
  '+8:45': 'Australia/Eucla',
  '+9:30': 'Australia/Darwin',
  '+10:30': 'Australia/Lord_Howe',
  '+12:45': 'Pacific/Chatham',
};

/** Lower case, without accents (so ё is е and "São" is "sao"), punctuation and dashes as spaces. */
export function normalizePlaceName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.'’()]/g, '')
    .replace(/[\s\-‐–—_,]+/g, ' ')
    .trim();
}

// Built once from fixed data, so it is as large as the data and no larger, whatever people type.
let cityIndex: Map<string, { zone: string; label: string }> | undefined;

function cities(): Map<string, { zone: string; label: string }> {
  if (cityIndex) return cityIndex;
  const index = new Map<string, { zone: string; label: string; pop: number }>();
  // The most populous city of a name wins: "Moscow" is Russia's, not Idaho's.
  const { cityMapping } = require('city-timezones') as { cityMapping: typeof CityMapping };
  for (const city of cityMapping) {
    for (const name of [city.city, city.city_ascii]) {
      const key = normalizePlaceName(name);
      const known = index.get(key);
      if (!known || known.pop < city.pop)
        index.set(key, { zone: city.timezone, label: city.city, pop: city.pop });
    }
  }
  for (const [name, [zone, label]] of Object.entries(ENGLISH_CITY_ALIASES)) {
    index.set(normalizePlaceName(name), { zone, label, pop: 0 });
  }
  for (const [name, zone] of Object.entries(RUSSIAN_CITY_ZONES)) {
    // "Санкт-Петербург", "Нижний Новгород", "Ростов-на-Дону".
    const label = name.replace(/(^|[-\s])(\p{L}+)/gu, (_, before: string, word: string) =>
      word === 'на' ? before + word : before + word.charAt(0).toUpperCase() + word.slice(1),
    );
    index.set(normalizePlaceName(name), { zone, label, pop: 0 });
  }
  for (const choice of [...ZONE_CHOICES.ru, ...ZONE_CHOICES.en]) {
    index.set(normalizePlaceName(choice.label), { zone: choice.timeZone, label: choice.label, pop: 0 });
  }
  cityIndex = new Map([...index].map(([key, { zone, label }]) => [key, { zone, label }]));
  return cityIndex;
}

/** "UTC+3", "+5:30", "GMT-4", "utc−3", "+0530", "UTC" as a zone, or undefined when it is not an offset. */
function readOffset(text: string): ZoneReading | undefined {
  const match = /^(?:utc|gmt)?\s*([+\-−–])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const sign = match[1] === '+' ? 1 : -1;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  const label = `UTC${sign > 0 ? '+' : '−'}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
  if (minutes === 0) {
    if (hours === 0) return { ok: true, timeZone: 'UTC', label: 'UTC' };
    if (sign > 0 ? hours > 14 : hours > 12) return { ok: false, error: 'not_found' };
    // Etc/GMT names are signed the POSIX way: Etc/GMT-3 is three hours ahead of UTC.
    return { ok: true, timeZone: `Etc/GMT${sign > 0 ? '-' : '+'}${hours}`, label };
  }
  const zone = PART_HOUR_ZONES[`${sign > 0 ? '+' : '-'}${hours}:${String(minutes).padStart(2, '0')}`];
  return zone ? { ok: true, timeZone: zone, label } : { ok: false, error: 'not_found' };
}

function found(zone: string, label: string): ZoneReading {
  const timeZone = canonicalTimeZone(zone);
  return timeZone ? { ok: true, timeZone, label } : { ok: false, error: 'not_found' };
}

/** What a person typed when asked for their zone: a city, an IANA name or an offset. */
export function readTimeZone(text: string): ZoneReading {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_INPUT) return { ok: false, error: 'not_found' };
  const offset = readOffset(trimmed.toLowerCase().replace(/\s+/g, ''));
  if (offset) return offset.ok ? found(offset.timeZone, offset.label) : offset;
  if (trimmed.includes('/')) {
    const zone = canonicalTimeZone(trimmed.replace(/\s+/g, '_'));
    if (zone) return { ok: true, timeZone: zone, label: zone };
  }
  const key = normalizePlaceName(trimmed);
  // "Berlin, Germany": the city before the comma when the whole is not a city.
  const city = cities().get(key) ?? cities().get(normalizePlaceName(trimmed.split(',')[0] ?? ''));
  return city ? found(city.zone, city.label) : { ok: false, error: 'not_found' };
}

/** The zones offered as buttons for a language, each with its city. */
export function zoneChoices(lang: Language): ZoneChoice[] {
  return ZONE_CHOICES[lang].map(({ label, timeZone }) => ({
    label,
    timeZone: canonicalTimeZone(timeZone) ?? timeZone,
  }));
}

/**
 * The zone at a location shared in Telegram, offline. At sea this is the nautical zone of the
 * longitude (Etc/GMT+2 in the mid-Atlantic); undefined for coordinates that are not on Earth.
 */
export function zoneAt(latitude: number, longitude: number): string | undefined {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  try {
    const lookupZoneAt = require('@photostructure/tz-lookup') as typeof lookupZoneAtFunction;
    return canonicalTimeZone(lookupZoneAt(latitude, longitude));
  } catch {
    return undefined;
  }
}

/** The zone guessed from Telegram's language code: where most speakers of the language live. */
const ZONE_BY_LANGUAGE: Record<string, string> = {
  ru: 'Europe/Moscow',
  uk: 'Europe/Kyiv',
  be: 'Europe/Minsk',
  kk: 'Asia/Almaty',
  uz: 'Asia/Tashkent',
};

/**
 * The zone assumed for a person who never chose one, from their Telegram language ("ru", "uk-UA").
 * Only languages spoken mostly in one zone give a guess; English and the rest are spoken across
 * too many zones to guess from, so they get UTC, as before.
 */
export function guessTimeZone(languageCode: string | null | undefined): string {
  const language = (languageCode ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  const zone = ZONE_BY_LANGUAGE[language];
  return (zone && canonicalTimeZone(zone)) ?? 'UTC';
}
