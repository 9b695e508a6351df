// A repeating task's rule: a small structured form and its RFC 5545 RRULE text, which is what is
// stored ("FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0"). Only the parts the bot writes are read
// back: anything else in a stored rule makes parseRRule answer undefined rather than guess.
//
// A rule with a time (BYHOUR/BYMINUTE) is a timed series; one without is a series of whole-day
// due dates (see due-date.ts). Dates are the person's local dates; next-occurrence.ts computes
// instants in their zone.
import type { Clock } from './time-zone';

export type Frequency = 'daily' | 'weekly' | 'monthly' | 'yearly';

export interface Recurrence {
  frequency: Frequency;
  /** Every `interval` days/weeks/months/years; 1 or more. */
  interval: number;
  /** Weekly: ISO weekdays (1 Monday .. 7 Sunday), ascending. */
  weekdays?: number[];
  /** Monthly: the nth weekday of the month, nth 1..4 or -1 for the last. */
  weekdayOfMonth?: { weekday: number; nth: number };
  /** Monthly or yearly: the day of the month, 1..31 (months without it are skipped, as RFC 5545 says). */
  monthDay?: number;
  /** Yearly: the month, 1..12. */
  month?: number;
  time?: Clock;
}

export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const FREQUENCIES: Record<string, Frequency> = {
  DAILY: 'daily',
  WEEKLY: 'weekly',
  MONTHLY: 'monthly',
  YEARLY: 'yearly',
};
const MAX_INTERVAL = 999;

function weekdayCode(weekday: number): string {
  return WEEKDAY_CODES[weekday - 1] ?? 'MO';
}

/** The rule as an RRULE value (without the "RRULE:" prefix), in a fixed order of parts. */
export function toRRule(rule: Recurrence): string {
  const parts = [`FREQ=${rule.frequency.toUpperCase()}`];
  if (rule.interval > 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.month !== undefined) parts.push(`BYMONTH=${rule.month}`);
  if (rule.monthDay !== undefined) parts.push(`BYMONTHDAY=${rule.monthDay}`);
  if (rule.weekdays?.length) parts.push(`BYDAY=${rule.weekdays.map(weekdayCode).join(',')}`);
  if (rule.weekdayOfMonth) {
    parts.push(`BYDAY=${rule.weekdayOfMonth.nth}${weekdayCode(rule.weekdayOfMonth.weekday)}`);
  }
  if (rule.time) parts.push(`BYHOUR=${rule.time.hour}`, `BYMINUTE=${rule.time.minute}`);
  return parts.join(';');
}

function integer(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !/^-?\d{1,3}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

function readByDay(text: string, rule: Recurrence): boolean {
  const items = text.split(',');
  const weekdays: number[] = [];
  for (const item of items) {
    const match = /^(-1|[1-4])?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
    if (!match) return false;
    const weekday = WEEKDAY_CODES.indexOf(match[2] as (typeof WEEKDAY_CODES)[number]) + 1;
    if (match[1] !== undefined) {
      if (items.length > 1) return false;
      rule.weekdayOfMonth = { weekday, nth: Number(match[1]) };
    } else weekdays.push(weekday);
  }
  if (weekdays.length) rule.weekdays = [...new Set(weekdays)].sort((a, b) => a - b);
  return true;
}

/** A stored RRULE value (an "RRULE:" prefix is allowed) as a rule, or undefined when it is not one the bot writes. */
export function parseRRule(text: string): Recurrence | undefined {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body.length > 200) return undefined;
  const values = new Map<string, string>();
  for (const part of body.split(';')) {
    const [key, value, extra] = part.split('=');
    if (!key || value === undefined || extra !== undefined || values.has(key.toUpperCase())) return undefined;
    values.set(key.toUpperCase(), value.toUpperCase());
  }
  const frequency = FREQUENCIES[values.get('FREQ') ?? ''];
  if (!frequency) return undefined;
  const interval = values.has('INTERVAL') ? integer(values.get('INTERVAL'), 1, MAX_INTERVAL) : 1;
  if (interval === undefined) return undefined;
  const rule: Recurrence = { frequency, interval };
  const ranges: Record<string, [number, number]> = {
    BYMONTH: [1, 12],
    BYMONTHDAY: [1, 31],
    BYHOUR: [0, 23],
    BYMINUTE: [0, 59],
  };
  for (const [key, value] of values) {
    const range = ranges[key];
    if (key === 'FREQ' || key === 'INTERVAL') continue;
    if (key === 'BYDAY') {
      if (!readByDay(value, rule)) return undefined;
    } else if (!range || integer(value, ...range) === undefined) return undefined;
  }
  const month = values.get('BYMONTH');
  const monthDay = values.get('BYMONTHDAY');
  if (month !== undefined) rule.month = Number(month);
  if (monthDay !== undefined) rule.monthDay = Number(monthDay);
  const hour = values.get('BYHOUR');
  const minute = values.get('BYMINUTE');
  if ((hour === undefined) !== (minute === undefined)) return undefined;
  if (hour !== undefined && minute !== undefined) rule.time = { hour: Number(hour), minute: Number(minute) };
  return isConsistent(rule) ? rule : undefined;
}

/** Whether the parts fit the frequency, as the bot writes them. */
export function isConsistent(rule: Recurrence): boolean {
  const { frequency, weekdays, weekdayOfMonth, monthDay, month } = rule;
  if (!Number.isInteger(rule.interval) || rule.interval < 1 || rule.interval > MAX_INTERVAL) return false;
  if (weekdays && frequency !== 'weekly') return false;
  if (weekdayOfMonth && (frequency !== 'monthly' || monthDay !== undefined)) return false;
  if (monthDay !== undefined && frequency !== 'monthly' && frequency !== 'yearly') return false;
  if (month !== undefined && (frequency !== 'yearly' || monthDay === undefined)) return false;
  if (frequency === 'yearly' && (month === undefined) !== (monthDay === undefined)) return false;
  return true;
}
