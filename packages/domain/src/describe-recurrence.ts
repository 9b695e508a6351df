// A repetition in plain words for the task card, after 🔁: "every Monday at 10:00",
// "по будням в 9:00", "каждые 2 недели по понедельникам". Built from words per language, like the
// day names in time-zone.ts, because Russian needs a form of each word for each number.
import type { Language } from './language';
import { parseRRule, type Recurrence } from './recurrence';

interface Words {
  weekdays: string[];
  months: string[];
}

const EN: Words = {
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  months: 'January February March April May June July August September October November December'.split(' '),
};

const RU = {
  /** "по понедельникам". */
  plural: ['понедельникам', 'вторникам', 'средам', 'четвергам', 'пятницам', 'субботам', 'воскресеньям'],
  /** "в последнюю пятницу", in the accusative, with the gender of "первый/первую/первое". */
  accusative: ['понедельник', 'вторник', 'среду', 'четверг', 'пятницу', 'субботу', 'воскресенье'],
  gender: ['m', 'm', 'f', 'm', 'f', 'f', 'n'] as const,
  months: 'января февраля марта апреля мая июня июля августа сентября октября ноября декабря'.split(' '),
};

const RU_NTH = {
  m: { 1: 'первый', 2: 'второй', 3: 'третий', 4: 'четвёртый', [-1]: 'последний' },
  f: { 1: 'первую', 2: 'вторую', 3: 'третью', 4: 'четвёртую', [-1]: 'последнюю' },
  n: { 1: 'первое', 2: 'второе', 3: 'третье', 4: 'четвёртое', [-1]: 'последнее' },
} as const;
const EN_NTH: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' };

const WEEKDAYS = [1, 2, 3, 4, 5];
const WEEKEND = [6, 7];

function sameDays(a: number[] | undefined, b: number[]): boolean {
  return a?.length === b.length && b.every((day, k) => a[k] === day);
}

function list(items: string[], and: string): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

function ordinal(day: number): string {
  const suffix =
    day % 10 === 1 && day !== 11
      ? 'st'
      : day % 10 === 2 && day !== 12
        ? 'nd'
        : day % 10 === 3 && day !== 13
          ? 'rd'
          : 'th';
  return `${day}${suffix}`;
}

/** The Russian form of a unit for a number: 1 день, 2 дня, 5 дней. */
function russianPlural(count: number, [one, few, many]: [string, string, string]): string {
  const tens = count % 100;
  const units = count % 10;
  if (units === 1 && tens !== 11) return one;
  return units >= 2 && units <= 4 && (tens < 12 || tens > 14) ? few : many;
}

const EN_UNITS = { daily: 'day', weekly: 'week', monthly: 'month', yearly: 'year' } as const;
const RU_UNITS = {
  daily: ['день', 'дня', 'дней'],
  weekly: ['неделю', 'недели', 'недель'],
  monthly: ['месяц', 'месяца', 'месяцев'],
  yearly: ['год', 'года', 'лет'],
} as const;
const RU_EVERY_ONE = {
  daily: 'каждый день',
  weekly: 'каждую неделю',
  monthly: 'каждый месяц',
  yearly: 'каждый год',
};

function clockText(rule: Recurrence): string {
  return rule.time ? `${rule.time.hour}:${String(rule.time.minute).padStart(2, '0')}` : '';
}

function english(rule: Recurrence): string {
  const { frequency, interval, weekdays, weekdayOfMonth, monthDay, month } = rule;
  const unit = EN_UNITS[frequency];
  const every = interval > 1 ? `every ${interval} ${unit}s` : `every ${unit}`;
  let text = every;
  if (weekdays && interval === 1) {
    if (sameDays(weekdays, WEEKDAYS)) text = 'every weekday';
    else if (sameDays(weekdays, WEEKEND)) text = 'every weekend';
    else
      text = `every ${list(
        weekdays.map((day) => EN.weekdays[day - 1] ?? ''),
        'and',
      )}`;
  } else if (weekdays)
    text = `${every} on ${list(
      weekdays.map((day) => EN.weekdays[day - 1] ?? ''),
      'and',
    )}`;
  else if (weekdayOfMonth) {
    const day = `the ${EN_NTH[weekdayOfMonth.nth]} ${EN.weekdays[weekdayOfMonth.weekday - 1]}`;
    text = interval === 1 ? `every ${day.slice(4)} of the month` : `${every} on ${day}`;
  } else if (month !== undefined && monthDay !== undefined)
    text = `${every} on ${monthDay} ${EN.months[month - 1]}`;
  else if (monthDay !== undefined) text = `${every} on the ${ordinal(monthDay)}`;
  return rule.time ? `${text} at ${clockText(rule)}` : text;
}

function russian(rule: Recurrence): string {
  const { frequency, interval, weekdays, weekdayOfMonth, monthDay, month } = rule;
  const forms = RU_UNITS[frequency] as unknown as [string, string, string];
  const unit = russianPlural(interval, forms);
  const every =
    interval === 1
      ? RU_EVERY_ONE[frequency]
      : `${russianPlural(interval, ['каждый', 'каждые', 'каждые'])} ${interval} ${unit}`;
  let text = every;
  if (weekdays) {
    const days = sameDays(weekdays, WEEKDAYS)
      ? 'по будням'
      : sameDays(weekdays, WEEKEND)
        ? 'по выходным'
        : `по ${list(
            weekdays.map((day) => RU.plural[day - 1] ?? ''),
            'и',
          )}`;
    text = interval === 1 ? days : `${every} ${days}`;
  } else if (weekdayOfMonth) {
    const { weekday, nth } = weekdayOfMonth;
    const gender = RU.gender[weekday - 1] ?? 'm';
    const nthWord = RU_NTH[gender][nth as 1 | 2 | 3 | 4 | -1];
    text = `${every} ${nthWord.startsWith('вт') ? 'во' : 'в'} ${nthWord} ${RU.accusative[weekday - 1]}`;
  } else if (month !== undefined && monthDay !== undefined)
    text = `${every} ${monthDay} ${RU.months[month - 1]}`;
  else if (monthDay !== undefined) text = `${every} ${monthDay}-го числа`;
  return rule.time ? `${text} в ${clockText(rule)}` : text;
}

/** The rule in plain words, or undefined for a stored rule the bot does not write. */
export function describeRecurrence(rule: Recurrence | string, lang: Language): string | undefined {
  const parsed = typeof rule === 'string' ? parseRRule(rule) : rule;
  if (!parsed) return undefined;
  return lang === 'ru' ? russian(parsed) : english(parsed);
}
