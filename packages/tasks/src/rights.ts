import type { ConversationStore } from '@taskbot/db/cache/ConversationStore';
import {
  type Actor,
  isAdminStatus,
  mayChangeTask,
  mayExportChatTasks,
  mayManageChatProjects,
  needsAdminCheck,
  type TaskPeople,
} from '@taskbot/domain/permissions';
import type { SenderKind } from '@taskbot/domain/updates';

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
 *
 * The rights are those of one update's sender. A shared sender account is not a person: an
 * anonymous admin acts with the admin rights of the group it writes in and a chat speaking (a
 * channel, an automatic forward) with no rights beyond anyone's; neither is the author or assignee
 * of anything, whatever the task's rows say (every channel posts as the same account).
 */
export class Rights {
  constructor(
    private readonly conversation: Pick<ConversationStore, 'isAdmin'>,
    private readonly members: ChatMembers,
    /** Who sends the update these rights are asked for (see senderKindOf). */
    readonly acting: SenderKind = 'person',
  ) {}

  /** Whether the sender is a person, with things of their own: undo, a task list, settings. */
  get isPerson(): boolean {
    return this.acting === 'person';
  }

  /**
   * Whether the person may change the task: in a private chat always, in a group when they wrote it,
   * are assigned to it, or administer the chat.
   */
  async mayChange(who: Asker, task: TaskPeople): Promise<boolean> {
    if (this.acting !== 'person') return this.acting === 'anonymous_admin';
    if (!needsAdminCheck(task, who.user.id, who.chat.type)) return true;
    const isChatAdmin = await this.isAdmin(who);
    return mayChangeTask(task, { userId: who.user.id, isChatAdmin, chatType: who.chat.type });
  }

  /** Whether the person may rename or archive the chat's projects: in a group only its admins. */
  mayManageProjects(who: Asker): Promise<boolean> {
    return this.byChatRule(who, mayManageChatProjects);
  }

  /** Whether the person may export every task of the chat (/export): in a group only its admins. */
  mayExport(who: Asker): Promise<boolean> {
    return this.byChatRule(who, mayExportChatTasks);
  }

  /** A right over the whole chat: its owner's in private, else as the rule says of the admin status. */
  private async byChatRule(who: Asker, rule: (actor: Actor) => boolean): Promise<boolean> {
    if (this.acting !== 'person') return this.acting === 'anonymous_admin';
    if (who.chat.type === 'private') return true;
    const isChatAdmin = await this.isAdmin(who);
    return rule({ userId: who.user.id, isChatAdmin, chatType: who.chat.type });
  }

  private isAdmin({ user, chat }: Asker): Promise<boolean> {
    return this.conversation.isAdmin(chat.id, user.id, async () =>
      isAdminStatus((await this.members.getChatMember(chat.id, user.id)).status),
    );
  }
}
