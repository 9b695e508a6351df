// Finding a repetition in a task's text, in English or Russian, and the tokens it takes.
//
// The rule that keeps ordinary titles titles: "every"/"each"/"каждый" count only when a unit or a
// day they can repeat follows ("every day", "every 2 weeks", "every Mon and Thu", "every last
// Friday", "каждое 1 число"), so "Every little thing" and "Каждый охотник желает знать" stay text.
// "ежедневно", "по будням", "по понедельникам" always count; "daily"/"weekly"/"monthly"/"yearly"
// also name things ("Daily standup"), so they count only where they end a clause or a time follows.
// A phrase does not continue over a line break; quoted text is never read (see text-tokens.ts).
//
// A time right after the phrase belongs to it ("every Monday 10:00", "каждый день в 9"); it is
// read by the due-date parser, so that times are read one way everywhere. A day of the month
// needs a suffix, "числа" or "on" ("15-го", "1 числа", "on the 1st"): "каждый месяц в 9" is 09:00.
import { findDuePieces } from './due-date-pieces';
import { WEEKDAY_WORDS } from './due-date-words';
import type { Recurrence } from './recurrence';
import {
  ADJECTIVE_WORDS,
  ALONE_WORDS,
  AND_WORDS,
  EVERY_WORDS,
  FREQUENCY_WORDS,
  INTERVAL_WORDS,
  MONTH_DAY,
  MONTH_DAY_WORDS,
  NTH_WORDS,
  NUMBER_WORDS,
  OF_MONTH_PHRASES,
  ON_WORDS,
  PLURAL_WEEKDAYS,
  WEEKDAY_GROUPS,
} from './recurrence-words';
import type { TextToken } from './text-tokens';

export interface RecurrenceFound {
  rule: Recurrence;
  /** The tokens it takes: first..last, inclusive. */
  first: number;
  last: number;
}

/** A rule read so far and the last token it took. */
interface Read {
  rule: Recurrence;
  last: number;
}

const NUMBER = /^\d{1,3}$/;
// A date or a time takes a few tokens at most ("on 25 December", "at 10:00 pm"): only that many
// after a phrase are read, so a long text full of "daily" costs no more than a short one.
const LOOK_AHEAD = 6;
// A day word stands in front of the text after a phrase, so that the due-date parser reads a bare
// hour there ("каждый день в 9 купить хлеб") as it reads one after "завтра".
const DAY_ANCHOR: TextToken = {
  kind: 'word',
  text: 'today',
  lower: 'today',
  start: 0,
  end: 0,
  newlineBefore: false,
};

function weekdayOf(word: string | undefined): number | undefined {
  const found = word === undefined ? undefined : WEEKDAY_WORDS.get(word);
  return found && (found.form === 'plain' || found.form === 'ambiguous') ? found.weekday : undefined;
}

class RecurrenceScanner {
  constructor(private readonly tokens: TextToken[]) {}

  /** The token at i in lower case with ё as е; a phrase continues over spaces, not over a line break. */
  private word(i: number, continuing = true): string | undefined {
    const token = this.tokens[i];
    if (!token || token.kind === 'opaque' || token.kind === 'mark' || (continuing && token.newlineBefore)) {
      return undefined;
    }
    return token.lower.replace(/ё/g, 'е');
  }

  at(i: number): RecurrenceFound | undefined {
    const read = this.phrase(i);
    if (!read) return undefined;
    const { rule, last } = this.withTime(read);
    return { rule, first: i, last };
  }

  private phrase(i: number): Read | undefined {
    const word = this.word(i, false);
    if (word === undefined) return undefined;
    const alone = ALONE_WORDS.get(word);
    if (alone) return this.extras({ rule: { frequency: alone, interval: 1 }, last: i });
    const adjective = ADJECTIVE_WORDS.get(word);
    if (adjective) {
      const read = this.extras({ rule: { frequency: adjective, interval: 1 }, last: i });
      const timed = this.withTime(read).last > read.last;
      return timed || read.last > i || this.endsClause(i) ? read : undefined;
    }
    if (word === 'по') return this.weekdayList(i + 1, PLURAL_WEEKDAYS) ?? this.group(i + 1);
    return EVERY_WORDS.has(word) ? this.afterEvery(i + 1) : undefined;
  }

  private afterEvery(j: number): Read | undefined {
    const word = this.word(j);
    if (word === undefined) return undefined;
    // "каждое 1 число", "every 15th of the month".
    const monthDay = this.monthDay(j, false);
    const monthDayLast = monthDay ? this.ofMonth(monthDay.last) : j;
    if (monthDay && monthDayLast > j) {
      return { rule: { frequency: 'monthly', interval: 1, monthDay: monthDay.day }, last: monthDayLast };
    }
    const interval = NUMBER.test(word) ? Number(word) : (NUMBER_WORDS.get(word) ?? INTERVAL_WORDS.get(word));
    const unitAt = interval === undefined ? j : j + 1;
    const frequency = FREQUENCY_WORDS.get(this.word(unitAt) ?? '');
    if (frequency && (interval === undefined || interval >= 1)) {
      return this.extras({ rule: { frequency, interval: interval ?? 1 }, last: unitAt });
    }
    const nth = this.nthWeekday(j);
    if (nth) return nth;
    if (word === 'будний' && FREQUENCY_WORDS.get(this.word(j + 1) ?? '') === 'daily') {
      return { rule: { frequency: 'weekly', interval: 1, weekdays: [1, 2, 3, 4, 5] }, last: j + 1 };
    }
    return this.group(j) ?? this.weekdayList(j);
  }

  /** "weekday", "выходные", "будням": a group of days. */
  private group(j: number): Read | undefined {
    const days = WEEKDAY_GROUPS.get(this.word(j) ?? '');
    return days ? { rule: { frequency: 'weekly', interval: 1, weekdays: days }, last: j } : undefined;
  }

  /** "Mon and Thu", "понедельникам и четвергам", "mon, wed, fri". */
  private weekdayList(j: number, names?: Map<string, number>): Read | undefined {
    const dayAt = (k: number) => (names ? names.get(this.word(k) ?? '') : weekdayOf(this.word(k)));
    const first = dayAt(j);
    if (first === undefined) return undefined;
    const days = [first];
    let last = j;
    for (;;) {
      let k = last + 1;
      if (this.word(k) === ',' && this.word(k + 1) === 'and') k += 1;
      if (!AND_WORDS.has(this.word(k) ?? '')) break;
      const day = dayAt(k + 1);
      if (day === undefined) break;
      days.push(day);
      last = k + 1;
    }
    const weekdays = [...new Set(days)].sort((a, b) => a - b);
    return { rule: { frequency: 'weekly', interval: 1, weekdays }, last };
  }

  /** "last Friday", "первый понедельник" (of the month). */
  private nthWeekday(j: number): Read | undefined {
    const nth = NTH_WORDS.get(this.word(j) ?? '');
    const weekday = weekdayOf(this.word(j + 1));
    if (nth === undefined || weekday === undefined) return undefined;
    const rule: Recurrence = { frequency: 'monthly', interval: 1, weekdayOfMonth: { weekday, nth } };
    return { rule, last: this.ofMonth(j + 1) };
  }

  /** Past an optional "of the month" / "месяца" after token k. */
  private ofMonth(k: number): number {
    for (const words of OF_MONTH_PHRASES) {
      if (words.every((word, n) => this.word(k + 1 + n) === word)) return k + words.length;
    }
    return k;
  }

  /** Past optional "on", "the", "в" at j. */
  private skipOn(j: number): number {
    let k = j;
    while (k < j + 2 && ON_WORDS.has(this.word(k) ?? '')) k += 1;
    return k;
  }

  /** A day of the month at j: "15th", "15-го", or a bare number when `prefixed` or "числа" follows. */
  private monthDay(j: number, prefixed: boolean): { day: number; last: number } | undefined {
    const word = this.word(j);
    const match = word === undefined ? undefined : MONTH_DAY.exec(word);
    if (!match || !word) return undefined;
    const numberWord = this.word(j + 1);
    const marked = !NUMBER.test(word) || prefixed || MONTH_DAY_WORDS.has(numberWord ?? '');
    if (!marked) return undefined;
    return { day: Number(match[1]), last: MONTH_DAY_WORDS.has(numberWord ?? '') ? j + 1 : j };
  }

  /** What may follow a unit: weekdays after "week", a day after "month", a date after "year". */
  private extras(read: Read): Read {
    const { rule, last } = read;
    const j = last + 1;
    if (rule.frequency === 'weekly') {
      const on = this.word(j);
      const list =
        on === 'по'
          ? this.weekdayList(j + 1, PLURAL_WEEKDAYS)
          : on === 'on' || on === 'в' || on === 'во'
            ? this.weekdayList(j + 1)
            : undefined;
      return list ? { rule: { ...rule, weekdays: list.rule.weekdays }, last: list.last } : read;
    }
    if (rule.frequency === 'monthly') {
      const k = this.skipOn(j);
      const nth = this.nthWeekday(k);
      if (nth) return { rule: { ...rule, weekdayOfMonth: nth.rule.weekdayOfMonth }, last: nth.last };
      const day = this.monthDay(k, k > j && this.word(j) !== 'в');
      return day ? { rule: { ...rule, monthDay: day.day }, last: this.ofMonth(day.last) } : read;
    }
    if (rule.frequency === 'yearly') {
      const [piece] = findDuePieces(this.tokens.slice(j, j + LOOK_AHEAD));
      if (piece?.first === 0 && piece.kind === 'date' && piece.date.type === 'calendar' && !piece.date.year) {
        const { day, month } = piece.date;
        return { rule: { ...rule, month, monthDay: day }, last: j + piece.last };
      }
    }
    return read;
  }

  /** The phrase with the time right after it, when there is one. */
  private withTime(read: Read): Read {
    const next = this.tokens[read.last + 1];
    if (!next || next.newlineBefore) return read;
    const pieces = findDuePieces([
      DAY_ANCHOR,
      ...this.tokens.slice(read.last + 1, read.last + 1 + LOOK_AHEAD),
    ]);
    const time = pieces[1];
    if (pieces[0]?.first !== 0 || time?.first !== 1 || time.kind !== 'time') return read;
    return { rule: { ...read.rule, time: time.clock }, last: read.last + time.last };
  }

  private endsClause(i: number): boolean {
    const next = this.tokens[i + 1];
    return !next || next.newlineBefore || next.kind === 'punct' || next.kind === 'mark';
  }
}

/** The first repetition in the tokens, or undefined. */
export function findRecurrenceInTokens(tokens: TextToken[]): RecurrenceFound | undefined {
  const scanner = new RecurrenceScanner(tokens);
  for (let i = 0; i < tokens.length; i += 1) {
    const found = scanner.at(i);
    if (found) return found;
  }
  return undefined;
}
