import type { SettingsOp } from './callback-data';
import type { Language } from './language';
import { t } from './texts';
import { type Button, button, type View } from './views';

/** A person's settings as they are in effect (defaults filled in), for display. */
export interface EffectiveSettings {
  language: Language;
  timeZone: string;
  leadMinutes: number;
  digestTime: string | null;
  quietStart: string | null;
  quietEnd: string | null;
}

export type SettingsMode = 'main' | 'lead' | 'digest' | 'quiet';

export const LEAD_CHOICES = [0, 5, 15, 30, 60, 120, 1440];
export const DIGEST_CHOICES = ['07:00', '08:00', '09:00', '18:00', '21:00'];
export const QUIET_CHOICES: Array<[string, string]> = [
  ['22:00', '07:00'],
  ['23:00', '08:00'],
  ['00:00', '09:00'],
];

const settingsButton = (text: string, op: SettingsOp): Button => button(text, { action: 'settings', ...op });

function leadText(lang: Language, minutes: number): string {
  return t(lang, 'settingsMinutes', { minutes });
}

export function settingsView(settings: EffectiveSettings, mode: SettingsMode = 'main'): View {
  const lang = settings.language;
  const off = t(lang, 'settingsOff');
  const back = settingsButton(t(lang, 'btnBack'), { op: 'menu' });
  const summary = t(lang, 'settingsTitle', {
    language: lang === 'ru' ? 'Русский' : 'English',
    timeZone: settings.timeZone,
    lead: leadText(lang, settings.leadMinutes),
    digest: settings.digestTime ?? off,
    quiet: settings.quietStart && settings.quietEnd ? `${settings.quietStart}–${settings.quietEnd}` : off,
  });
  switch (mode) {
    case 'main':
      return {
        text: summary,
        keyboard: [
          [
            settingsButton(t(lang, 'btnLanguage'), { op: 'language', language: lang === 'ru' ? 'en' : 'ru' }),
            settingsButton(t(lang, 'btnTimeZone'), { op: 'timeZone' }),
          ],
          [
            settingsButton(t(lang, 'btnLead'), { op: 'leadMenu' }),
            settingsButton(t(lang, 'btnDigest'), { op: 'digestMenu' }),
          ],
          [settingsButton(t(lang, 'btnQuiet'), { op: 'quietMenu' })],
        ],
      };
    case 'lead':
      return {
        text: `${summary}\n\n${t(lang, 'leadChoose')}`,
        keyboard: [
          LEAD_CHOICES.slice(0, 4).map((minutes) =>
            settingsButton(leadText(lang, minutes), { op: 'lead', minutes }),
          ),
          LEAD_CHOICES.slice(4).map((minutes) =>
            settingsButton(leadText(lang, minutes), { op: 'lead', minutes }),
          ),
          [back],
        ],
      };
    case 'digest':
      return {
        text: `${summary}\n\n${t(lang, 'digestChoose')}`,
        keyboard: [
          DIGEST_CHOICES.map((time) => settingsButton(time, { op: 'digest', time })),
          [
            settingsButton(t(lang, 'btnOff'), { op: 'digest', time: null }),
            settingsButton(t(lang, 'btnOther'), { op: 'digestAsk' }),
          ],
          [back],
        ],
      };
    case 'quiet':
      return {
        text: `${summary}\n\n${t(lang, 'quietChoose')}`,
        keyboard: [
          QUIET_CHOICES.map(([start, end]) => settingsButton(`${start}–${end}`, { op: 'quiet', start, end })),
          [
            settingsButton(t(lang, 'btnOff'), { op: 'quiet', start: null, end: null }),
            settingsButton(t(lang, 'btnOther'), { op: 'quietAsk' }),
          ],
          [back],
        ],
      };
  }
}
