import type { ConversationStore } from '@taskbot/db/cache/ConversationStore';
import {
  type Actor,
  isAdminStatus,
  mayChangeTask,
  mayManageChatProjects,
  needsAdminCheck,
  type TaskPeople,
} from '@taskbot/domain/permissions';

/** Telegram's answer on who administers a chat (getChatMember). */
export interface ChatMembers {
  getChatMember(chatId: number, userId: number): Promise<{ status: string }>;
}

/** The person acting and the chat they act in, as registered. */
export interface Asker {
  user: { id: number };
  chat: { id: number; type: Actor['chatType'] };
}

/**
 * Who may do what in a chat, by the domain's rules (@taskbot/domain/permissions), asking Telegram
 * whether someone administers the chat only when that decides it, and remembering the answer for
 * ADMIN_STATUS_CACHE_SECONDS.
 */
export class Rights {
  constructor(
    private readonly conversation: Pick<ConversationStore, 'isAdmin'>,
    private readonly members: ChatMembers,
  ) {}

  /**
   * Whether the person may change the task: in a private chat always, in a group when they wrote it,
   * are assigned to it, or administer the chat.
   */
  async mayChange(who: Asker, task: TaskPeople): Promise<boolean> {
    if (!needsAdminCheck(task, who.user.id, who.chat.type)) return true;
    const isChatAdmin = await this.isAdmin(who);
    return mayChangeTask(task, { userId: who.user.id, isChatAdmin, chatType: who.chat.type });
  }

  /** Whether the person may rename or archive the chat's projects: in a group only its admins. */
  async mayManageProjects(who: Asker): Promise<boolean> {
    if (who.chat.type === 'private') return true;
    const isChatAdmin = await this.isAdmin(who);
    return mayManageChatProjects({ userId: who.user.id, isChatAdmin, chatType: who.chat.type });
  }

  private isAdmin({ user, chat }: Asker): Promise<boolean> {
    return this.conversation.isAdmin(chat.id, user.id, async () =>
      isAdminStatus((await this.members.getChatMember(chat.id, user.id)).status),
    );
  }
}
