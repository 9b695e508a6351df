import { CSV_BOM, CSV_COLUMNS, csvCell, csvHeader, NOTE_SEPARATOR, taskCsvRow } from './export-csv';
import {
  CALENDAR_END,
  calendarHead,
  exportedRRule,
  foldLine,
  icsInstant,
  icsText,
  taskVTodo,
} from './export-ics';
import { type ExportTask, fileSizeText } from './export-task';

const exportTask = (extra: Partial<ExportTask> = {}): ExportTask => ({
  id: 7,
  title: 'Buy milk',
  status: 'open',
  priority: 'normal',
  project: null,
  chat: null,
  dueAt: null,
  doneAt: null,
  createdAt: new Date('2026-12-01T08:00:00.123Z'),
  author: '@ann',
  assignee: null,
  recurrence: null,
  remindAt: null,
  notes: [],
  fileCount: 0,
  ...extra,
});

describe('the CSV of /export', () => {
  it('starts with a BOM and a header row naming every column', () => {
    const header = csvHeader();
    expect(header.startsWith(CSV_BOM)).toBe(true);
    expect(header.slice(1)).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('quotes cells with quotes, commas and line breaks as RFC 4180 says', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvCell('Купить молоко')).toBe('Купить молоко');
  });

  it.each(['=1+2', '+1', '-2', '@SUM(A1)', '\t=x'])('keeps %p from running as a formula', (value) => {
    expect(csvCell(value)).toBe(`'${value}`);
  });

  it('guards a formula that also needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it('writes every field of a task, instants in UTC to the second', () => {
    const row = taskCsvRow(
      exportTask({
        title: 'Call "Anna", re: план\nsecond line',
        status: 'done',
        priority: 'urgent',
        project: 'work',
        chat: 'Team',
        dueAt: new Date('2026-12-05T10:00:00Z'),
        doneAt: new Date('2026-12-05T09:30:00Z'),
        assignee: 'Boris Ivanov',
        recurrence: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0',
        remindAt: new Date('2026-12-05T09:45:00Z'),
        notes: ['first', 'second'],
        fileCount: 2,
      }),
    );
    expect(row).toBe(
      `${[
        '7',
        '"Call ""Anna"", re: план\nsecond line"',
        'done',
        'urgent',
        'work',
        'Team',
        '2026-12-05T10:00:00Z',
        '2026-12-05T09:30:00Z',
        '2026-12-01T08:00:00Z',
        "'@ann",
        'Boris Ivanov',
        'FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0',
        '2026-12-05T09:45:00Z',
        `"first${NOTE_SEPARATOR}second"`,
        '2',
      ].join(',')}\r\n`,
    );
  });

  it('leaves empty what a task does not have', () => {
    expect(taskCsvRow(exportTask({ author: null }))).toBe(
      '7,Buy milk,open,normal,,,,,2026-12-01T08:00:00Z,,,,,,0\r\n',
    );
  });
});

const options = { uidDomain: 'taskbot', now: new Date('2026-12-05T12:00:00Z') };
/** The content lines, unfolded. */
const unfold = (text: string) => text.replace(/\r\n /g, '').split('\r\n').filter(Boolean);

describe('the iCalendar file of /export', () => {
  it('escapes backslash, semicolon, comma and line breaks in text', () => {
    expect(icsText('a\\b; c, d\ne\r\nf')).toBe('a\\\\b\\; c\\, d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'Я'.repeat(100)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(2);
    for (const [index, part] of physical.entries()) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      if (index > 0) expect(part.startsWith(' ')).toBe(true);
      expect(part).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('folds four-byte characters whole too', () => {
    const folded = foldLine(`SUMMARY:${'🎉'.repeat(40)}`);
    for (const part of folded.split('\r\n')) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      expect([...part.trimStart()].every((char) => char === '🎉' || /[A-Z:]/.test(char))).toBe(true);
    }
  });

  it('writes instants as UTC date-times', () => {
    expect(icsInstant(new Date('2026-12-05T10:03:09.456Z'))).toBe('20261205T100309Z');
  });

  it('opens and closes a calendar with its version and product', () => {
    expect(unfold(calendarHead())).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Taskbot//Task export//EN',
      'CALSCALE:GREGORIAN',
    ]);
    expect(CALENDAR_END).toBe('END:VCALENDAR\r\n');
  });

  it('writes an open repeating task with its due time, priority, project, rule, reminder and notes', () => {
    const todo = taskVTodo(
      exportTask({
        title: 'Call Anna, re: план; now',
        priority: 'urgent',
        project: 'work, home',
        dueAt: new Date('2026-12-07T07:00:00Z'),
        recurrence: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0',
        remindAt: new Date('2026-12-07T06:30:00Z'),
        notes: ['line one\nline two', 'second'],
      }),
      options,
    );
    expect(todo.endsWith('\r\n')).toBe(true);
    expect(unfold(todo)).toEqual([
      'BEGIN:VTODO',
      'UID:task-7@taskbot',
      'DTSTAMP:20261205T120000Z',
      'CREATED:20261201T080000Z',
      'SUMMARY:Call Anna\\, re: план\\; now',
      'PRIORITY:1',
      'DTSTART:20261207T070000Z',
      'DUE:20261207T070000Z',
      'RRULE:FREQ=WEEKLY;BYDAY=MO',
      'STATUS:NEEDS-ACTION',
      'CATEGORIES:work\\, home',
      'DESCRIPTION:line one\\nline two\\n\\nsecond',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:Call Anna\\, re: план\\; now',
      'TRIGGER;RELATED=END:-PT1800S',
      'END:VALARM',
      'END:VTODO',
    ]);
  });

  it('writes a done task as completed, without its rule or reminder', () => {
    const lines = unfold(
      taskVTodo(
        exportTask({
          status: 'done',
          priority: 'low',
          doneAt: new Date('2026-12-04T18:00:00Z'),
          dueAt: new Date('2026-12-04T20:59:00Z'),
          recurrence: 'FREQ=DAILY',
          remindAt: new Date('2026-12-04T20:44:00Z'),
        }),
        options,
      ),
    );
    expect(lines).toContain('STATUS:COMPLETED');
    expect(lines).toContain('COMPLETED:20261204T180000Z');
    expect(lines).toContain('PRIORITY:9');
    expect(lines.some((line) => line.startsWith('RRULE') || line.startsWith('DTSTART'))).toBe(false);
    expect(lines).not.toContain('BEGIN:VALARM');
  });

  it('rings a reminder without a due time at its instant', () => {
    const lines = unfold(taskVTodo(exportTask({ remindAt: new Date('2026-12-06T09:00:00Z') }), options));
    expect(lines).toContain('TRIGGER;VALUE=DATE-TIME:20261206T090000Z');
    expect(lines.some((line) => line.startsWith('DUE'))).toBe(false);
    expect(lines).toContain('PRIORITY:5');
  });

  it('exports only rules, without the local clock', () => {
    expect(exportedRRule('RRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=30')).toBe('FREQ=DAILY');
    expect(exportedRRule('FREQ=MONTHLY;BYMONTHDAY=15')).toBe('FREQ=MONTHLY;BYMONTHDAY=15');
    expect(exportedRRule('BYDAY=MO')).toBeUndefined();
    expect(exportedRRule('FREQ=DAILY\r\nBEGIN:VEVENT')).toBeUndefined();
  });
});

describe('the size of an export file, as the bot names it', () => {
  it('says megabytes from one megabyte up, kilobytes below, in the person’s language', () => {
    expect(fileSizeText(45_000_000, 'en')).toBe('45 MB');
    expect(fileSizeText(45_000_000, 'ru')).toBe('45 МБ');
    expect(fileSizeText(1_250_000, 'en')).toBe('1.3 MB');
    expect(fileSizeText(4_096, 'en')).toBe('4.1 kB');
    expect(fileSizeText(4_096, 'ru')).toBe('4,1 кБ');
  });
});
