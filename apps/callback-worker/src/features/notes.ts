import type { CallbackAction } from '@taskbot/domain/callback-data';
import { notesListView } from '@taskbot/domain/task-notes';
import { t } from '@taskbot/domain/texts';
import { viewOptions } from '@taskbot/tasks/task-views';
import { answerAndEdit, type Press, refuse } from './press';

/**
 * 📝 on a card: the task's notes, newest first, in place of the card (Back shows it again), dates
 * in the presser's time zone. Seeing notes needs only that the task is in the pressing chat, as
 * seeing the card does: forged data naming another chat's task finds nothing and shows nothing.
 */
export async function pressNotes(press: Press<Extract<CallbackAction, { action: 'card' }>>): Promise<void> {
  const { ctx, chat, action } = press;
  const found = await ctx.notes.list(chat.id, action.taskId);
  if (!found) return refuse(ctx, 'taskNotFound');
  if (found.notes.length === 0) {
    await ctx.answerCbQuery(t(ctx.lang, 'notesNone'));
    return;
  }
  const options = viewOptions(ctx.deps, ctx.lang, ctx.person);
  return answerAndEdit(ctx, notesListView(options, found.task, found.notes));
}
