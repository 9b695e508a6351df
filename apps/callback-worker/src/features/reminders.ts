import type { BotContext } from '@taskbot/bot/bot-context';
import { decodeReminderAction, type ReminderAction } from '@taskbot/domain/reminder-buttons';
import { snoozeChoicesView, snoozedView } from '@taskbot/domain/reminder-views';
import { snoozeUntil } from '@taskbot/domain/schedule';
import { t } from '@taskbot/domain/texts';
import { formatLocal } from '@taskbot/domain/time-zone';
import { loadCardView } from '@taskbot/tasks/task-views';
import { Composer } from 'telegraf';
import { answerAndEdit, type Press, pressOf, refuse } from './press';

/**
 * The ⏰ button of a task card (`r:<taskId>`: the snooze choices in place of the card's buttons)
 * and the snooze buttons (`z:<taskId>:<15m|1h|tm>`: the reminder rings again then, re-armed even
 * if it went out already). Checked like every button: the task must live in the chat the button
 * sits in, and the one pressing must be its author, its assignee or an admin of the chat. Other
 * data passes on to the next feature.
 */
export const remindersFeature = new Composer<BotContext>();

async function pressReminder(ctx: BotContext, action: ReminderAction, { chat, user }: Press) {
  const { deps } = ctx;
  const task = await ctx.tasks.find(chat.id, action.taskId);
  if (!task) return refuse(ctx, 'taskNotFound');
  if (!(await ctx.tasks.mayChange({ user, chat }, task))) return refuse(ctx, 'notYourTask');
  if (task.status !== 'open') {
    await ctx.answerCbQuery(t(ctx.lang, 'snoozeNotOpen'));
    return;
  }
  if (action.action === 'remind') return answerAndEdit(ctx, snoozeChoicesView(ctx.lang, task));

  // "Tomorrow" is tomorrow for the one who pressed, in their time zone.
  const timeZone = ctx.person.timeZone;
  const until = snoozeUntil(action.kind, deps.now(), timeZone);
  if (!(await ctx.tasks.snooze(task.id, until))) {
    await ctx.answerCbQuery(t(ctx.lang, 'snoozeNotOpen'));
    return;
  }
  ctx.log.info('reminder snoozed', { task_id: task.id, until: until.toISOString() });
  const toast = t(ctx.lang, 'snoozeAnswer', { time: formatLocal(until, timeZone, ctx.lang) });
  const view = action.onCard
    ? await loadCardView(deps, task, ctx.lang, ctx.person)
    : snoozedView(ctx.lang, task, until, timeZone);
  return answerAndEdit(ctx, view, toast);
}

remindersFeature.on('callback_query', async (ctx, next) => {
  const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
  const action = decodeReminderAction(data);
  if (!action) return next();
  // pressOf registers the person (their language and time zone apply) and the chat.
  const press = await pressOf(ctx, { action: 'card', taskId: action.taskId, op: 'show' });
  if (!press) return;
  return pressReminder(ctx, action, press);
});
