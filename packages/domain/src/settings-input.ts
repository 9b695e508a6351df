import { MAX_LEAD_MINUTES } from './callback-data';
import { readTimeZone } from './zone-choice';

// Settings typed as text (`/settings tz Europe/Moscow`, or a reply to the bot's question): parsed
// here, so every bad value gets a reason and nothing half-valid is stored.

export type SettingChange =
  | { setting: 'language'; value: 'en' | 'ru' }
  | { setting: 'timeZone'; value: string }
  | { setting: 'lead'; value: number }
  | { setting: 'digest'; value: string | null }
  | { setting: 'quiet'; value: { start: string; end: string } | null };

export type SettingParse =
  | { ok: true; change: SettingChange }
  | { ok: false; error: 'usage' | 'timeZone' | 'clock' | 'quiet' | 'lead'; value: string };

const OFF = new Set(['off', 'none', 'no', 'выкл', 'нет']);

/** 'HH:MM' (or 'H:MM') normalised to 'HH:MM', or null. */
export function normalizeClock(text: string): string | null {
  const match = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(text.trim());
  return match?.[1] && match[2] ? `${match[1].padStart(2, '0')}:${match[2]}` : null;
}

export function parseQuietRange(text: string): { start: string; end: string } | null {
  const parts = text.trim().split(/\s*[-–—]\s*/);
  if (parts.length !== 2) return null;
  const start = normalizeClock(parts[0] ?? '');
  const end = normalizeClock(parts[1] ?? '');
  return start && end && start !== end ? { start, end } : null;
}

export function parseSettingValue(setting: SettingChange['setting'], raw: string): SettingParse {
  const value = raw.trim();
  const off = OFF.has(value.toLowerCase());
  switch (setting) {
    case 'language': {
      const language = value.toLowerCase();
      return language === 'en' || language === 'ru'
        ? { ok: true, change: { setting, value: language } }
        : { ok: false, error: 'usage', value };
    }
    case 'timeZone': {
      // A zone name, a city or an offset, as the first-contact question reads it; kept by its
      // canonical name ("europe/moscow" and "Москва" are stored as "Europe/Moscow").
      const reading = readTimeZone(value);
      return reading.ok
        ? { ok: true, change: { setting, value: reading.timeZone } }
        : { ok: false, error: 'timeZone', value };
    }
    case 'lead': {
      const minutes = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
      return minutes >= 0 && minutes <= MAX_LEAD_MINUTES
        ? { ok: true, change: { setting, value: minutes } }
        : { ok: false, error: 'lead', value };
    }
    case 'digest': {
      if (off) return { ok: true, change: { setting, value: null } };
      const clock = normalizeClock(value);
      return clock ? { ok: true, change: { setting, value: clock } } : { ok: false, error: 'clock', value };
    }
    case 'quiet': {
      if (off) return { ok: true, change: { setting, value: null } };
      const range = parseQuietRange(value);
      return range ? { ok: true, change: { setting, value: range } } : { ok: false, error: 'quiet', value };
    }
  }
}

const NAMES: Record<string, SettingChange['setting']> = {
  lang: 'language',
  language: 'language',
  tz: 'timeZone',
  timezone: 'timeZone',
  lead: 'lead',
  remind: 'lead',
  digest: 'digest',
  quiet: 'quiet',
};

/** `/settings <name> <value>`; an empty argument means "show the menu" and is not parsed here. */
export function parseSettingsCommand(args: string): SettingParse {
  const match = /^(\S+)\s+([\s\S]+)$/.exec(args.trim());
  const name = match?.[1]?.toLowerCase() ?? '';
  const setting = Object.hasOwn(NAMES, name) ? NAMES[name] : undefined;
  if (!match?.[2] || !setting) return { ok: false, error: 'usage', value: args };
  return parseSettingValue(setting, match[2]);
}
