import { parse } from 'csv-parse/sync';

// ical.js types only its ESM build; its CommonJS build (loaded here, as jest runs CommonJS) is the same.
type ICALModule = typeof import('ical.js', { with: { 'resolution-mode': 'import' }});
const ICAL = require('ical.js') as ICALModule['default'];

// /export's files read back with maintained parsers (csv-parse, ical.js), as a spreadsheet or
// calendar app would read them: the tests check what those see, not what our formatter meant.

/** The CSV's records as objects by header, after checking the BOM is there. */
export function readExportCsv(text: string): Array<Record<string, string>> {
  if (!text.startsWith('\uFEFF')) throw new Error('the CSV has no UTF-8 BOM');
  return parse(text.slice(1), { columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>;
}

/** The calendar's to-dos, as ical.js reads them. */
export function readExportIcs(text: string): InstanceType<typeof ICAL.Component>[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  if (calendar.getFirstPropertyValue('version') !== '2.0') throw new Error('no VERSION:2.0');
  if (!calendar.getFirstPropertyValue('prodid')) throw new Error('no PRODID');
  return calendar.getAllSubcomponents('vtodo');
}
