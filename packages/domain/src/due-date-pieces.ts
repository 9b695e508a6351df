// Finding the pieces of a due date among the words of a text: a day ("tomorrow", "в пятницу",
// "25.12"), a time of day ("18:00", "at 6pm", "в 9"), a span from now ("in 2 hours"), or
// something that looks like one of them but cannot be read ("31.02", "25:61").
// One cohesive reader, a little over 300 lines: each piece's grammar is a few lines, and they share
// the token walk, so splitting them would scatter one parser over several files.
import {
  AMOUNT_WORDS,
  DATE_PREPOSITIONS,
  DAY_AFTER_TOMORROW_PHRASES,
  DAY_OFFSET_WORDS,
  type DurationUnit,
  HOUR_WORDS,
  IMPLICIT_AMOUNT_UNITS,
  MERIDIEM_WORDS,
  type Meridiem,
  MONTH_WORDS,
  NEXT_MONTH_PHRASES,
  NEXT_WEEK_PHRASES,
  NOT_AMOUNT_WORDS,
  PART_OF_DAY_PREFIXES,
  PART_OF_DAY_WORDS,
  RELATIVE_WORDS,
  TIME_PREPOSITIONS,
  UNIT_WORDS,
  WEEKDAY_MODIFIERS,
  WEEKDAY_PREPOSITIONS,
  WEEKDAY_WORDS,
} from './due-date-words';
import type { TextToken } from './text-tokens';
import { type Clock, daysInMonth, isValidLocalDate } from './time-zone';

export type DateSpec =
  | { type: 'offset'; days: number }
  | { type: 'weekday'; weekday: number; nextWeek: boolean }
  | { type: 'next_week' }
  | { type: 'next_month' }
  | { type: 'relative'; unit: Exclude<DurationUnit, 'minute' | 'hour'>; amount: number }
  | { type: 'calendar'; day: number; month: number; year?: number };

/**
 * When a time that may also be plain text counts: a bare hour ("в 9") where it ends a clause or
 * stands next to a day, "evening" only next to a day ("friday evening").
 */
export type TimeCondition = 'ends_clause_or_next_to_day' | 'next_to_day';

/** A piece of a due date over tokens first..last (inclusive). */
export type DuePiece = { first: number; last: number } & (
  | { kind: 'date'; date: DateSpec }
  | { kind: 'time'; clock: Clock; condition?: TimeCondition }
  | { kind: 'instant'; minutes: number }
  | { kind: 'error' }
);

const CLOCK = /^(\d{1,2}):(\d{2})$/;
const CLOCK_MERIDIEM = /^(\d{1,2})(?::(\d{2}))?(am|pm)$/;
const HOUR = /^\d{1,2}$/;
const DOTTED_CLOCK = /^(\d{1,2})\.(\d{2})$/;
const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_OF_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?$/;
const YEAR = /^\d{4}$/;
const AMOUNT = /^\d{1,6}(?:[.,]\d{1,3})?$/;
const COMPACT_DURATION = /^(\d{1,6}(?:[.,]\d{1,3})?)(\p{L}+)$/u;
const CURRENCY = /^[$€£₽¥]$/u;
const LATIN = /^[a-z]+$/;

/** Hour 1..12 with am/pm ("утра", "вечера", "ночи") on a 24-hour clock; undefined when out of range. */
const splitWords = (phrases: string[]): string[][] => phrases.map((phrase) => phrase.split(' '));
const PHRASE_DATES: Array<[string[][], DateSpec]> = [
  [splitWords(DAY_AFTER_TOMORROW_PHRASES), { type: 'offset', days: 2 }],
  [splitWords(NEXT_WEEK_PHRASES), { type: 'next_week' }],
  [splitWords(NEXT_MONTH_PHRASES), { type: 'next_month' }],
];
const PART_OF_DAY_PHRASES = splitWords(PART_OF_DAY_PREFIXES);

/** "1.5" or "1,5". */
function readAmount(text: string): number {
  return Number(text.replace(',', '.'));
}

function withMeridiem(hour: number, minute: number, meridiem: Meridiem): Clock | undefined {
  if (minute > 59) return undefined;
  // "18:00 вечера" says the same thing twice; it is still 18:00.
  if (meridiem === 'pm' && hour >= 13 && hour <= 23) return { hour, minute };
  if (hour < 1 || hour > 12) return undefined;
  if (meridiem === 'am') return { hour: hour % 12, minute };
  if (meridiem === 'pm') return { hour: (hour % 12) + 12, minute };
  // "в 2 ночи" is 02:00, "в 11 ночи" 23:00, "в 12 ночи" midnight.
  return { hour: hour === 12 ? 0 : hour <= 5 ? hour : hour + 12, minute };
}

class PieceScanner {
  constructor(private readonly tokens: TextToken[]) {}

  /** The word at i in lower case; a piece continues over spaces but not over a line break. */
  private word(i: number, continuing = true): string | undefined {
    const token = this.tokens[i];
    if (token?.kind !== 'word' || (continuing && token.newlineBefore)) return undefined;
    return token.lower;
  }

  /** How many tokens one of the phrases takes at i, or 0. */
  private phrase(i: number, phrases: string[][]): number {
    for (const words of phrases) {
      if (words.every((word, k) => this.word(i + k, k > 0) === word)) return words.length;
    }
    return 0;
  }

  /** Tries the match at i after an optional preposition of the set, and without it. */
  private prefixed(
    i: number,
    prepositions: Set<string>,
    match: (j: number, prefixed: boolean) => DuePiece | undefined,
  ): DuePiece | undefined {
    const word = this.word(i, false);
    if (word && prepositions.has(word)) {
      const piece = match(i + 1, true);
      if (piece) return { ...piece, first: i };
    }
    return match(i, false);
  }

  at(i: number): DuePiece | undefined {
    return (
      this.relative(i) ??
      this.phrases(i) ??
      this.prefixed(i, DATE_PREPOSITIONS, (j, prefixed) => this.dayWord(j, prefixed)) ??
      this.weekday(i) ??
      this.prefixed(i, DATE_PREPOSITIONS, (j, prefixed) => this.numericDate(j, prefixed)) ??
      this.prefixed(i, DATE_PREPOSITIONS, (j, prefixed) => this.monthDate(j, prefixed)) ??
      this.partOfDay(i) ??
      this.time(i)
    );
  }

  private relative(i: number): DuePiece | undefined {
    const preposition = this.word(i, false);
    if (!preposition || !RELATIVE_WORDS.has(preposition)) return undefined;
    const amountWord = this.word(i + 1);
    if (!amountWord) return undefined;
    const compact = COMPACT_DURATION.exec(amountWord);
    const compactUnit = compact?.[2] && UNIT_WORDS.get(compact[2]);
    if (compact && compactUnit) return this.duration(i, i + 1, readAmount(compact[1] ?? ''), compactUnit);
    const implicit = preposition === 'через' ? IMPLICIT_AMOUNT_UNITS.get(amountWord) : undefined;
    if (implicit) return this.duration(i, i + 1, implicit.amount, implicit.unit);
    const unitWord = this.word(i + 2);
    const unit = unitWord && !(unitWord.length === 1 && LATIN.test(unitWord)) && UNIT_WORDS.get(unitWord);
    if (!unit) return undefined;
    const amount = AMOUNT.test(amountWord) ? readAmount(amountWord) : AMOUNT_WORDS.get(amountWord);
    if (amount !== undefined) return this.duration(i, i + 2, amount, unit);
    // "через abc часов" cannot be read; "in the hours" or "in working hours" is plain English.
    const unreadable = preposition === 'через' ? !NOT_AMOUNT_WORDS.has(amountWord) : /\d/.test(amountWord);
    return unreadable ? { kind: 'error', first: i, last: i + 2 } : undefined;
  }

  private duration(first: number, last: number, amount: number, unit: DurationUnit): DuePiece {
    if (!(amount > 0)) return { kind: 'error', first, last };
    if (unit === 'minute' || unit === 'hour') {
      return { kind: 'instant', first, last, minutes: unit === 'hour' ? amount * 60 : amount };
    }
    if (!Number.isInteger(amount)) return { kind: 'error', first, last };
    return { kind: 'date', first, last, date: { type: 'relative', unit, amount } };
  }

  private phrases(i: number): DuePiece | undefined {
    for (const [phrases, date] of PHRASE_DATES) {
      const length = this.phrase(i, phrases);
      if (length > 0) return { kind: 'date', first: i, last: i + length - 1, date };
    }
    return undefined;
  }

  private dayWord(i: number, prefixed: boolean): DuePiece | undefined {
    const days = DAY_OFFSET_WORDS.get(this.word(i, prefixed) ?? '');
    return days === undefined
      ? undefined
      : { kind: 'date', first: i, last: i, date: { type: 'offset', days } };
  }

  private weekday(i: number): DuePiece | undefined {
    let j = i;
    const preposition = WEEKDAY_PREPOSITIONS.get(this.word(j, false) ?? '');
    if (preposition) j += 1;
    const nextWeek = WEEKDAY_MODIFIERS.get(this.word(j, j > i) ?? '');
    if (nextWeek !== undefined) j += 1;
    const day = WEEKDAY_WORDS.get(this.word(j, j > i) ?? '');
    if (!day) return undefined;
    const allowed = preposition
      ? preposition.includes(day.form)
      : day.form === 'plain' || (day.form === 'ambiguous' && nextWeek !== undefined);
    if (!allowed) return undefined;
    return {
      kind: 'date',
      first: i,
      last: j,
      date: { type: 'weekday', weekday: day.weekday, nextWeek: !!nextWeek },
    };
  }

  private calendar(first: number, last: number, day: number, month: number, year?: number): DuePiece {
    // Without a year 29.02 is fine: it means the next 29 February.
    const valid =
      year === undefined ? day <= daysInMonth(2000, month) : isValidLocalDate({ year, month, day });
    if (!valid) return { kind: 'error', first, last };
    return { kind: 'date', first, last, date: { type: 'calendar', day, month, ...(year ? { year } : {}) } };
  }

  private numericDate(i: number, prefixed: boolean): DuePiece | undefined {
    const word = this.word(i, prefixed);
    if (!word) return undefined;
    const iso = ISO_DATE.exec(word);
    if (iso) return this.calendar(i, i, Number(iso[3]), Number(iso[2]), Number(iso[1]));
    const dotted = DOTTED_DATE.exec(word);
    const previous = this.tokens[i - 1];
    const afterCurrency = previous?.end === this.tokens[i]?.start && CURRENCY.test(previous?.text ?? '');
    if (!dotted?.[1] || !dotted[2] || afterCurrency) return undefined;
    const [day, month] = [Number(dotted[1]), Number(dotted[2])];
    const yearText = dotted[3];
    if (yearText) {
      return this.calendar(
        i,
        i,
        day,
        month,
        yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText),
      );
    }
    // "25.12", "5.01": a two-digit month, so that "1.5 kg" or "9.99" stay numbers.
    if (dotted[2].length !== 2 || day < 1 || day > 31 || month < 1 || month > 12) return undefined;
    return this.calendar(i, i, day, month);
  }

  private monthDate(i: number, prefixed: boolean): DuePiece | undefined {
    const a = this.word(i, prefixed);
    const b = this.word(i + 1);
    if (!a || !b) return undefined;
    const dayFirst = DAY_OF_MONTH.exec(a) && MONTH_WORDS.get(b);
    const monthFirst = MONTH_WORDS.get(a) && DAY_OF_MONTH.exec(b);
    const month = dayFirst ? MONTH_WORDS.get(b) : monthFirst ? MONTH_WORDS.get(a) : undefined;
    const day = Number((dayFirst ? DAY_OF_MONTH.exec(a) : DAY_OF_MONTH.exec(b))?.[1]);
    if (!month || day < 1 || day > 31) return undefined;
    let last = i + 1;
    const comma = this.tokens[last + 1]?.text === ',' ? 1 : 0;
    const yearWord = this.word(last + 1 + comma);
    if (yearWord && YEAR.test(yearWord)) last += 1 + comma;
    return this.calendar(i, last, day, month, last > i + 1 ? Number(yearWord) : undefined);
  }

  private partOfDay(i: number): DuePiece | undefined {
    const phrase = this.phrase(i, PART_OF_DAY_PHRASES);
    const word = this.word(i + phrase, phrase > 0);
    const part = word === undefined ? undefined : PART_OF_DAY_WORDS.get(word);
    if (!part) return undefined;
    const condition = part.alone || phrase > 0 ? {} : { condition: 'next_to_day' as const };
    return { kind: 'time', first: i, last: i + phrase, clock: part.clock, ...condition };
  }

  private time(i: number): DuePiece | undefined {
    const preposition = this.word(i, false);
    const prefixed = !!preposition && TIME_PREPOSITIONS.has(preposition);
    const j = prefixed ? i + 1 : i;
    const word = this.word(j, prefixed);
    if (!word) return undefined;
    const nextWord = this.word(j + 1) ?? '';
    // "утра", "вечера" only after "в": "за 2 дня" is a span of days, not 14:00.
    const meridiem = prefixed || LATIN.test(nextWord) ? MERIDIEM_WORDS.get(nextWord) : undefined;
    const clock = CLOCK.exec(word);
    if (clock) {
      const [hour, minute] = [Number(clock[1]), Number(clock[2])];
      const clockMeridiem = MERIDIEM_WORDS.get(nextWord);
      if (clockMeridiem) return this.clock(i, j + 1, withMeridiem(hour, minute, clockMeridiem));
      return this.clock(i, j, hour <= 23 && minute <= 59 ? { hour, minute } : undefined);
    }
    const compact = CLOCK_MERIDIEM.exec(word);
    if (compact?.[3]) {
      const clockValue = withMeridiem(Number(compact[1]), Number(compact[2] ?? 0), compact[3] as Meridiem);
      return this.clock(i, j, clockValue);
    }
    if (HOUR.test(word) && meridiem) return this.clock(i, j + 1, withMeridiem(Number(word), 0, meridiem));
    if (!prefixed) return undefined;
    const dotted = DOTTED_CLOCK.exec(word);
    if (dotted && Number(dotted[1]) <= 23 && Number(dotted[2]) <= 59) {
      return this.clock(i, j, { hour: Number(dotted[1]), minute: Number(dotted[2]) });
    }
    if (!HOUR.test(word) || Number(word) > 23) return undefined;
    const hourWord = HOUR_WORDS.has(nextWord);
    return {
      kind: 'time',
      first: i,
      last: hourWord ? j + 1 : j,
      clock: { hour: Number(word), minute: 0 },
      ...(hourWord ? {} : { condition: 'ends_clause_or_next_to_day' as const }),
    };
  }

  private clock(first: number, last: number, clock: Clock | undefined): DuePiece {
    return clock ? { kind: 'time', first, last, clock } : { kind: 'error', first, last };
  }

  /** Whether the piece ends a clause: the end of the text or a line, punctuation, or a mark. */
  endsClause(piece: DuePiece): boolean {
    const next = this.tokens[piece.last + 1];
    return !next || next.newlineBefore || next.kind === 'punct' || next.kind === 'mark';
  }
}

/** Every due-date piece of the text, in order of appearance. */
export function findDuePieces(tokens: TextToken[]): DuePiece[] {
  const scanner = new PieceScanner(tokens);
  const pieces: DuePiece[] = [];
  for (let i = 0; i < tokens.length; ) {
    const piece = scanner.at(i);
    if (piece) pieces.push(piece);
    i = piece ? piece.last + 1 : i + 1;
  }
  const dates = pieces.filter((piece) => piece.kind === 'date');
  const dayStarts = new Set(dates.map((piece) => piece.first));
  const dayEnds = new Set(dates.map((piece) => piece.last));
  return pieces.filter((piece) => {
    if (piece.kind !== 'time' || !piece.condition) return true;
    const nextToDay = dayEnds.has(piece.first - 1) || dayStarts.has(piece.last + 1);
    return nextToDay || (piece.condition === 'ends_clause_or_next_to_day' && scanner.endsClause(piece));
  });
}
