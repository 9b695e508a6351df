// The English and Russian words of repetition ("every Monday", "каждые 2 недели", "по будням").
// All lower case; ё is written as е, and find-recurrence.ts reads words the same way.
import type { Frequency } from './recurrence';

/** The word that opens a repetition and needs a unit or a day after it. */
export const EVERY_WORDS = new Set(['every', 'each', 'каждый', 'каждую', 'каждое', 'каждые', 'каждого']);

/** Adverbs that are a repetition on their own. */
export const ALONE_WORDS = new Map<string, Frequency>([
  ['ежедневно', 'daily'],
  ['еженедельно', 'weekly'],
  ['ежемесячно', 'monthly'],
  ['ежегодно', 'yearly'],
]);

/**
 * English adverbs that are also adjectives ("Daily standup"): a repetition only where they end a
 * clause or a time follows ("water the plants daily", "daily at 9").
 */
export const ADJECTIVE_WORDS = new Map<string, Frequency>([
  ['daily', 'daily'],
  ['weekly', 'weekly'],
  ['monthly', 'monthly'],
  ['yearly', 'yearly'],
  ['annually', 'yearly'],
]);

/** Units after "every"/"каждый", in every form a number or "every" takes. */
export const FREQUENCY_WORDS = new Map<string, Frequency>();
for (const [frequency, words] of [
  ['daily', 'day days день дня дней'],
  ['weekly', 'week weeks неделю недели недель'],
  ['monthly', 'month months месяц месяца месяцев'],
  ['yearly', 'year years год года лет'],
] as const) {
  for (const word of words.split(' ')) FREQUENCY_WORDS.set(word, frequency);
}

/** Numbers written as words after "every"/"каждые". */
export const NUMBER_WORDS = new Map<string, number>([
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['два', 2],
  ['две', 2],
  ['три', 3],
  ['четыре', 4],
  ['пять', 5],
  ['шесть', 6],
]);

/** The nth weekday of a month: "every last Friday", "каждую последнюю пятницу", "каждый первый понедельник". */
export const NTH_WORDS = new Map<string, number>([
  ['first', 1],
  ['second', 2],
  ['third', 3],
  ['fourth', 4],
  ['last', -1],
  ['первый', 1],
  ['первую', 1],
  ['первое', 1],
  ['второй', 2],
  ['вторую', 2],
  ['второе', 2],
  ['третий', 3],
  ['третью', 3],
  ['третье', 3],
  ['четвертый', 4],
  ['четвертую', 4],
  ['четвертое', 4],
  ['последний', -1],
  ['последнюю', -1],
  ['последнее', -1],
]);

/** "every other week", "каждую вторую неделю": the interval an ordinal word gives before a unit. */
export const INTERVAL_WORDS = new Map<string, number>([
  ['other', 2],
  ...[...NTH_WORDS].filter(([, nth]) => nth === 2 || nth === 3),
]);

/** Groups of days: "every weekday", "каждый будний день", "по будням", "по выходным". */
export const WEEKDAY_GROUPS = new Map<string, number[]>([
  ['weekday', [1, 2, 3, 4, 5]],
  ['weekdays', [1, 2, 3, 4, 5]],
  ['weekend', [6, 7]],
  ['weekends', [6, 7]],
  ['будням', [1, 2, 3, 4, 5]],
  ['выходным', [6, 7]],
  ['выходные', [6, 7]],
]);

/** "по понедельникам": weekdays in the dative plural, after "по". */
export const PLURAL_WEEKDAYS = new Map<string, number>();
for (const [weekday, words] of [
  [1, 'понедельникам пн'],
  [2, 'вторникам вт'],
  [3, 'средам ср'],
  [4, 'четвергам чт'],
  [5, 'пятницам пт'],
  [6, 'субботам сб'],
  [7, 'воскресеньям воскресениям вс'],
] as const) {
  for (const word of words.split(' ')) PLURAL_WEEKDAYS.set(word, weekday);
}

/** Words joining weekdays in a list: "Mon and Thu", "вторник и четверг", "mon, wed, fri". */
export const AND_WORDS = new Set(['and', '&', ',', 'и']);

/** Filler before a day of the month or a date: "on the 1st", "of the month", "числа". */
export const ON_WORDS = new Set(['on', 'the', 'в']);
export const OF_MONTH_PHRASES = [
  ['of', 'the', 'month'],
  ['of', 'each', 'month'],
  ['of', 'every', 'month'],
  ['месяца'],
];

/** "каждое 1 число", "каждый месяц 15 числа": the word for a day of the month. */
export const MONTH_DAY_WORDS = new Set(['число', 'числа']);

/** A day of the month as written: "1st", "15th", "15", "15-го", "15-е", "1-ое". */
export const MONTH_DAY = /^([1-9]|[12]\d|3[01])(?:st|nd|rd|th|-?го|-?е|-?ое|-?ого)?$/;
