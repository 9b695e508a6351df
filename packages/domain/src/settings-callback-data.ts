// The settings screens' button data (`s`, `s:…`): see the layout in callback-data.ts.

/** At most a week, as DEFAULT_REMINDER_LEAD_MINUTES. */
export const MAX_LEAD_MINUTES = 10_080;

const CLOCK = '([01]\\d|2[0-3])([0-5]\\d)';

export type SettingsOp =
  | { op: 'menu' }
  | { op: 'language'; language: 'en' | 'ru' }
  | { op: 'timeZone' }
  | { op: 'leadMenu' }
  | { op: 'lead'; minutes: number }
  | { op: 'digestMenu' }
  | { op: 'digest'; time: string | null }
  | { op: 'digestAsk' }
  | { op: 'quietMenu' }
  | { op: 'quiet'; start: string | null; end: string | null }
  | { op: 'quietAsk' };

const clockCode = (time: string) => time.replace(':', '');
const clockOf = (hours: string, minutes: string) => `${hours}:${minutes}`;

export function encodeSettings(op: SettingsOp): string {
  switch (op.op) {
    case 'menu':
      return 's';
    case 'language':
      return `s:l:${op.language}`;
    case 'timeZone':
      return 's:tz';
    case 'leadMenu':
      return 's:ld';
    case 'lead':
      return `s:ld:${op.minutes}`;
    case 'digestMenu':
      return 's:dg';
    case 'digest':
      return `s:dg:${op.time ? clockCode(op.time) : 'off'}`;
    case 'digestAsk':
      return 's:dg:?';
    case 'quietMenu':
      return 's:q';
    case 'quiet':
      return `s:q:${op.start && op.end ? `${clockCode(op.start)}-${clockCode(op.end)}` : 'off'}`;
    case 'quietAsk':
      return 's:q:?';
  }
}

export function decodeSettings(data: string): SettingsOp | undefined {
  const fixed: Record<string, SettingsOp> = {
    s: { op: 'menu' },
    's:tz': { op: 'timeZone' },
    's:ld': { op: 'leadMenu' },
    's:dg': { op: 'digestMenu' },
    's:dg:off': { op: 'digest', time: null },
    's:dg:?': { op: 'digestAsk' },
    's:q': { op: 'quietMenu' },
    's:q:off': { op: 'quiet', start: null, end: null },
    's:q:?': { op: 'quietAsk' },
    's:l:en': { op: 'language', language: 'en' },
    's:l:ru': { op: 'language', language: 'ru' },
  };
  if (Object.hasOwn(fixed, data)) return fixed[data];
  let match = /^s:ld:(0|[1-9]\d{0,4})$/.exec(data);
  if (match) {
    const minutes = Number(match[1]);
    return minutes <= MAX_LEAD_MINUTES ? { op: 'lead', minutes } : undefined;
  }
  match = new RegExp(`^s:dg:${CLOCK}$`).exec(data);
  if (match?.[1] && match[2]) return { op: 'digest', time: clockOf(match[1], match[2]) };
  match = new RegExp(`^s:q:${CLOCK}-${CLOCK}$`).exec(data);
  if (match?.[1] && match[2] && match[3] && match[4]) {
    return { op: 'quiet', start: clockOf(match[1], match[2]), end: clockOf(match[3], match[4]) };
  }
  return undefined;
}
