import type { DataSource, Repository } from 'typeorm';
import { Chat, isChatType } from '../entities/Chat';
import { ChatMember } from '../entities/ChatMember';

/** The fields of Telegram's Chat object that the bot keeps. */
export interface TelegramChat {
  id: number;
  type: string;
  title?: string;
  username?: string;
  first_name?: string;
}

export class ChatRepository {
  private readonly chats: Repository<Chat>;
  private readonly members: Repository<ChatMember>;

  constructor(dataSource: DataSource) {
    this.chats = dataSource.getRepository(Chat);
    this.members = dataSource.getRepository(ChatMember);
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
    await this.chats.upsert(
      {
        id: tgChat.id,
        type: tgChat.type,
        title: tgChat.title ?? tgChat.first_name ?? tgChat.username ?? null,
      },
      { conflictPaths: ['id'], skipUpdateIfNoValuesChanged: true },
    );
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
   * Records that the user was seen in the chat (both must be registered already). Idempotent and
   * safe under concurrency: a second insert of the same pair is ignored.
   */
  async addMember(chatId: number, userId: number): Promise<void> {
    await this.members.createQueryBuilder().insert().values({ chatId, userId }).orIgnore().execute();
  }

  /** Whether the bot has seen the user in the chat. */
  isMember(chatId: number, userId: number): Promise<boolean> {
    return this.members.existsBy({ chatId, userId });
  }
}
