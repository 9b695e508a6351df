import { randomUUID } from 'node:crypto';
import { type DeletedTaskSnapshot, type TaskSnapshot, withoutExtras } from '@taskbot/domain/task-snapshot';
import type { Redis } from 'ioredis';

// What a conversation remembers between updates, in Redis with an expiry: the task ids of the list
// a person last saw (for /done <n>), their undo entries, the question the bot last asked them with
// ForceReply, and chat admins as Telegram reported them.

export type UndoEntry =
  | { kind: 'create'; taskId: number; title: string }
  /**
   * `after`: the task as the change left it (entries written before it was kept have none);
   * `next`: the occurrence a repeating task's completion made, as it was made.
   */
  | { kind: 'change'; before: TaskSnapshot; after?: TaskSnapshot; next?: TaskSnapshot }
  /**
   * `others`: the rest of a repeating task's series, deleted with it. Each task carries its notes
   * and files (entries kept before tasks had them carry none, and restore as before).
   */
  | { kind: 'delete'; before: DeletedTaskSnapshot; others?: DeletedTaskSnapshot[] };

export type Prompt =
  | { kind: 'editTitle'; taskId: number; userId: number }
  | { kind: 'repeat'; taskId: number; userId: number }
  | { kind: 'projectNew'; userId: number }
  | { kind: 'projectRename'; projectId: number; userId: number }
  | { kind: 'setting'; setting: 'timeZone' | 'digest' | 'quiet'; userId: number };

/** A question on record, with the id its record was given when it was asked. */
export interface PendingPrompt {
  id: string;
  prompt: Prompt;
}

const DAY = 86_400;
// What undo history costs in Redis. A person's list in a chat keeps their last UNDO_DEPTH entries,
// for UNDO_TTL after their latest one. An entry is a task snapshot (a few hundred bytes, ~7 KB with
// the longest title) unless it is a delete, which keeps the task's notes and files too: at most 20
// notes of 4,000 characters and 10 files (task-extras). As JSON a character takes 1 to 4 bytes (6
// for the control characters JSON escapes), so a note takes at most ~24 KB and a file ~3.5 KB (ids
// and names of up to 255 characters): ~0.5 MB for a deleted task in the worst case, ~350 KB with
// every character a four-byte emoji, a few KB with a few ordinary notes (task-snapshot.test.ts
// measures the worst). A list's worst case is then ~10 MB per person and chat for a week; it takes
// 20 such tasks deleted (400 notes of 4,000 characters, which the database held too) to get there:
// /undo takes entries off the list. A series deleted at once carries this per open occurrence
// deleted with it (one, unless done ones were reopened by hand, one press each). Each /undo keeps
// the entry it took for UNDONE_TTL (`undone:`, so that a retried /undo repeats itself), but only the
// tasks once the rows are back (settleUndone), so deleting and undoing again and again costs no more
// than it did before tasks had notes.
const UNDO_DEPTH = 20;
const UNDO_TTL = 7 * DAY;
const UNDONE_TTL = 2 * DAY;
const ADMIN_TTL_SECONDS = 60;

/**
 * KEYS[1] the undo list; ARGV the entry, how many entries the list keeps, its lifetime (s). One
 * command where MULTI, LPUSH, LTRIM, EXPIRE, EXEC were five: every /add pushes an entry.
 */
const PUSH_CAPPED = `
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
`;

/** KEYS[1] the undo list, KEYS[2] what this update took (kept ARGV[1] s); '' when there was nothing. */
const POP_ONCE = `
local taken = redis.call('GET', KEYS[2])
if taken then return taken end
local entry = redis.call('LPOP', KEYS[1]) or ''
redis.call('SET', KEYS[2], entry, 'EX', tonumber(ARGV[1]))
return entry
`;

// A question is kept per person and chat, as a hash: id, prompt (JSON), after (the message id the
// question was asked about, or that of the person's previous question here if higher), and
// messageId once Telegram accepted the question. Message ids in a chat only grow, so a reply to a
// bot message above `after` is to this question or to a bot message sent while it was being sent;
// the window for the latter closes when messageId is filled in, right after the send.

/** KEYS[1] the question; ARGV id, prompt, after, ttl. */
const ASK = `
local previous = tonumber(redis.call('HGET', KEYS[1], 'messageId') or '0')
local after = math.max(tonumber(ARGV[3]), previous)
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'prompt', ARGV[2], 'after', string.format('%d', after))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
return 1
`;

/** KEYS[1] the question; ARGV id, messageId. Only the question `id` is settled, not a newer one. */
const SETTLE = `
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'messageId', ARGV[2])
return 1
`;

/** KEYS[1] the question; ARGV id. */
const FORGET = `
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`;

/**
 * The scripts as commands of the client: each runs by its SHA1 (EVALSHA), and ioredis sends the
 * text only when Redis does not have it yet, where EVAL sent it whole (and Redis hashed it) on every
 * call, once per /add for the undo entry.
 */
const SCRIPTS = {
  taskbotPushCapped: { numberOfKeys: 1, lua: PUSH_CAPPED },
  taskbotPopOnce: { numberOfKeys: 2, lua: POP_ONCE },
  taskbotAsk: { numberOfKeys: 1, lua: ASK },
  taskbotSettle: { numberOfKeys: 1, lua: SETTLE },
  taskbotForget: { numberOfKeys: 1, lua: FORGET },
} as const;
type Scripts = Record<keyof typeof SCRIPTS, (...keysThenArguments: string[]) => Promise<unknown>>;

export class ConversationStore {
  private readonly scripts: Scripts;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** How long Telegram's answer about a chat admin is believed; a demoted admin keeps it this long. */
    private readonly adminTtlSeconds = ADMIN_TTL_SECONDS,
  ) {
    const client = redis as unknown as Partial<Scripts>;
    for (const [name, definition] of Object.entries(SCRIPTS)) {
      if (typeof client[name as keyof Scripts] !== 'function') redis.defineCommand(name, definition);
    }
    this.scripts = client as Scripts;
  }

  async rememberShownList(
    chatId: number,
    userId: number,
    taskIds: number[],
    firstNumber: number,
  ): Promise<void> {
    await this.redis.set(
      this.key('shown', chatId, userId),
      JSON.stringify({ taskIds, firstNumber }),
      'EX',
      7 * DAY,
    );
  }

  /** The task the person saw as number `n` in their last list in this chat, if they saw one. */
  async shownTask(chatId: number, userId: number, n: number): Promise<number | undefined> {
    const raw = await this.redis.get(this.key('shown', chatId, userId));
    if (!raw) return undefined;
    const { taskIds, firstNumber } = JSON.parse(raw) as { taskIds: number[]; firstNumber: number };
    return taskIds[n - firstNumber];
  }

  async pushUndo(chatId: number, userId: number, entry: UndoEntry): Promise<void> {
    const key = this.key('undo', chatId, userId);
    await this.scripts.taskbotPushCapped(key, JSON.stringify(entry), String(UNDO_DEPTH), String(UNDO_TTL));
  }

  /**
   * Takes the person's latest undo entry for the update `updateId` (their /undo). The same update
   * always gets the same entry: a retried /undo (its reply failed, the worker died) repeats what it
   * undid instead of taking the next entry and undoing an older change as well.
   */
  async popUndo(chatId: number, userId: number, updateId: number): Promise<UndoEntry | undefined> {
    const raw = (await this.scripts.taskbotPopOnce(
      this.key('undo', chatId, userId),
      this.key('undone', chatId, updateId),
      String(UNDONE_TTL),
    )) as string;
    return raw ? (JSON.parse(raw) as UndoEntry) : undefined;
  }

  /**
   * The /undo of `updateId` is done with the entry it took (the deleted rows are back, or it
   * refused): what is kept for its retries need not hold the notes and files any more. A retry
   * finds the tasks in place and puts nothing back.
   */
  async settleUndone(chatId: number, updateId: number, entry: UndoEntry): Promise<void> {
    if (entry.kind !== 'delete') return;
    const tasks = [entry.before, ...(entry.others ?? [])];
    if (!tasks.some((task) => task.notes || task.files)) return;
    const settled: UndoEntry = {
      kind: 'delete',
      before: withoutExtras(entry.before),
      ...(entry.others ? { others: entry.others.map(withoutExtras) } : {}),
    };
    const key = this.key('undone', chatId, updateId);
    await this.redis.set(key, JSON.stringify(settled), 'KEEPTTL', 'XX');
  }

  /**
   * Records the question about to be asked of `userId` in this chat, before it is sent, so an
   * answer can never arrive ahead of its record. It replaces any earlier question to the person
   * here: only the latest one is answered. `after` is the message the question is asked about (the
   * pressed one); the question, sent later, gets a higher id. Returns the record's id, for
   * settlePrompt and forgetPrompt.
   */
  async askPrompt(chatId: number, userId: number, after: number, prompt: Prompt): Promise<string> {
    const id = randomUUID();
    await this.scripts.taskbotAsk(
      this.key('question', chatId, userId),
      id,
      JSON.stringify(prompt),
      String(after),
      String(DAY),
    );
    return id;
  }

  /** Telegram accepted the question as `messageId`: from now on only a reply to it answers it. */
  async settlePrompt(chatId: number, userId: number, id: string, messageId: number): Promise<void> {
    await this.scripts.taskbotSettle(this.key('question', chatId, userId), id, String(messageId));
  }

  /**
   * The question a reply by `userId` to the bot's message `replyTo` answers, if any. Before its
   * message id is filled in, a question is answered by a reply to any bot message newer than both
   * the one it was asked about and the person's previous question here (see ASK).
   */
  async prompt(chatId: number, userId: number, replyTo: number): Promise<PendingPrompt | undefined> {
    const [id, raw, after, messageId] = await this.redis.hmget(
      this.key('question', chatId, userId),
      'id',
      'prompt',
      'after',
      'messageId',
    );
    if (!id || !raw || after === null) return undefined;
    const answers = messageId ? Number(messageId) === replyTo : replyTo > Number(after);
    return answers ? { id, prompt: JSON.parse(raw) as Prompt } : undefined;
  }

  /**
   * The question asked of `userId` in this chat, whatever their message replies to: for the one
   * question whose answer may come without a reply (a time zone, typed in a private chat, where
   * the location button below the input field leaves no room for ForceReply).
   */
  async openPrompt(chatId: number, userId: number): Promise<PendingPrompt | undefined> {
    const [id, raw] = await this.redis.hmget(this.key('question', chatId, userId), 'id', 'prompt');
    return id && raw ? { id, prompt: JSON.parse(raw) as Prompt } : undefined;
  }

  /** Forgets the question `id` (answered, or never sent); a newer question to the person stays. */
  async forgetPrompt(chatId: number, userId: number, id: string): Promise<void> {
    await this.scripts.taskbotForget(this.key('question', chatId, userId), id);
  }

  /** Whether the user is a chat admin, asking Telegram (`lookup`) at most once a TTL (a minute) per person. */
  async isAdmin(chatId: number, userId: number, lookup: () => Promise<boolean>): Promise<boolean> {
    const key = this.key('admin', chatId, userId);
    const cached = await this.redis.get(key);
    if (cached !== null) return cached === '1';
    const admin = await lookup();
    await this.redis.set(key, admin ? '1' : '0', 'EX', this.adminTtlSeconds);
    return admin;
  }

  private key(kind: string, chatId: number, id: number): string {
    return `${this.prefix}${kind}:${chatId}:${id}`;
  }
}
