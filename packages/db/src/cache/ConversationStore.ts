import type { TaskSnapshot } from '@taskbot/domain/task-snapshot';
import type { Redis } from 'ioredis';

// What a conversation remembers between updates, in Redis with an expiry: the task ids of the list
// a person last saw (for /done <n>), their undo entries, the questions the bot asked with ForceReply,
// and chat admins as Telegram reported them.

export type UndoEntry =
  | { kind: 'create'; taskId: number; title: string }
  | { kind: 'change'; before: TaskSnapshot }
  | { kind: 'delete'; before: TaskSnapshot };

export type Prompt =
  | { kind: 'editTitle'; taskId: number; userId: number }
  | { kind: 'projectNew'; userId: number }
  | { kind: 'projectRename'; projectId: number; userId: number }
  | { kind: 'setting'; setting: 'timeZone' | 'digest' | 'quiet'; userId: number };

const DAY = 86_400;
const UNDO_DEPTH = 20;
const ADMIN_TTL_SECONDS = 60;

/** KEYS[1] the undo list, KEYS[2] what this update took (kept ARGV[1] s); '' when there was nothing. */
const POP_ONCE = `
local taken = redis.call('GET', KEYS[2])
if taken then return taken end
local entry = redis.call('LPOP', KEYS[1]) or ''
redis.call('SET', KEYS[2], entry, 'EX', tonumber(ARGV[1]))
return entry
`;

export class ConversationStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** How long Telegram's answer about a chat admin is believed; a demoted admin keeps it this long. */
    private readonly adminTtlSeconds = ADMIN_TTL_SECONDS,
  ) {}

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
    await this.redis
      .multi()
      .lpush(key, JSON.stringify(entry))
      .ltrim(key, 0, UNDO_DEPTH - 1)
      .expire(key, 7 * DAY)
      .exec();
  }

  /**
   * Takes the person's latest undo entry for the update `updateId` (their /undo). The same update
   * always gets the same entry: a retried /undo (its reply failed, the worker died) repeats what it
   * undid instead of taking the next entry and undoing an older change as well.
   */
  async popUndo(chatId: number, userId: number, updateId: number): Promise<UndoEntry | undefined> {
    const raw = (await this.redis.eval(
      POP_ONCE,
      2,
      this.key('undo', chatId, userId),
      this.key('undone', chatId, updateId),
      String(2 * DAY),
    )) as string;
    return raw ? (JSON.parse(raw) as UndoEntry) : undefined;
  }

  async rememberPrompt(chatId: number, messageId: number, prompt: Prompt): Promise<void> {
    await this.redis.set(this.key('prompt', chatId, messageId), JSON.stringify(prompt), 'EX', DAY);
  }

  async prompt(chatId: number, messageId: number): Promise<Prompt | undefined> {
    const raw = await this.redis.get(this.key('prompt', chatId, messageId));
    return raw ? (JSON.parse(raw) as Prompt) : undefined;
  }

  async forgetPrompt(chatId: number, messageId: number): Promise<void> {
    await this.redis.del(this.key('prompt', chatId, messageId));
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
