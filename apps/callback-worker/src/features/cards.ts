import type { TaskPatch } from '@taskbot/db/repositories/TaskBoardRepository';
import type { CallbackAction } from '@taskbot/domain/callback-data';
import { duePresetInstant } from '@taskbot/domain/due-presets';
import { repeatFromPreset } from '@taskbot/domain/series';
import { type CardMode, deletedCardView } from '@taskbot/domain/task-card';
import { t } from '@taskbot/domain/texts';
import { formatLocal } from '@taskbot/domain/time-zone';
import { loadCardView } from '@taskbot/tasks/task-views';
import { pressFiles } from './card-files';
import { pressNotes } from './notes';
import { answerAndEdit, ask, type Press, refuse } from './press';

type CardAction = Extract<CallbackAction, { action: 'card' }>;

const MENUS: Partial<Record<CardAction['op'], CardMode>> = {
  show: 'main',
  priorityMenu: 'priority',
  projectMenu: 'project',
  dueMenu: 'due',
  deleteAsk: 'confirmDelete',
  repeatMenu: 'repeat',
};

/**
 * A press on a task card: checks that the task lives in this chat and that the person may change
 * it, then changes it, answers, and redraws the card in place. Each change is recorded for /undo.
 */
export async function pressCard(press: Press<CardAction>): Promise<void> {
  const { ctx, action, chat, user } = press;
  const { deps } = ctx;
  if (action.op === 'notes') return pressNotes(press);
  // The notes and files are for anyone in the chat to see, as the card is.
  if (action.op === 'files') return pressFiles(press);
  const task = await ctx.tasks.find(chat.id, action.taskId);
  if (!task) return refuse(ctx, 'taskNotFound');
  if (action.op !== 'show' && !(await ctx.tasks.mayChange({ user, chat }, task)))
    return refuse(ctx, 'notYourTask');

  const menu = MENUS[action.op];
  if (menu) {
    return answerAndEdit(ctx, await loadCardView(deps, task, ctx.lang, ctx.person, menu));
  }
  if (action.op === 'edit') {
    const title = [...task.title].slice(0, 200).join('');
    return ask(press, t(ctx.lang, 'editPrompt', { title }), {
      kind: 'editTitle',
      taskId: task.id,
      userId: user.id,
    });
  }
  if (action.op === 'repeatAsk') {
    const title = [...task.title].slice(0, 200).join('');
    return ask(press, t(ctx.lang, 'repeatPrompt', { title }), {
      kind: 'repeat',
      taskId: task.id,
      userId: user.id,
    });
  }
  if (action.op === 'deleteSeries') {
    const removed = await ctx.tasks.removeSeries({ user, chat }, task.id);
    if (!removed?.[0]) return refuse(ctx, 'taskNotFound');
    ctx.log.info('task series deleted', { task_id: task.id, count: removed.length });
    return answerAndEdit(
      ctx,
      deletedCardView(ctx.lang, removed[0].title),
      t(ctx.lang, 'answerSeriesDeleted', { count: removed.length }),
    );
  }
  if (action.op === 'delete') {
    const removed = await ctx.tasks.remove({ user, chat }, task.id);
    if (!removed) return refuse(ctx, 'taskNotFound');
    ctx.log.info('task deleted', { task_id: task.id });
    return answerAndEdit(ctx, deletedCardView(ctx.lang, removed.title), t(ctx.lang, 'answerDeleted'));
  }
  let patch: TaskPatch = {};
  let toast = t(ctx.lang, 'answerSaved');
  switch (action.op) {
    case 'done':
      patch = { status: 'done' };
      toast = t(ctx.lang, 'btnDone');
      break;
    case 'reopen':
      patch = { status: 'open' };
      toast = t(ctx.lang, 'answerReopened');
      break;
    case 'priority':
      patch = { priorityId: action.priorityId };
      break;
    case 'project': {
      if (action.projectId !== null) {
        const projects = await ctx.projects.list(chat.id);
        if (!projects.some((project) => project.id === action.projectId && !project.archived)) {
          return refuse(ctx, 'projectNotFound');
        }
      }
      patch = { projectId: action.projectId };
      break;
    }
    case 'due':
      patch = { dueAt: duePresetInstant(action.preset, deps.now(), ctx.person.timeZone) };
      break;
    case 'repeat': {
      // Read in the presser's zone, as a due preset is: "weekly" repeats the due date's weekday there.
      const set = repeatFromPreset(action.preset, task.dueAt, deps.now(), ctx.person.timeZone);
      patch = { recurrence: set?.repeat.rrule ?? null, ...(set?.dueAt ? { dueAt: set.dueAt } : {}) };
      break;
    }
  }
  const result = await ctx.tasks.change({ user, chat }, task.id, patch);
  if (!result) return refuse(ctx, 'taskNotFound');
  if (result.changed) ctx.log.info('task changed', { task_id: task.id, op: action.op });
  if (result.next?.dueAt) {
    ctx.log.info('next occurrence made', { task_id: task.id, next_task_id: result.next.id });
    const due = formatLocal(result.next.dueAt, ctx.person.timeZone, ctx.lang, { now: deps.now() });
    toast = `${toast}\n${t(ctx.lang, 'doneNext', { due })}`;
  }
  return answerAndEdit(ctx, await loadCardView(deps, result.after, ctx.lang, ctx.person), toast);
}
