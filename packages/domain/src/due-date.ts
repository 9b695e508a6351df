// The due date written in a task's text, in English or Russian, as a UTC instant.
//
// The rules, all in the person's time zone:
// - A time without a day ("18:00", "at 6pm", "в 9") is today if still ahead, else tomorrow.
// - A weekday ("fri", "в пятницу") is the next such day; today counts only when a time is given
//   and is still ahead ("fri 18:00" on a Friday morning is tonight, "fri" alone a week later).
//   "next friday" / "в следующую пятницу" is the Friday of next week (weeks start on Monday).
// - "next week" is next Monday, "next month" the 1st of next month, "in 3 days" / "через неделю"
//   that many days from today; "in 2 hours" / "через 30 минут" is exactly that long from now.
// - A date without a year that has passed this year ("25.01" in March) is next year's. "today"
//   and dates with a year are taken as written, even when already past.
// - A day without a time is a whole-day due date: hasTime is false and the instant is the end of
//   that day (23:59 unless options.wholeDayClock says otherwise), so it turns overdue only when
//   the day is over and sorts after the day's timed tasks.
// - Parts of the day are times: "утром"/morning 09:00, "днём"/afternoon 14:00 (днём 13:00),
//   "вечером"/evening 19:00, "tonight" 20:00. English ones (and "днём") count only next to a day
//   ("friday evening") or after "in the"/"this", so "Morning run" stays a title.
// - A bare hour ("at 9", "в 9") counts only where it ends a clause or stands next to a day, so
//   "в 2 раза больше" stays text; "в 9 утра", "at 9am", "в 9 часов", "18:00" always count.
// - A local time the clocks skip (spring forward) moves forward by the gap (see instantFromZoned).
// - Something that looks like a date or time but cannot be read ("31.02", "25:61", "24:00",
//   "через abc часов") is an error naming that piece; nothing is silently dropped.
// - Words inside other words ("monday-ish", "сегодняшний"), links, e-mail addresses, #tags,
//   @mentions and quoted text are never read as dates.
import { type DateSpec, type DuePiece, findDuePieces } from './due-date-pieces';
import { type TextToken, tokenizeText } from './text-tokens';
import {
  addCalendarDays,
  addCalendarMonths,
  addMinutes,
  type Clock,
  compareLocalDates,
  instantFromZoned,
  isValidLocalDate,
  type LocalDate,
  type ZonedParts,
  zonedParts,
} from './time-zone';

export interface DueDateOptions {
  now: Date;
  /** The person's IANA time zone; an unknown one throws a RangeError (check it when it is set). */
  timeZone: string;
  /** The local time a whole-day due date is due at; 23:59 by default. */
  wholeDayClock?: Clock;
}

export interface TextSpan {
  start: number;
  end: number;
}

export interface DueDateFound {
  ok: true;
  /** Where the due date is written: the whole expression when its parts stand together. */
  match: TextSpan;
  /** Every span that makes the due date ("Tomorrow: call at 9" has two); remove these from a title. */
  parts: TextSpan[];
  at: Date;
  hasTime: boolean;
}

export interface DueDateError {
  ok: false;
  error: 'bad_date';
  /** The piece that could not be read, as written. */
  detail: string;
  match: TextSpan;
}

export type DueDateResult = DueDateFound | DueDateError;

const DEFAULT_WHOLE_DAY: Clock = { hour: 23, minute: 59 };
const LATEST = Date.UTC(9999, 11, 31);

interface Context {
  now: Date;
  timeZone: string;
  today: ZonedParts;
}

function atClock(date: LocalDate, clock: Clock, timeZone: string): Date {
  return instantFromZoned({ ...date, ...clock }, timeZone);
}

function calendarDate(
  spec: Extract<DateSpec, { type: 'calendar' }>,
  today: LocalDate,
): LocalDate | undefined {
  const { day, month } = spec;
  if (spec.year !== undefined) return { year: spec.year, month, day };
  // The first year, from this one on, in which the date exists and has not passed (29.02 may wait).
  for (let year = today.year; year <= today.year + 8; year += 1) {
    const date = { year, month, day };
    if (isValidLocalDate(date) && compareLocalDates(date, today) >= 0) return date;
  }
  return undefined;
}

function resolveDate(spec: DateSpec, context: Context, clock: Clock | undefined): LocalDate | undefined {
  const { today } = context;
  switch (spec.type) {
    case 'offset':
      return addCalendarDays(today, spec.days);
    case 'weekday': {
      if (spec.nextWeek) return addCalendarDays(today, 7 - today.weekday + spec.weekday);
      let days = (spec.weekday - today.weekday + 7) % 7;
      const laterToday = clock !== undefined && atClock(today, clock, context.timeZone) > context.now;
      if (days === 0 && !laterToday) days = 7;
      return addCalendarDays(today, days);
    }
    case 'next_week':
      return addCalendarDays(today, 8 - today.weekday);
    case 'next_month':
      return { ...addCalendarMonths(today, 1), day: 1 };
    case 'relative':
      if (spec.unit === 'day' || spec.unit === 'week') {
        return addCalendarDays(today, spec.amount * (spec.unit === 'week' ? 7 : 1));
      }
      return addCalendarMonths(today, spec.amount * (spec.unit === 'year' ? 12 : 1));
    case 'calendar':
      return calendarDate(spec, today);
  }
}

function instantOf(
  head: DuePiece,
  partner: DuePiece | undefined,
  context: Context,
  wholeDay: Clock,
): Date | undefined {
  const { now, timeZone, today } = context;
  if (head.kind === 'instant') return addMinutes(now, head.minutes);
  const datePiece = head.kind === 'date' ? head : partner?.kind === 'date' ? partner : undefined;
  const clock = head.kind === 'time' ? head.clock : partner?.kind === 'time' ? partner.clock : undefined;
  if (!datePiece) {
    if (!clock) return undefined;
    const todayAt = atClock(today, clock, timeZone);
    return todayAt > now ? todayAt : atClock(addCalendarDays(today, 1), clock, timeZone);
  }
  if (datePiece.kind !== 'date') return undefined;
  const date = resolveDate(datePiece.date, context, clock);
  return date && isValidLocalDate(date) ? atClock(date, clock ?? wholeDay, timeZone) : undefined;
}

function spanOf(tokens: TextToken[], piece: DuePiece): TextSpan {
  return { start: tokens[piece.first]?.start ?? 0, end: tokens[piece.last]?.end ?? 0 };
}

/** The due date in text already split into tokens (quick-add splits once for everything it reads). */
export function findDueDateInTokens(
  text: string,
  tokens: TextToken[],
  options: DueDateOptions,
): DueDateResult | undefined {
  const pieces = findDuePieces(tokens);
  const context: Context = {
    now: options.now,
    timeZone: options.timeZone,
    today: zonedParts(options.now, options.timeZone),
  };
  const failed = (piece: DuePiece): DueDateError => {
    const match = spanOf(tokens, piece);
    return { ok: false, error: 'bad_date', detail: text.slice(match.start, match.end), match };
  };
  const unreadable = pieces.find((piece) => piece.kind === 'error');
  if (unreadable) return failed(unreadable);
  const head = pieces[0];
  if (!head) return undefined;
  const partnerKind = head.kind === 'date' ? 'time' : head.kind === 'time' ? 'date' : undefined;
  const partner = pieces.find((piece) => piece.kind === partnerKind);
  const at = instantOf(head, partner, context, options.wholeDayClock ?? DEFAULT_WHOLE_DAY);
  if (!at || Number.isNaN(at.getTime()) || at.getTime() > LATEST) return failed(head);
  const used = partner ? [head, partner].sort((a, b) => a.first - b.first) : [head];
  const parts = used.map((piece) => spanOf(tokens, piece));
  const [first, second] = used;
  const together = first && second && first.last + 1 === second.first;
  const match = together ? { start: parts[0]?.start ?? 0, end: parts[1]?.end ?? 0 } : spanOf(tokens, head);
  const hasTime = head.kind === 'instant' || head.kind === 'time' || partner?.kind === 'time';
  return { ok: true, match, parts, at, hasTime };
}

/** The first due date written in the text, an error for an unreadable one, or undefined when there is none. */
export function findDueDate(text: string, options: DueDateOptions): DueDateResult | undefined {
  return findDueDateInTokens(text, tokenizeText(text), options);
}
