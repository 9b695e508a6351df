import {
  addCalendarDays,
  addMinutes,
  instantFromZoned,
  localDate,
  parseClock,
  zonedParts,
} from './time-zone';

// When the bot may speak up on its own: quiet hours, the daily digest and snoozes. Pure: every
// function takes the instant it reasons about, so the scheduler's clock can be anything.

/** 'HH:MM' local times; `start` may be after `end` (quiet hours over midnight, like 22:00-07:00). */
export interface QuietHours {
  start: string;
  end: string;
}

export const SNOOZE_KINDS = ['15m', '1h', 'tomorrow'] as const;
export type SnoozeKind = (typeof SNOOZE_KINDS)[number];

/** The local time a "tomorrow" snooze rings at. */
export const TOMORROW_CLOCK = { hour: 9, minute: 0 };

function minutesOf(clock: string): number {
  const parsed = parseClock(clock);
  if (!parsed) throw new RangeError(`"${clock}" is not a time of day like 07:30`);
  return parsed.hour * 60 + parsed.minute;
}

/**
 * The quiet hours of a person from their two settings, or null when they have none. Half a setting,
 * or the same start and end, means no quiet hours rather than a whole silent day.
 */
export function quietHoursOf(start: string | null, end: string | null): QuietHours | null {
  if (!start || !end || start === end) return null;
  return { start, end };
}

/**
 * The first moment at or after `instant` that is outside the quiet hours in `tz`: the instant itself
 * when it is not quiet, else the end of the quiet period it falls in. Quiet hours include their start
 * and exclude their end. When the end does not exist that day (a DST gap), the time zone helper
 * moves it forward, so the result is never before the quiet period ends.
 */
export function nextAllowedTime(instant: Date, quiet: QuietHours | null, tz: string): Date {
  if (!quiet) return instant;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return instant;
  const local = zonedParts(instant, tz);
  const now = local.hour * 60 + local.minute;
  const wraps = start > end;
  const quietNow = wraps ? now >= start || now < end : now >= start && now < end;
  if (!quietNow) return instant;
  // Past midnight inside a wrapping period, the end is later the same day; before it, the next day.
  const endDay = wraps && now >= start ? addCalendarDays(local, 1) : local;
  const endsAt = instantFromZoned({ ...endDay, hour: Math.floor(end / 60), minute: end % 60 }, tz);
  return endsAt.getTime() > instant.getTime() ? endsAt : instant;
}

/** Whether `instant` falls inside the quiet hours in `tz`. */
export function isQuiet(instant: Date, quiet: QuietHours | null, tz: string): boolean {
  return nextAllowedTime(instant, quiet, tz).getTime() !== instant.getTime();
}

/**
 * Whether the daily digest is due: the person chose a digest time, it is that time or later today in
 * their time zone, and no digest went out for today's local date yet. A digest missed while the
 * service was down still goes out later the same day, never twice.
 */
export function isDigestDue(
  now: Date,
  digestTime: string | null,
  lastDigestOn: string | null,
  tz: string,
): boolean {
  if (!digestTime) return false;
  const today = localDate(now, tz);
  if (lastDigestOn !== null && lastDigestOn >= today) return false;
  const local = zonedParts(now, tz);
  return local.hour * 60 + local.minute >= minutesOf(digestTime);
}

/** The end of the local day `now` is in: the first instant of tomorrow in `tz`. */
export function endOfLocalDay(now: Date, tz: string): Date {
  return instantFromZoned({ ...addCalendarDays(zonedParts(now, tz), 1), hour: 0, minute: 0 }, tz);
}

/** When a snoozed reminder rings again: in 15 minutes, in an hour, or tomorrow at 09:00 local time. */
export function snoozeUntil(kind: SnoozeKind, now: Date, tz: string): Date {
  switch (kind) {
    case '15m':
      return addMinutes(now, 15);
    case '1h':
      return addMinutes(now, 60);
    case 'tomorrow':
      return instantFromZoned({ ...addCalendarDays(zonedParts(now, tz), 1), ...TOMORROW_CLOCK }, tz);
  }
}
