import { encodeCallback, type ListFilter } from '@taskbot/domain/callback-data';
import { startOfLocalWeek } from '@taskbot/domain/due-presets';
import { snapshotOf } from '@taskbot/domain/task-snapshot';
import { t } from '@taskbot/domain/texts';
import { isAsSnapshot } from '@taskbot/domain/undo';
import { numberedLines } from '@taskbot/domain/views';
import { messageOptions } from '@taskbot/telegram/markup';
import { classifyTelegramError } from '@taskbot/telegram/telegram-errors';
import type { BotContext } from '@taskbot/worker/bot-context';
import {
  changeTaskFor,
  loadTaskList,
  mayChangeAs,
  referencesOf,
  toTaskSummary,
  viewOptions,
} from '@taskbot/worker/task-summary';
import { Composer } from 'telegraf';

/** /tasks, /today, /overdue, /done <n>, /undo, /search, /stats and /my. */
export const listsFeature = new Composer<BotContext>();

const RESULTS_LIMIT = 20;

async function showList(ctx: BotContext, filter: ListFilter): Promise<void> {
  const { chat, user } = await ctx.sender();
  const view = await loadTaskList(ctx.deps, {
    chatId: chat.id,
    userId: user.id,
    filter,
    page: 0,
    lang: ctx.lang,
    person: ctx.person,
  });
  await ctx.reply(view.text, messageOptions(view));
}

listsFeature.command('tasks', (ctx) => showList(ctx, { kind: 'all' }));
listsFeature.command('today', (ctx) => showList(ctx, { kind: 'today' }));
listsFeature.command('overdue', (ctx) => showList(ctx, { kind: 'overdue' }));

listsFeature.command('done', async (ctx) => {
  const { chat, user } = await ctx.sender();
  const n = /^\d{1,5}$/.test(ctx.payload.trim()) ? Number(ctx.payload.trim()) : Number.NaN;
  if (!(n >= 1)) {
    await ctx.reply(t(ctx.lang, 'doneUsage'), { parse_mode: 'HTML' });
    return;
  }
  const taskId = await ctx.deps.conversation.shownTask(chat.id, user.id, n);
  const task = taskId ? await ctx.deps.board.findInChat(chat.id, taskId) : null;
  if (!task) {
    await ctx.reply(t(ctx.lang, 'doneNoNumber', { n }), { parse_mode: 'HTML' });
    return;
  }
  if (!(await mayChangeAs(ctx, user, chat, task))) {
    await ctx.reply(t(ctx.lang, 'notYourTask'), { parse_mode: 'HTML' });
    return;
  }
  const result = await changeTaskFor(ctx, user, chat, task.id, { status: 'done' });
  await ctx.reply(
    result?.changed ? t(ctx.lang, 'doneOk', { title: task.title }) : t(ctx.lang, 'taskAlreadyDone'),
    { parse_mode: 'HTML' },
  );
});

function undoneWhat(ctx: BotContext, kind: 'create' | 'change' | 'delete', title: string): string {
  return t(ctx.lang, `undo_${kind}`, { title: [...title].slice(0, 100).join('') });
}

/**
 * /undo takes back the person's last change as long as it is still theirs to take back: they may
 * still change the task (rights are asked again, not remembered), and what the change did is still
 * there. A change undone restores only the fields it touched; anything else refuses with why.
 */
listsFeature.command('undo', async (ctx) => {
  const { chat, user } = await ctx.sender();
  const entry = await ctx.deps.conversation.popUndo(chat.id, user.id, ctx.update.update_id);
  if (!entry) {
    await ctx.reply(t(ctx.lang, 'undoNothing'), { parse_mode: 'HTML' });
    return;
  }
  const refuse = (reason: 'undoGone' | 'undoChangedSince' | 'undoNotAllowed') =>
    ctx.reply(t(ctx.lang, reason), { parse_mode: 'HTML' });
  const taskId = entry.kind === 'create' ? entry.taskId : entry.before.id;
  const current = await ctx.deps.board.findInChat(chat.id, taskId);
  let what: string;
  if (entry.kind === 'delete') {
    // Put back under its old id: only while nothing has that id (or it is this very task, put back
    // by a run of this /undo whose reply failed), and by someone who may change it.
    if (current && !isAsSnapshot(snapshotOf(current), entry.before))
      return void (await refuse('undoChangedSince'));
    if (!(await mayChangeAs(ctx, user, chat, entry.before))) return void (await refuse('undoNotAllowed'));
    if (!current) await ctx.deps.board.restore(entry.before);
    what = undoneWhat(ctx, 'delete', entry.before.title);
  } else if (entry.kind === 'create') {
    // A task added and gone already (removed by a run of this /undo, or by someone since) is undone.
    if (current) {
      if (!(await mayChangeAs(ctx, user, chat, current))) return void (await refuse('undoNotAllowed'));
      if (current.title !== entry.title) return void (await refuse('undoChangedSince'));
      await ctx.deps.board.remove(chat.id, entry.taskId);
    }
    what = undoneWhat(ctx, 'create', entry.title);
  } else {
    if (!current) return void (await refuse('undoGone'));
    if (!(await mayChangeAs(ctx, user, chat, current))) return void (await refuse('undoNotAllowed'));
    if (!entry.after) return void (await refuse('undoChangedSince'));
    const plan = await ctx.deps.board.undoChange(chat.id, entry.before, entry.after);
    if (!plan.ok) return void (await refuse(plan.reason === 'gone' ? 'undoGone' : 'undoChangedSince'));
    what = undoneWhat(ctx, 'change', entry.before.title);
  }
  // t() escaped the title inside `what` already; undoOk must not escape it twice.
  await ctx.reply(
    t(ctx.lang, 'undoOk', { what: '\u0000' }).replace('\u0000', () => what),
    { parse_mode: 'HTML' },
  );
});

listsFeature.command('search', async (ctx) => {
  const { chat } = await ctx.sender();
  const words = ctx.payload.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || ctx.payload.length > 200) {
    await ctx.reply(t(ctx.lang, 'searchUsage'), { parse_mode: 'HTML' });
    return;
  }
  const tasks = await ctx.deps.board.search(chat.id, words, RESULTS_LIMIT);
  if (tasks.length === 0) {
    await ctx.reply(t(ctx.lang, 'searchNothing', { query: ctx.payload.trim() }), { parse_mode: 'HTML' });
    return;
  }
  const refs = await referencesOf(ctx.deps, chat.id);
  const options = viewOptions(ctx.deps, ctx.lang, ctx.person);
  const summaries = tasks.map((task) => toTaskSummary(task, refs));
  const text = numberedLines(t(ctx.lang, 'searchTitle', { count: tasks.length }), '', summaries, 1, options);
  const keyboard = tasks.map((task, index) => [
    {
      text: `${index + 1}. ${[...task.title].slice(0, 30).join('')}`,
      callback_data: encodeCallback({ action: 'card', taskId: task.id, op: 'show' }),
    },
  ]);
  await ctx.reply(text, { parse_mode: 'HTML', reply_markup: { inline_keyboard: keyboard } });
});

listsFeature.command('stats', async (ctx) => {
  const { chat } = await ctx.sender();
  const now = ctx.deps.now();
  const stats = await ctx.deps.board.stats(chat.id, now, startOfLocalWeek(now, ctx.person.timeZone));
  await ctx.reply(t(ctx.lang, 'statsText', stats), { parse_mode: 'HTML' });
});

/**
 * `/my`: the person's tasks from every chat. Typed in a group, the list goes to their private chat,
 * since it names tasks of other groups; when the bot may not write there (they never started it),
 * the group sees only its own tasks of theirs, with a word on why.
 */
listsFeature.command('my', async (ctx) => {
  const { user } = await ctx.sender();
  const inGroup = ctx.chat.type !== 'private';
  const render = (tasks: Awaited<ReturnType<typeof ctx.deps.board.listAssigned>>) => {
    if (tasks.length === 0) return t(ctx.lang, 'myNothing');
    const options = viewOptions(ctx.deps, ctx.lang, ctx.person);
    const summaries = tasks.map((task) => toTaskSummary(task, { projects: [] }));
    return numberedLines(t(ctx.lang, 'myTitle', { count: tasks.length }), '', summaries, 1, options);
  };
  if (!inGroup) {
    await ctx.reply(render(await ctx.deps.board.listAssigned(user.id, RESULTS_LIMIT)), {
      parse_mode: 'HTML',
    });
    return;
  }
  const everywhere = render(await ctx.deps.board.listAssigned(user.id, RESULTS_LIMIT));
  try {
    await ctx.telegram.sendMessage(user.id, everywhere, { parse_mode: 'HTML' });
    await ctx.reply(t(ctx.lang, 'mySentPrivately'), { parse_mode: 'HTML' });
  } catch (error) {
    if (classifyTelegramError(error).kind !== 'blocked') throw error;
    ctx.log.info('cannot write to the person in private; listing this group only');
    const here = render(await ctx.deps.board.listAssigned(user.id, RESULTS_LIMIT, ctx.chat.id));
    await ctx.reply(`${t(ctx.lang, 'myOnlyThisGroup')}\n\n${here}`, { parse_mode: 'HTML' });
  }
});
