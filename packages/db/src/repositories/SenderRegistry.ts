import type { Chat as TelegramChat, User as TelegramUser } from '@telegraf/types';
import type { DataSource } from 'typeorm';
import { Chat } from '../entities/Chat';
import { User } from '../entities/User';
import { hydrate, PreparedQuery } from '../prepared-select';
import { RecentWrites } from '../recent-writes';
import { type ChatRepository, chatTitleOf } from './ChatRepository';
import type { UserRepository } from './UserRepository';

/** How long a write this process made counts as current (see RecentWrites). */
const FRESH_MS = 10 * 60_000;
/** Rows remembered: a few MB at most. */
const REMEMBERED = 100_000;

/**
 * Every update's first step: the person and the chat as Telegram describes them now, and in a group
 * the person as one of its members, then both rows with the person's settings. In the steady state
 * (nothing about the person or chat changed since this process last wrote it) that is a single
 * SELECT: the upserts are skipped, since they would change nothing.
 */
export class SenderRegistry {
  private readonly written = new RecentWrites(FRESH_MS, REMEMBERED);
  /** The person and the chat, in one row. */
  private readonly bothRows: PreparedQuery<'userId' | 'chatId'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly chats: ChatRepository,
  ) {
    this.bothRows = new PreparedQuery(dataSource, ['userId', 'chatId'], (parameters) =>
      dataSource
        .getRepository(User)
        .createQueryBuilder('user')
        .leftJoinAndSelect(Chat, 'chat', 'chat.id = :chatId', { chatId: parameters.chatId })
        .where('user.id = :userId', { userId: parameters.userId }),
    );
  }

  /**
   * `member: false` for a shared sender account (an anonymous admin, a channel): its rows are kept,
   * as tasks name it as their author, but it is never recorded as a member anyone could assign to.
   */
  async register(
    tgUser: TelegramUser,
    tgChat: TelegramChat,
    { member = true }: { member?: boolean } = {},
  ): Promise<{ user: User; chat: Chat }> {
    const writes = this.writesFor(tgUser, tgChat, member);
    await this.perform(writes.filter((write) => !this.written.has(write.key)));
    const found = await this.read(tgUser.id, tgChat.id);
    if (found) return found;
    // A row this process remembers writing is gone (the database was restored or emptied): write
    // everything again rather than trust the memory.
    await this.perform(writes);
    const again = await this.read(tgUser.id, tgChat.id);
    if (!again) throw new Error(`user ${tgUser.id} or chat ${tgChat.id} is missing right after registering`);
    return again;
  }

  private writesFor(
    tgUser: TelegramUser,
    tgChat: TelegramChat,
    member: boolean,
  ): Array<{ key: string; run(): Promise<void> }> {
    const writes = [
      {
        key: JSON.stringify([
          'user',
          tgUser.id,
          tgUser.username ?? null,
          tgUser.first_name,
          tgUser.last_name ?? null,
          tgUser.language_code ?? null,
        ]),
        run: () => this.users.save(tgUser),
      },
      {
        key: JSON.stringify(['chat', tgChat.id, tgChat.type, chatTitleOf(tgChat)]),
        run: () => this.chats.save(tgChat),
      },
    ];
    // Who wrote in a group can be assigned its tasks by @username (see findUserByUsername).
    if (member && tgChat.type !== 'private') {
      writes.push({
        key: JSON.stringify(['member', tgChat.id, tgUser.id]),
        run: () => this.chats.addMember(tgChat.id, tgUser.id),
      });
    }
    return writes;
  }

  /**
   * Forgets that this process wrote the membership row, after the row was deleted (the person left
   * the group), so the next message they write there records them again. Other processes forget it
   * when their memory of it expires; a join clears the doubt anyway, since it adds the row itself.
   */
  forgetMember(chatId: number, userId: number): void {
    this.written.forget(JSON.stringify(['member', chatId, userId]));
  }

  /** In order (the membership row refers to both others); each remembered once it is written. */
  private async perform(writes: Array<{ key: string; run(): Promise<void> }>): Promise<void> {
    for (const write of writes) {
      this.written.forget(write.key);
      await write.run();
      this.written.add(write.key);
    }
  }

  /** Both rows in one statement; null when either is missing. */
  private async read(userId: number, chatId: number): Promise<{ user: User; chat: Chat } | null> {
    const [row] = await this.bothRows.rows({ userId, chatId });
    const user = row ? hydrate(this.dataSource, User, 'user', row) : null;
    const chat = row ? hydrate(this.dataSource, Chat, 'chat', row) : null;
    return user && chat ? { user, chat } : null;
  }
}
