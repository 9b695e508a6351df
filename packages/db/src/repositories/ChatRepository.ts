import type { Chat as TelegramChat } from '@telegraf/types';
import { type DataSource, IsNull, Not, type Repository } from 'typeorm';
import { Chat, isChatType } from '../entities/Chat';
import { ChatMember } from '../entities/ChatMember';
import { PreparedQuery } from '../prepared-select';
import { type ChatMove, moveChat } from './chat-migration';

/** The name a chat is kept under: a group's title, or for a private chat the other person's name. */
export function chatTitleOf(tgChat: TelegramChat): string | null {
  const names = tgChat as Partial<Record<'title' | 'first_name' | 'username', string>>;
  return names.title ?? names.first_name ?? names.username ?? null;
}

export class ChatRepository {
  private readonly chats: Repository<Chat>;
  private readonly members: Repository<ChatMember>;
  /** The upsert of `save`, built once: every chat's first update in a process runs it. */
  private readonly upsert: PreparedQuery<'id' | 'type' | 'title'>;

  constructor(private readonly dataSource: DataSource) {
    this.chats = dataSource.getRepository(Chat);
    this.members = dataSource.getRepository(ChatMember);
    this.upsert = new PreparedQuery(dataSource, ['id', 'type', 'title'], (parameters) =>
      this.chats
        .createQueryBuilder()
        .insert()
        .into(Chat)
        .values(parameters as unknown as Partial<Chat>)
        .orUpdate(['type', 'title'], ['id'], { skipUpdateIfNoValuesChanged: true })
        .updateEntity(false),
    );
  }

  /**
   * Records the chat as Telegram describes it now, in one upsert statement (safe under concurrency).
   * Private chats have no title, so the other person's name stands in for it. `active` is left alone:
   * only `setActive` changes it, and a new chat starts active.
   */
  async register(tgChat: TelegramChat): Promise<Chat> {
    await this.save(tgChat);
    return this.chats.findOneByOrFail({ id: tgChat.id });
  }

  /** The write half of `register`: the upsert alone. */
  async save(tgChat: TelegramChat): Promise<void> {
    if (!isChatType(tgChat.type)) {
      throw new Error(`Unsupported Telegram chat type "${tgChat.type}" for chat ${tgChat.id}`);
    }
    await this.upsert.rows({ id: tgChat.id, type: tgChat.type, title: chatTitleOf(tgChat) });
  }

  findById(id: number): Promise<Chat | null> {
    return this.chats.findOneBy({ id });
  }

  /** Returns false when the bot has never seen the chat. */
  async setActive(chatId: number, active: boolean): Promise<boolean> {
    const result = await this.chats.update({ id: chatId }, { active });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Records that the user was seen in the chat (both must be registered already), back in it if
   * they had left. Idempotent and safe under concurrency: a second insert of the same pair is
   * ignored (an upsert instead could deadlock on MySQL), and only a departure is cleared.
   */
  async addMember(chatId: number, userId: number): Promise<void> {
    await this.members.createQueryBuilder().insert().values({ chatId, userId }).orIgnore().execute();
    await this.members.update({ chatId, userId, leftAt: Not(IsNull()) }, { leftAt: null });
  }

  /** Whether the bot has seen the user in the chat, and they have not left it since. */
  isMember(chatId: number, userId: number): Promise<boolean> {
    return this.members.existsBy({ chatId, userId, leftAt: IsNull() });
  }

  /**
   * The user left the chat or was removed from it: no longer assignable there, and the chat's tasks
   * leave their /my and digest (see stillInChat). True when they were a member until now.
   */
  async removeMember(chatId: number, userId: number, at = new Date()): Promise<boolean> {
    const result = await this.members.update({ chatId, userId, leftAt: IsNull() }, { leftAt: at });
    return (result.affected ?? 0) > 0;
  }

  /** Whether some group the bot knew became this supergroup. */
  isMigrationTarget(chatId: number): Promise<boolean> {
    return this.chats.existsBy({ migratedToChatId: chatId });
  }

  /**
   * The group `fromChatId` became the supergroup `toChat`: registers the supergroup, then moves the
   * group's tasks, projects and members there exactly once (see moveChat).
   */
  async migrate(fromChatId: number, toChat: TelegramChat): Promise<ChatMove> {
    await this.save(toChat);
    return moveChat(this.dataSource, fromChatId, toChat.id);
  }
}
