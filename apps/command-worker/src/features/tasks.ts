import type { BotContext, Sender } from '@taskbot/bot/bot-context';
import type { Task } from '@taskbot/db/entities/Task';
import { parseCommand } from '@taskbot/domain/command';
import type { ForwardedTask } from '@taskbot/domain/forwarded-task';
import { parseQuickAdd } from '@taskbot/domain/quick-add';
import { MAX_TITLE_LENGTH } from '@taskbot/domain/task-title';
import { t } from '@taskbot/domain/texts';
import { isPersonAuthor } from '@taskbot/domain/updates';
import type { TaskInput } from '@taskbot/tasks/task-service';
import { loadCardView, referencesOf } from '@taskbot/tasks/task-views';
import { messageOptions } from '@taskbot/telegram/markup';
import type { User } from '@telegraf/types';
import { Composer } from 'telegraf';
import { noteAssumedZone } from './time-zone';

/** Adding tasks: /add, /new, or plain text in a private chat. The reply is the task's card. */
export const tasksFeature = new Composer<BotContext>();

type ReplyTo = { from?: User; sender_chat?: { id: number } };

/**
 * Adds the task `text` describes and answers with its card, or says what was wrong with the text.
 * `withTask` runs once the task exists, before the card is drawn (a file sent with /add is attached
 * there, so the card counts it). Resolves the task, or undefined when none was added.
 */
export async function addTask(
  ctx: BotContext,
  text: string,
  withTask?: (task: Task) => Promise<void>,
): Promise<Task | undefined> {
  const { chat, user } = await ctx.sender();
  const parsed = parseQuickAdd(text, { now: ctx.deps.now(), timeZone: ctx.person.timeZone });
  if (!parsed.ok) {
    const reply =
      parsed.error === 'empty_title'
        ? t(ctx.lang, 'emptyTitle')
        : parsed.error === 'too_long'
          ? t(ctx.lang, 'titleTooLong', { length: [...text].length, max: MAX_TITLE_LENGTH })
          : t(ctx.lang, 'badDate', { detail: parsed.detail ?? text });
    await ctx.reply(reply, { parse_mode: 'HTML' });
    return undefined;
  }
  const assigneeId = await resolveAssignee(ctx, parsed.assignee, chat);
  if (assigneeId === false) {
    await ctx.reply(t(ctx.lang, 'unknownAssignee', { username: parsed.assignee ?? '' }), {
      parse_mode: 'HTML',
    });
    return undefined;
  }
  const who = { user, chat };
  return saveTask(
    ctx,
    who,
    parsed,
    (input) =>
      ctx.tasks.create(who, {
        ...input,
        ...(ctx.message ? { sourceMessageId: ctx.message.message_id } : {}),
        ...(assigneeId ? { assigneeId } : {}),
      }),
    withTask,
  );
}

/**
 * Saves a task as quick-add read it, through `create` (the use case that makes it), in the
 * project it names (made on first use), and answers with its card; the first time someone who
 * never chose a zone dates a task, also which zone the date was read in. `withTask` runs once the
 * task exists, before its card is drawn. Resolves the task, or undefined when none was saved.
 */
export async function saveTask(
  ctx: BotContext,
  who: Sender,
  parsed: ForwardedTask,
  create: (input: TaskInput) => Promise<{ task: Task; created: boolean }>,
  withTask?: (task: Task) => Promise<void>,
): Promise<Task | undefined> {
  const { chat, user } = who;
  let refs = await referencesOf(ctx.deps, chat.id);
  let projectId: number | undefined;
  if (parsed.project) {
    // The cached list answers for an exact name; anything else (a new name, an archived project,
    // a name the database's collation matches differently) is the database's to decide.
    const name = parsed.project.trim();
    projectId = refs.projects.find((project) => project.name === name && !project.archived)?.id;
    if (projectId === undefined) {
      // Archiving is for those who manage projects (admins in a group); so is taking one back out.
      const ensured = await ctx.projects.ensure({ user, chat }, name);
      if (ensured.archived) {
        await ctx.reply(t(ctx.lang, 'projectArchivedAdminsOnly', { name: ensured.name }), {
          parse_mode: 'HTML',
        });
        return undefined;
      }
      projectId = ensured.id;
      if (ensured.changed) {
        // The card shows the list as it is now; the next reader loads it into the cache.
        const project = { id: ensured.id, name: ensured.name, archived: false };
        refs = { ...refs, projects: [...refs.projects.filter((p) => p.id !== project.id), project] };
      }
    }
  }
  const { task, created } = await create({
    title: parsed.title,
    sourceUpdateId: ctx.update.update_id,
    ...(parsed.priorityId ? { priorityId: parsed.priorityId } : {}),
    ...(projectId !== undefined ? { projectId } : {}),
    ...(parsed.due ? { dueAt: parsed.due.at } : {}),
    ...(parsed.repeat ? { recurrence: parsed.repeat.rrule } : {}),
  });
  ctx.log.info(created ? 'task created' : 'task already created by this update', { task_id: task.id });
  if (withTask) await withTask(task);
  const view = await loadCardView(ctx.deps, task, ctx.lang, ctx.person, 'main', refs);
  await ctx.reply(view.text, messageOptions(view));
  // Once, for someone who never chose a zone: which zone the date was read in, and the question.
  if (parsed.due) await noteAssumedZone(ctx, user, parsed.due);
  return task;
}

/**
 * The assignee's user id: an @username the bot has seen in this chat, else in a group the author of
 * the message this one replies to (who thereby wrote in the chat). `false` when a named @username
 * is not known in this chat; undefined when nobody is named.
 */
async function resolveAssignee(
  ctx: BotContext,
  username: string | undefined,
  chat: { id: number; type: string },
): Promise<number | false | undefined> {
  if (chat.type === 'private') return undefined;
  if (username) {
    const found = await ctx.tasks.assigneeNamed(chat.id, username.replace(/^@/, ''));
    return found ? found.id : false;
  }
  const repliedTo = (ctx.message as { reply_to_message?: ReplyTo } | undefined)?.reply_to_message;
  const replyTo = repliedTo?.from;
  // Only a person can be assigned: not a bot, nor an account Telegram shares among many (anonymous
  // admins, channels, automatic forwards), nor a chat speaking for itself.
  if (replyTo && repliedTo && isPersonAuthor(repliedTo) && ctx.chat) {
    // The author of the message replied to wrote in this chat: registered as its member, as a sender is.
    await ctx.deps.senders.register(replyTo, ctx.chat);
    return replyTo.id;
  }
  return undefined;
}

tasksFeature.command(['add', 'new'], (ctx) => addTask(ctx, ctx.payload));

/** Plain text in a private chat adds a task; anything starting with "/" that nobody took is unknown. */
export const fallbackFeature = new Composer<BotContext>();

fallbackFeature.on('text', async (ctx, next) => {
  const command = parseCommand(ctx.message.text, ctx.botInfo.username);
  if (command || ctx.message.text.startsWith('/')) {
    await ctx.sender();
    await ctx.reply(t(ctx.lang, 'unknownCommand'), { parse_mode: 'HTML' });
    return;
  }
  if (ctx.chat.type === 'private') {
    await addTask(ctx, ctx.message.text);
    return;
  }
  return next();
});
