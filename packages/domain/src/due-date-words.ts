// The English and Russian words of due dates. All lower case.

export type DurationUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** How a weekday word may stand: alone, or only after a preposition or "next"/"this". */
export type WeekdayForm =
  | 'plain' // "friday", "пятницу": alone or after on/by/в
  | 'ambiguous' // "sun", "sat", "wed", "среду": also ordinary words, so only after on/by/в/next/this
  | 'genitive' // "пятницы": only after "до"
  | 'dative'; // "пятнице": only after "к"

function entries<T>(groups: Array<[T, string]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of groups) for (const word of words.split(' ')) map.set(word, value);
  return map;
}

export const DAY_OFFSET_WORDS = entries<number>([
  [0, 'today сегодня'],
  [1, 'tomorrow tmrw tmr завтра'],
  [2, 'послезавтра'],
]);

/** ISO weekday (1 Monday .. 7 Sunday) and form of each weekday word. */
export const WEEKDAY_WORDS = new Map<string, { weekday: number; form: WeekdayForm }>();
for (const [weekday, plain, ambiguous, genitive, dative] of [
  [1, 'monday mon понедельник пн', '', 'понедельника', 'понедельнику'],
  [2, 'tuesday tue tues вторник вт', '', 'вторника', 'вторнику'],
  [3, 'wednesday ср', 'wed среду среда', 'среды', 'среде'],
  [4, 'thursday thu thur thurs четверг чт', '', 'четверга', 'четвергу'],
  [5, 'friday fri пятницу пятница пт', '', 'пятницы', 'пятнице'],
  [6, 'saturday субботу суббота сб', 'sat', 'субботы', 'субботе'],
  [7, 'sunday воскресенье вс', 'sun', 'воскресенья', 'воскресенью'],
] as const) {
  const forms: Array<[WeekdayForm, string]> = [
    ['plain', plain],
    ['ambiguous', ambiguous],
    ['genitive', genitive],
    ['dative', dative],
  ];
  for (const [form, words] of forms) {
    for (const word of words.split(' ').filter(Boolean)) WEEKDAY_WORDS.set(word, { weekday, form });
  }
}

/** Prepositions before a weekday, and the forms each may govern. */
export const WEEKDAY_PREPOSITIONS = entries<WeekdayForm[]>([
  [['plain', 'ambiguous'], 'on by в во на'],
  [['genitive'], 'до'],
  [['dative'], 'к ко'],
]);

/** Words between the preposition and the weekday: true for "the one of next week". */
export const WEEKDAY_MODIFIERS = entries<boolean>([
  [true, 'next следующий следующую следующее следующей следующего следующему след'],
  [false, 'this coming эту этот это этой этого этому ближайший ближайшую ближайшее ближайшей ближайшего'],
]);

export const MONTH_WORDS = entries<number>([
  [1, 'jan january января янв'],
  [2, 'feb february февраля фев'],
  [3, 'mar march марта мар'],
  [4, 'apr april апреля апр'],
  [5, 'may мая'],
  [6, 'jun june июня июн'],
  [7, 'jul july июля июл'],
  [8, 'aug august августа авг'],
  [9, 'sep sept september сентября сен сент'],
  [10, 'oct october октября окт'],
  [11, 'nov november ноября ноя нояб'],
  [12, 'dec december декабря дек'],
]);

/** Prepositions before a calendar date or a day word: "on 25.12", "by 25.12", "до 25.12", "на завтра". */
export const DATE_PREPOSITIONS = new Set(['on', 'by', 'до', 'на']);

/** Prepositions before a time of day: "at 18:00", "в 9". */
export const TIME_PREPOSITIONS = new Set(['at', 'в', 'во']);

export const RELATIVE_WORDS = new Set(['in', 'через']);

export const UNIT_WORDS = entries<DurationUnit>([
  ['minute', 'm min mins minute minutes мин минута минуту минуты минут'],
  ['hour', 'h hr hrs hour hours ч час часа часов'],
  ['day', 'd day days день дня дней сутки суток'],
  ['week', 'w wk wks week weeks нед неделя неделю недели недель'],
  ['month', 'mo month months мес месяц месяца месяцев'],
  ['year', 'y yr yrs year years год года лет'],
]);

/** "через час", "через неделю": a unit alone after "через" means one of it ("полчаса": half an hour). */
export const IMPLICIT_AMOUNT_UNITS = entries<{ unit: DurationUnit; amount: number }>([
  [{ unit: 'minute', amount: 1 }, 'минуту'],
  [{ unit: 'minute', amount: 30 }, 'полчаса'],
  [{ unit: 'hour', amount: 1 }, 'час'],
  [{ unit: 'day', amount: 1 }, 'день сутки'],
  [{ unit: 'week', amount: 1 }, 'неделю'],
  [{ unit: 'month', amount: 1 }, 'месяц'],
  [{ unit: 'year', amount: 1 }, 'год'],
]);

export const AMOUNT_WORDS = entries<number>([
  [1, 'a an one один одну одна'],
  [2, 'two два две пару'],
  [3, 'three три'],
  [4, 'four четыре'],
  [5, 'five пять'],
  [6, 'six шесть'],
  [7, 'seven семь'],
  [8, 'eight восемь'],
  [9, 'nine девять'],
  [10, 'ten десять'],
  [11, 'eleven'],
  [12, 'twelve'],
]);

/**
 * Words that may stand between "in"/"через" and a unit without meaning an amount, as in "in the
 * hours before" or "через эти дни": these are text, not an unreadable date.
 */
export const NOT_AMOUNT_WORDS = new Set(
  'the these those this that my your his her its our their some many all every each эти те все мои свои наши ваши его её их'.split(
    ' ',
  ),
);

/** What a time of day may be followed by: am/pm, "утра" (morning) ... "ночи" (night). */
export type Meridiem = 'am' | 'pm' | 'night';
export const MERIDIEM_WORDS = entries<Meridiem>([
  ['am', 'am утра'],
  ['pm', 'pm дня вечера'],
  ['night', 'ночи'],
]);

/**
 * Parts of the day and their hours. Russian "утром", "вечером" always mean a time; English
 * "morning" only after "in the" or next to a day ("friday evening"), so "Morning run" stays text.
 */
export const PART_OF_DAY_WORDS = entries<{ clock: { hour: number; minute: number }; alone: boolean }>([
  [{ clock: { hour: 9, minute: 0 }, alone: true }, 'утром'],
  [{ clock: { hour: 19, minute: 0 }, alone: true }, 'вечером'],
  [{ clock: { hour: 20, minute: 0 }, alone: true }, 'tonight'],
  // "днём" also reads "с днём рождения" (happy birthday): only next to a day, like the English words.
  [{ clock: { hour: 13, minute: 0 }, alone: false }, 'днём днем'],
  [{ clock: { hour: 9, minute: 0 }, alone: false }, 'morning'],
  [{ clock: { hour: 14, minute: 0 }, alone: false }, 'afternoon'],
  [{ clock: { hour: 19, minute: 0 }, alone: false }, 'evening'],
]);
export const PART_OF_DAY_PREFIXES = ['in the', 'this'];

/** "в 9 часов": the hour word after a bare hour. */
export const HOUR_WORDS = new Set(['часов', 'часа', 'час', 'ч']);

export const NEXT_WEEK_PHRASES = ['next week', 'на следующей неделе', 'на след неделе'];
export const NEXT_MONTH_PHRASES = ['next month', 'в следующем месяце', 'в след месяце'];
export const DAY_AFTER_TOMORROW_PHRASES = ['the day after tomorrow', 'day after tomorrow'];
