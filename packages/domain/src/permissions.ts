// Who may change a task: its author, its assignee, or an administrator of the chat it lives in.
// In a private chat the only person there is its owner, who may change everything.

export interface TaskPeople {
  /** Null once the author asked to be forgotten: then nobody is its author. */
  authorId: number | null;
  assigneeId: number | null;
}

export interface Actor {
  userId: number;
  /** True for the chat's creator and administrators (as getChatMember says). */
  isChatAdmin: boolean;
  chatType: 'private' | 'group' | 'supergroup' | 'channel';
}

export function mayChangeTask(task: TaskPeople, actor: Actor): boolean {
  if (actor.chatType === 'private') return true;
  return actor.userId === task.authorId || actor.userId === task.assigneeId || actor.isChatAdmin;
}

/**
 * Projects belong to the whole chat: in a group only its admins rename or archive them (anyone may
 * create one); in a private chat its owner does.
 */
export function mayManageChatProjects(actor: Actor): boolean {
  return actor.chatType === 'private' || actor.isChatAdmin;
}

/**
 * /export sends every task of the chat, with its notes: in a group only its admins may have that
 * (anyone else sees the tasks one list at a time); in a private chat its owner.
 */
export function mayExportChatTasks(actor: Actor): boolean {
  return actor.chatType === 'private' || actor.isChatAdmin;
}

/** Whether the admin status decides: only in groups, and only for someone neither author nor assignee. */
export function needsAdminCheck(task: TaskPeople, userId: number, chatType: Actor['chatType']): boolean {
  return chatType !== 'private' && userId !== task.authorId && userId !== task.assigneeId;
}

/** Telegram's getChatMember statuses that make someone an administrator of a chat. */
export function isAdminStatus(status: string | undefined): boolean {
  return status === 'creator' || status === 'administrator';
}
