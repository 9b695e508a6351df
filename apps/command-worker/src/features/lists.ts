import type { BotContext } from '@taskbot/bot/bot-context';
import { encodeCallback, type ListFilter } from '@taskbot/domain/callback-data';
import { startOfLocalWeek } from '@taskbot/domain/due-presets';
import { t } from '@taskbot/domain/texts';
import { numberedLines, statsView } from '@taskbot/domain/views';
import { loadTaskList, referencesOf, toTaskSummary, viewOptions } from '@taskbot/tasks/task-views';
import { messageOptions } from '@taskbot/telegram/markup';
import { classifyTelegramError } from '@taskbot/telegram/telegram-errors';
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

/** `/tasks repeating` (or "повтор…") lists the repeating tasks only, as the 🔁 filter does. */
const REPEATING = /^(?:repeat(?:ing)?|recurring|🔁|повтор\p{L}*)$/iu;

listsFeature.command('tasks', (ctx) =>
  showList(ctx, REPEATING.test(ctx.payload.trim()) ? { kind: 'recurring' } : { kind: 'all' }),
);
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
  const task = taskId ? await ctx.tasks.find(chat.id, taskId) : null;
  if (!task) {
    await ctx.reply(t(ctx.lang, 'doneNoNumber', { n }), { parse_mode: 'HTML' });
    return;
  }
  if (!(await ctx.tasks.mayChange({ user, chat }, task))) {
    await ctx.reply(t(ctx.lang, 'notYourTask'), { parse_mode: 'HTML' });
    return;
  }
  const result = await ctx.tasks.change({ user, chat }, task.id, { status: 'done' });
  let reply = result?.changed ? t(ctx.lang, 'doneOk', { title: task.title }) : t(ctx.lang, 'taskAlreadyDone');
  if (result?.next?.dueAt) {
    const options = viewOptions(ctx.deps, ctx.lang, ctx.person);
    reply = `${reply}\n${t(ctx.lang, 'doneNext', { due: options.formatDate(result.next.dueAt) })}`;
  }
  await ctx.reply(reply, { parse_mode: 'HTML' });
});

function undoneWhat(ctx: BotContext, kind: 'create' | 'change' | 'delete', title: string): string {
  return t(ctx.lang, `undo_${kind}`, { title: [...title].slice(0, 100).join('') });
}

const UNDO_REFUSALS = {
  nothing: 'undoNothing',
  gone: 'undoGone',
  changedSince: 'undoChangedSince',
  notAllowed: 'undoNotAllowed',
  notPerson: 'notPersonal',
} as const;

/** /undo: the task service takes back the person's last change, or says why it cannot. */
listsFeature.command('undo', async (ctx) => {
  const { chat, user } = await ctx.sender();
  const outcome = await ctx.tasks.undo({ user, chat }, ctx.update.update_id);
  if (!outcome.ok) {
    await ctx.reply(t(ctx.lang, UNDO_REFUSALS[outcome.reason]), { parse_mode: 'HTML' });
    return;
  }
  const what = undoneWhat(ctx, outcome.kind, outcome.title);
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
  const tasks = await ctx.tasks.search(chat.id, words, RESULTS_LIMIT);
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
  const stats = await ctx.tasks.stats(chat.id, now, startOfLocalWeek(now, ctx.person.timeZone));
  const view = statsView(ctx.lang, stats);
  await ctx.reply(view.text, messageOptions(view));
});

/**
 * `/my`: the person's tasks from every chat. Typed in a group, the list goes to their private chat,
 * since it names tasks of other groups; when the bot may not write there (they never started it),
 * the group sees only its own tasks of theirs, with a word on why.
 */
listsFeature.command('my', async (ctx) => {
  if (ctx.senderKind !== 'person') {
    await ctx.reply(t(ctx.lang, 'notPersonal'), { parse_mode: 'HTML' });
    return;
  }
  const { user } = await ctx.sender();
  const inGroup = ctx.chat.type !== 'private';
  const render = (tasks: Awaited<ReturnType<typeof ctx.tasks.assignedTo>>) => {
    if (tasks.length === 0) return t(ctx.lang, 'myNothing');
    const options = viewOptions(ctx.deps, ctx.lang, ctx.person);
    const summaries = tasks.map((task) => toTaskSummary(task, { projects: [] }));
    return numberedLines(t(ctx.lang, 'myTitle', { count: tasks.length }), '', summaries, 1, options);
  };
  if (!inGroup) {
    await ctx.reply(render(await ctx.tasks.assignedTo(user.id, RESULTS_LIMIT)), {
      parse_mode: 'HTML',
    });
    return;
  }
  const everywhere = render(await ctx.tasks.assignedTo(user.id, RESULTS_LIMIT));
  try {
    await ctx.telegram.sendMessage(user.id, everywhere, { parse_mode: 'HTML' });
    await ctx.reply(t(ctx.lang, 'mySentPrivately'), { parse_mode: 'HTML' });
  } catch (error) {
    if (classifyTelegramError(error).kind !== 'blocked') throw error;
    ctx.log.info('cannot write to the person in private; listing this group only');
    const here = render(await ctx.tasks.assignedTo(user.id, RESULTS_LIMIT, ctx.chat.id));
    await ctx.reply(`${t(ctx.lang, 'myOnlyThisGroup')}\n\n${here}`, { parse_mode: 'HTML' });
  }
});
