import type { ExportTask } from './export-task';

// /export's iCalendar file (RFC 5545): one VCALENDAR, one VTODO a task. Lines end in CRLF and are
// folded at 75 octets without splitting a UTF-8 character; instants are UTC ("...Z").
//
// A repeating task: the stored RRULE reads BYHOUR/BYMINUTE as the author's local clock, which a
// calendar would read in UTC here, so those two parts are left out and the time of day comes from
// DTSTART (the due time). BYDAY and BYMONTHDAY stay the author's local days: a series due close to
// midnight UTC may show a day off in a calendar. Only open tasks carry the RRULE: a series' done
// occurrences are completed one-off to-dos, so a calendar does not count the series twice.

export interface CalendarOptions {
  /** Right of the @ of every UID (the bot's username): task-<id>@<uidDomain>, stable across exports. */
  uidDomain: string;
  /** DTSTAMP: when the file was made. */
  now: Date;
}

/** RFC 5545 priorities: 1 highest, 9 lowest. */
const PRIORITIES: Record<string, number> = { urgent: 1, high: 3, normal: 5, low: 9 };

/** A control character TEXT may not hold (all but tab; line breaks are escaped before). */
const isControl = (char: string) => {
  const code = char.charCodeAt(0);
  return (code < 0x20 && char !== '\t') || code === 0x7f;
};

/** TEXT as RFC 5545 writes it: backslash, semicolon and comma escaped, line breaks as \n. */
export function icsText(text: string): string {
  const escaped = text.replace(/[\\;,]/g, (char) => `\\${char}`).replace(/\r\n|\r|\n/g, '\\n');
  return [...escaped].filter((char) => !isControl(char)).join('');
}

/** A content line folded at 75 octets (continuations start with a space), never inside a character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** An instant as a UTC DATE-TIME: 20261205T100000Z. */
export function icsInstant(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const lines = (content: string[]) => content.map((line) => `${foldLine(line)}\r\n`).join('');

/** The calendar's opening lines. */
export function calendarHead(): string {
  return lines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Taskbot//Task export//EN',
    'CALSCALE:GREGORIAN',
  ]);
}

export const CALENDAR_END = 'END:VCALENDAR\r\n';

/** The stored rule without its local clock (see the top of this file); undefined for a value that is no rule. */
export function exportedRRule(recurrence: string): string | undefined {
  const body = recurrence.trim().replace(/^RRULE:/i, '');
  if (!/^[A-Z0-9=;,+-]+$/i.test(body)) return undefined;
  const parts = body.split(';').filter((part) => !/^BY(HOUR|MINUTE)=/i.test(part));
  return parts.some((part) => /^FREQ=/i.test(part)) ? parts.join(';') : undefined;
}

/** A signed RFC 5545 duration in whole seconds: -PT1800S. */
function duration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  return `${ms < 0 ? '-' : ''}PT${seconds}S`;
}

/**
 * The reminder, for an open task that has one: relative to the due time when there is one (as the
 * bot computes it: due minus lead time), else at its instant.
 */
function alarm(task: ExportTask): string[] {
  if (!task.remindAt || task.status !== 'open') return [];
  const trigger = task.dueAt
    ? `TRIGGER;RELATED=END:${duration(task.remindAt.getTime() - task.dueAt.getTime())}`
    : `TRIGGER;VALUE=DATE-TIME:${icsInstant(task.remindAt)}`;
  return ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${icsText(task.title)}`, trigger, 'END:VALARM'];
}

/** One task as a VTODO. */
export function taskVTodo(task: ExportTask, options: CalendarOptions): string {
  const content = [
    'BEGIN:VTODO',
    `UID:task-${task.id}@${options.uidDomain}`,
    `DTSTAMP:${icsInstant(options.now)}`,
    `CREATED:${icsInstant(task.createdAt)}`,
    `SUMMARY:${icsText(task.title)}`,
    `PRIORITY:${PRIORITIES[task.priority] ?? 5}`,
  ];
  const rule = task.status === 'open' && task.dueAt && task.recurrence && exportedRRule(task.recurrence);
  if (task.dueAt) {
    // A rule repeats from DTSTART; DUE equal to it is allowed (DUE is not before DTSTART).
    if (rule) content.push(`DTSTART:${icsInstant(task.dueAt)}`);
    content.push(`DUE:${icsInstant(task.dueAt)}`);
  }
  if (rule) content.push(`RRULE:${rule}`);
  if (task.status === 'done') {
    content.push('STATUS:COMPLETED');
    if (task.doneAt) content.push(`COMPLETED:${icsInstant(task.doneAt)}`);
  } else {
    content.push('STATUS:NEEDS-ACTION');
  }
  if (task.project) content.push(`CATEGORIES:${icsText(task.project)}`);
  if (task.notes.length > 0) content.push(`DESCRIPTION:${icsText(task.notes.join('\n\n'))}`);
  content.push(...alarm(task), 'END:VTODO');
  return lines(content);
}
