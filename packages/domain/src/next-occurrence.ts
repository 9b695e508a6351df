// The dates of a repeating task, computed by rrule-temporal (RFC 5545 on the Temporal API) on the
// person's wall clock, so that a daily 9:00 stays 9:00 across daylight saving. The rule runs in
// "floating" local time (wall clock readings written as if UTC) and each reading becomes an
// instant with instantFromZoned, the one conversion every due date uses: a local time the clocks
// skip is moved forward by the gap (02:30 on a spring-forward night is 03:30), where rrule-temporal
// in the zone itself would drop that day's occurrence.
//
// The series starts (DTSTART) on the local date of `start` (the task's first due date, or the
// moment asked about) at the rule's time; a rule without a time is a series of whole-day due
// dates at the whole-day clock (23:59 unless said otherwise), like a date typed without a time.
import { parseRRule, type Recurrence, toRRule } from './recurrence';
import { type Clock, canonicalTimeZone, instantFromZoned, zonedParts } from './time-zone';

export interface OccurrenceOptions {
  /** When the series started (its first due date); the moment asked about when not given. */
  start?: Date;
  /** The local time of a whole-day due date; 23:59 by default. */
  wholeDayClock?: Clock;
  /** Whether an occurrence exactly at `after` counts (false by default: strictly after). */
  inclusive?: boolean;
}

// rrule-temporal is an ES module that ships a CommonJS build too (the "require" entry of its
// exports), but its exports name one type file, which TypeScript's Node16 mode reads as ESM only.
// So the types come from the ESM side and the code from the CommonJS build.
// Loaded on first use: only repeating tasks need it.
type RRuleTemporalModule = typeof import('rrule-temporal', { with: { 'resolution-mode': 'import' }});
let seriesClass: RRuleTemporalModule['RRuleTemporal'] | undefined;
const Series = () => {
  seriesClass ??= (require('rrule-temporal') as RRuleTemporalModule).RRuleTemporal;
  return seriesClass;
};

const DEFAULT_WHOLE_DAY: Clock = { hour: 23, minute: 59 };
// Beyond this the bot does not look: a rule that matches nothing sooner has no next date.
const HORIZON_MS = 10 * 366 * 86_400_000;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function ruleOf(rule: Recurrence | string): Recurrence {
  if (typeof rule !== 'string') return rule;
  const parsed = parseRRule(rule);
  if (!parsed) throw new RangeError(`Not a repetition rule the bot writes: ${JSON.stringify(rule)}`);
  return parsed;
}

/** Whether an occurrence carries its own time of day (false: whole-day due dates). */
export function recurrenceHasTime(rule: Recurrence | string): boolean {
  return ruleOf(rule).time !== undefined;
}

/**
 * The first occurrence after `after` (or at it, when inclusive) in the zone, or undefined when
 * there is none in the next ten years. Throws a RangeError for an unknown zone or a rule the bot
 * does not write.
 */
export function nextOccurrence(
  rule: Recurrence | string,
  after: Date,
  timeZone: string,
  options: OccurrenceOptions = {},
): Date | undefined {
  const parsed = ruleOf(rule);
  const zone = canonicalTimeZone(timeZone);
  if (!zone) throw new RangeError(`Not an IANA time zone: ${JSON.stringify(timeZone)}`);
  if (Number.isNaN(after.getTime())) throw new RangeError('Invalid date');
  const day = zonedParts(options.start ?? after, zone);
  const clock = parsed.time ?? options.wholeDayClock ?? DEFAULT_WHOLE_DAY;
  const dtstart = `${pad(day.year, 4)}${pad(day.month)}${pad(day.day)}T${pad(clock.hour)}${pad(clock.minute)}00`;
  const withClock = parsed.time ? parsed : { ...parsed, time: clock };
  const series = new (Series())({ rruleString: `DTSTART;TZID=UTC:${dtstart}\nRRULE:${toRRule(withClock)}` });
  const wall = zonedParts(after, zone);
  let cursor = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
  let inclusive = true;
  // The wall clock is read to the minute and repeats an hour when clocks go back, so a reading may
  // still be at or before `after` as an instant: then the next one is taken.
  for (let tries = 0; tries < 4; tries += 1) {
    const next = series.next(cursor, inclusive);
    if (!next) return undefined;
    const reading = new Date(next.epochMilliseconds);
    const local = {
      year: reading.getUTCFullYear(),
      month: reading.getUTCMonth() + 1,
      day: reading.getUTCDate(),
      hour: reading.getUTCHours(),
      minute: reading.getUTCMinutes(),
    };
    const instant = instantFromZoned(local, zone);
    if (instant.getTime() - after.getTime() > HORIZON_MS) return undefined;
    if (instant > after || (options.inclusive && instant.getTime() === after.getTime())) return instant;
    cursor = reading;
    inclusive = false;
  }
  return undefined;
}

/** The first occurrence from now on: the first due date of a task typed with a repetition and no date. */
export function firstOccurrence(
  rule: Recurrence | string,
  now: Date,
  timeZone: string,
  wholeDayClock?: Clock,
): Date | undefined {
  return nextOccurrence(rule, now, timeZone, {
    inclusive: true,
    ...(wholeDayClock ? { wholeDayClock } : {}),
  });
}
