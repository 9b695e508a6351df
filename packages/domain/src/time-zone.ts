// Wall-clock dates and times in a person's IANA time zone, computed with Intl alone.
// Instants (Date) are always UTC; "local" values are what a clock on the person's wall shows.
import type { Language } from './language';

/** A calendar day: month 1..12, day 1..31. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A calendar day and a wall-clock minute: hour 0..23, minute 0..59. */
export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
}

/** A local date and time with its ISO weekday: 1 is Monday, 7 is Sunday. */
export interface ZonedParts extends LocalDateTime {
  weekday: number;
}

export interface Clock {
  hour: number;
  minute: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// IANA names only ("Europe/Moscow", "UTC", "Etc/GMT+3"); offsets like "+03:00" are refused so that
// every Node.js version agrees on what is valid.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

// Building a formatter is far slower than using one. Both caches are keyed so that they stay as
// small as the zone database, whatever people type: names are looked up case-insensitively (every
// case variant of a zone is valid, and 20,000 of them would otherwise be 20,000 formatters), only
// names that exist are remembered, and formatters are kept per canonical name.
const canonicalByLowerCase = new Map<string, string>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's canonical name ("europe/moscow" -> "Europe/Moscow"), or undefined when there is no such zone. */
export function canonicalTimeZone(name: string): string | undefined {
  if (name.length > 64 || !IANA_NAME.test(name)) return undefined;
  const key = name.toLowerCase();
  const known = canonicalByLowerCase.get(key);
  if (known) return known;
  try {
    const canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    canonicalByLowerCase.set(key, canonical);
    return canonical;
  } catch {
    return undefined;
  }
}

export function isValidTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== undefined;
}

/** How many names and formatters the caches hold (bounded by the zone database), for tests. */
export function timeZoneCacheSize(): { names: number; formatters: number } {
  return { names: canonicalByLowerCase.size, formatters: formatters.size };
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const canonical = canonicalTimeZone(timeZone);
  if (!canonical) throw new RangeError(`Not an IANA time zone: ${JSON.stringify(timeZone)}`);
  let formatter = formatters.get(canonical);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: canonical,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(canonical, formatter);
  }
  return formatter;
}

/** Milliseconds since the epoch of a wall-clock reading taken as if it were UTC (years 0..99 included). */
function wallMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC reads years 0..99 as 1900..1999; the calendar repeats every 400 years, so shift and back.
  const date = new Date(Date.UTC(year + 400, month - 1, day, hour, minute, second));
  date.setUTCFullYear(date.getUTCFullYear() - 400);
  return date.getTime();
}

function checkInstant(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid date');
  return ms;
}

/** The wall clock of the zone at an instant, to the second, as ms "as if UTC". */
function wallClockAt(ms: number, timeZone: string): number {
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  const offset = hourOffset(ms, timeZone);
  return offset === undefined ? formattedWallClock(wholeSeconds, timeZone) : wholeSeconds + offset;
}

const HOUR_MS = 3_600_000;
/** Hours remembered per zone (now, and the few instants an update looks at). */
const OFFSET_HOURS_KEPT = 64;
const hourOffsets = new Map<string, Map<number, number | null>>();

/**
 * The zone's offset through the whole UTC hour of `ms`, when it is the same at the hour's first and
 * last second (no zone changes its offset twice within an hour); undefined when it changes inside
 * the hour. Remembered per zone and hour: the formatter is the costly part of every date shown or
 * read, and each update asks about the same few hours.
 */
function hourOffset(ms: number, timeZone: string): number | undefined {
  const hour = Math.floor(ms / HOUR_MS);
  const zone = canonicalTimeZone(timeZone) ?? timeZone;
  let hours = hourOffsets.get(zone);
  const known = hours?.get(hour);
  if (known !== undefined) return known ?? undefined;
  const start = hour * HOUR_MS;
  const last = start + HOUR_MS - 1000;
  const offset = formattedWallClock(start, timeZone) - start;
  const same = formattedWallClock(last, timeZone) - last === offset;
  if (!hours || hours.size >= OFFSET_HOURS_KEPT) {
    hours = new Map();
    hourOffsets.set(zone, hours);
  }
  hours.set(hour, same ? offset : null);
  return same ? offset : undefined;
}

/** The wall clock as the zone's formatter reads it at a whole second. */
function formattedWallClock(ms: number, timeZone: string): number {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = values;
  return wallMs(year, month, day, hour, minute, second);
}

/** The zone's offset from UTC at an instant, in ms (Moscow: +3 h). */
function offsetAt(ms: number, timeZone: string): number {
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  return wallClockAt(wholeSeconds, timeZone) - wholeSeconds;
}

function partsOfWallMs(ms: number): ZonedParts {
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    weekday: date.getUTCDay() === 0 ? 7 : date.getUTCDay(),
  };
}

export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  return partsOfWallMs(wallClockAt(checkInstant(instant), timeZone));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(wallMs(year, month + 1, 0)).getUTCDate();
}

export function isValidLocalDate({ year, month, day }: LocalDate): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

function checkLocalDateTime(local: LocalDateTime): void {
  const { hour, minute } = local;
  const clockOk = Number.isInteger(hour) && Number.isInteger(minute) && hour >= 0 && hour <= 23;
  if (!isValidLocalDate(local) || !clockOk || minute < 0 || minute > 59) {
    throw new RangeError(`Not a local date and time: ${JSON.stringify(local)}`);
  }
}

/**
 * The instant when the zone's clocks show this date and time. A time that happens twice (clocks
 * set back) gives the earlier instant; a time that never happens (clocks set forward) is moved
 * forward by the length of the gap, so 02:30 on a spring-forward night from 02:00 to 03:00 is 03:30.
 * This is what Temporal calls the "compatible" disambiguation.
 */
export function instantFromZoned(local: LocalDateTime, timeZone: string): Date {
  checkLocalDateTime(local);
  const wall = wallMs(local.year, local.month, local.day, local.hour, local.minute);
  const offsetBefore = offsetAt(wall - DAY_MS, timeZone);
  const offsets = new Set([offsetBefore, offsetAt(wall, timeZone), offsetAt(wall + DAY_MS, timeZone)]);
  const matching = [...offsets]
    .map((offset) => wall - offset)
    .filter((ms) => wallClockAt(ms, timeZone) === wall)
    .sort((a, b) => a - b);
  return new Date(matching[0] ?? wall - offsetBefore);
}

/** The calendar day `days` after (or before, when negative) a date. */
export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = partsOfWallMs(wallMs(date.year, date.month, date.day) + days * DAY_MS);
  return { year, month, day };
}

/** The same date `months` later; a day the target month lacks becomes its last day (31 Jan + 1 = 28/29 Feb). */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Compares two calendar days: negative, zero or positive. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The same wall-clock minute `days` later in the zone: across a DST change this is 23 or 25 hours a day. */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  const parts = zonedParts(instant, timeZone);
  return instantFromZoned({ ...parts, ...addCalendarDays(parts, days) }, timeZone);
}

/** The first instant of the instant's local day (01:00 where the clocks jump over midnight). */
export function startOfLocalDay(instant: Date, timeZone: string): Date {
  return instantFromZoned({ ...zonedParts(instant, timeZone), hour: 0, minute: 0 }, timeZone);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** 'YYYY-MM-DD' of the instant in the zone. */
export function localDate(instant: Date, timeZone: string): string {
  const { year, month, day } = zonedParts(instant, timeZone);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** 'HH:MM' (or 'H:MM') on a 24-hour clock, 00:00..23:59; anything else, 24:00 included, is undefined. */
export function parseClock(text: string): Clock | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

const NAMES: Record<Language, { weekdays: string[]; months: string[] }> = {
  en: {
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
  ru: {
    weekdays: ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'],
    months: ['янв', 'фев', 'мар', 'апр', 'мая', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
  },
};

export interface FormatLocalOptions {
  /** Show the time of day (default). A whole-day due date is shown without it. */
  time?: boolean;
  /** When given, the year is shown for dates in another local year than this instant's. */
  now?: Date;
}

/**
 * A short local date for display: "Fri 25 Dec 18:00" / "пт 25 дек 18:00", with the year when it
 * differs from the current one ("Mon 3 Jan 2028"). The names are our own, not the ICU data's, so
 * the text is the same on every machine.
 */
export function formatLocal(
  instant: Date,
  timeZone: string,
  lang: Language,
  options: FormatLocalOptions = {},
): string {
  const parts = zonedParts(instant, timeZone);
  const names = NAMES[lang];
  let text = `${names.weekdays[parts.weekday - 1]} ${parts.day} ${names.months[parts.month - 1]}`;
  if (options.now && zonedParts(options.now, timeZone).year !== parts.year) text += ` ${parts.year}`;
  if (options.time ?? true) text += ` ${pad(parts.hour)}:${pad(parts.minute)}`;
  return text;
}

/** The instant `minutes` later (earlier when negative); time zones play no part in it. */
export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(checkInstant(instant) + minutes * MINUTE_MS);
}
