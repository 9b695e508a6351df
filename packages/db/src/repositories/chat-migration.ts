import type { DataSource, EntityManager } from 'typeorm';
import { Chat } from '../entities/Chat';
import { ChatMember } from '../entities/ChatMember';
import { Project } from '../entities/Project';
import { Task } from '../entities/Task';

/**
 * What moving a group to its supergroup did: `moved` the first time, `already` for every later
 * call (the other migration message, a redelivery), `unknown` when the bot never knew the group.
 */
export interface ChatMove {
  outcome: 'moved' | 'already' | 'unknown';
  tasks: number;
  projects: number;
  members: number;
}

/**
 * Moves a group's tasks, projects and members to the supergroup it became, in one transaction.
 * Telegram reports the upgrade twice (in the old chat and in the new, on different partitions, in
 * either order, maybe redelivered), so the old chat's row is locked first and `migrated_to_chat_id`
 * decides: the first transaction moves everything and sets it, any other waits for the lock and
 * then finds it set. The new chat's row must exist already (ChatRepository.migrate registers it).
 *
 * The supergroup may have rows of its own when someone used the bot there before the group's
 * messages arrived: tasks and members simply join them, and a project whose name the supergroup
 * has too is merged into that one (by the database's collation, as the unique name constraint
 * compares) rather than failing on the constraint.
 */
export async function moveChat(
  dataSource: DataSource,
  fromChatId: number,
  toChatId: number,
): Promise<ChatMove> {
  return dataSource.transaction(async (manager) => {
    const nothing = { tasks: 0, projects: 0, members: 0 };
    const chats = manager.getRepository(Chat);
    const old = await chats.findOne({ where: { id: fromChatId }, lock: { mode: 'pessimistic_write' } });
    if (!old) return { outcome: 'unknown', ...nothing };
    if (old.migratedToChatId !== null) return { outcome: 'already', ...nothing };
    // The new chat's row next, before any row that refers to it: a task written into the new chat
    // meanwhile waits for this transaction instead of deadlocking with it.
    await chats.update({ id: toChatId }, { active: true });
    const projects = await moveProjects(manager, fromChatId, toChatId);
    // The old group's message ids mean nothing in the supergroup, which numbers its own.
    const tasks = await manager
      .getRepository(Task)
      .update({ chatId: fromChatId }, { chatId: toChatId, sourceMessageId: null });
    const members = await moveMembers(manager, fromChatId, toChatId);
    await chats.update({ id: fromChatId }, { migratedToChatId: toChatId, active: false });
    return { outcome: 'moved', tasks: tasks.affected ?? 0, projects, members };
  });
}

async function moveProjects(manager: EntityManager, fromChatId: number, toChatId: number): Promise<number> {
  const projects = manager.getRepository(Project);
  const moving = await projects.find({ where: { chatId: fromChatId }, order: { id: 'ASC' } });
  for (const project of moving) {
    const same = await projects.findOne({ where: { chatId: toChatId, name: project.name } });
    if (!same) {
      await projects.update({ id: project.id }, { chatId: toChatId });
      continue;
    }
    // The supergroup's project of that name takes the group's tasks; in use in either, it stays in use.
    await manager.getRepository(Task).update({ projectId: project.id }, { projectId: same.id });
    if (same.archived && !project.archived) await projects.update({ id: same.id }, { archived: false });
    await projects.delete({ id: project.id });
  }
  return moving.length;
}

async function moveMembers(manager: EntityManager, fromChatId: number, toChatId: number): Promise<number> {
  const members = manager.getRepository(ChatMember);
  const moving = await members.find({
    where: { chatId: fromChatId },
    select: { userId: true, leftAt: true },
  });
  if (moving.length === 0) return 0;
  // Someone seen in both chats is one member of the supergroup, as the supergroup knows them: a
  // second insert of the pair is ignored. Who had left the group stays gone.
  await manager
    .createQueryBuilder()
    .insert()
    .into(ChatMember)
    .values(moving.map(({ userId, leftAt }) => ({ chatId: toChatId, userId, leftAt })))
    .orIgnore()
    .execute();
  await members.delete({ chatId: fromChatId });
  return moving.length;
}
