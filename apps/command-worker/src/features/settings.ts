import type { BotContext } from '@taskbot/bot/bot-context';
import { applyPerson } from '@taskbot/bot/sender';
import { changeTimeZone, confirmTimeZone, settleTimeZoneQuestion } from '@taskbot/bot/time-zone';
import { MAX_LEAD_MINUTES } from '@taskbot/domain/callback-data';
import { parseSettingsCommand, type SettingChange, type SettingParse } from '@taskbot/domain/settings-input';
import { settingsView } from '@taskbot/domain/settings-view';
import { t } from '@taskbot/domain/texts';
import { messageOptions } from '@taskbot/telegram/markup';
import { Composer } from 'telegraf';

/**
 * /settings shows the menu; `/settings tz Europe/Moscow` and the like set one value by text.
 */
export const settingsFeature = new Composer<BotContext>();

export function settingsFields(
  change: SettingChange,
): Parameters<BotContext['deps']['users']['updateSettings']>[1] {
  switch (change.setting) {
    case 'language':
      return { language: change.value };
    case 'timeZone':
      return { timeZone: change.value };
    case 'lead':
      return { reminderLeadMinutes: change.value };
    case 'digest':
      return { digestTime: change.value };
    case 'quiet':
      return { quietStart: change.value?.start ?? null, quietEnd: change.value?.end ?? null };
  }
}

/** Stores a parsed setting and answers with the settings screen, or explains what was wrong. */
export async function applySetting(ctx: BotContext, userId: number, parsed: SettingParse): Promise<void> {
  if (!parsed.ok) {
    const reply = {
      usage: t(ctx.lang, 'settingsUsage'),
      timeZone: t(ctx.lang, 'timeZoneBad', { value: parsed.value.slice(0, 64) }),
      clock: t(ctx.lang, 'clockBad', { value: parsed.value.slice(0, 64) }),
      quiet: t(ctx.lang, 'quietBad', { value: parsed.value.slice(0, 64) }),
      lead: t(ctx.lang, 'leadBad', { max: MAX_LEAD_MINUTES }),
    }[parsed.error];
    await ctx.reply(reply, { parse_mode: 'HTML' });
    return;
  }
  if (parsed.change.setting === 'timeZone') {
    // A zone moves the person's whole-day due dates and pending reminders with it.
    await changeTimeZone(ctx, userId, parsed.change.value);
    if (ctx.chat) await settleTimeZoneQuestion(ctx, ctx.chat.id, userId);
    await confirmTimeZone(ctx, parsed.change.value);
    return;
  }
  const user = await ctx.deps.users.updateSettings(userId, settingsFields(parsed.change));
  const view = settingsView(applyPerson(ctx, user));
  await ctx.reply(view.text, messageOptions(view));
}

settingsFeature.command('settings', async (ctx) => {
  // Settings are a person's: those of an account that anonymous admins or channels share are nobody's.
  if (ctx.senderKind !== 'person') {
    await ctx.reply(t(ctx.lang, 'notPersonal'), { parse_mode: 'HTML' });
    return;
  }
  const { user } = await ctx.sender();
  if (!ctx.payload.trim()) {
    const view = settingsView(applyPerson(ctx, user));
    await ctx.reply(view.text, messageOptions(view));
    return;
  }
  await applySetting(ctx, user.id, parseSettingsCommand(ctx.payload));
});
