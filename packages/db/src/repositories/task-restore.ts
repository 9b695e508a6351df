import { restoredFields, type TaskSnapshot } from '@taskbot/domain/task-snapshot';
import type { EntityManager } from 'typeorm';
import { Project } from '../entities/Project';
import { Task } from '../entities/Task';
import { findWithAssignee, stillKnown } from './task-queries';

async function existingProjectId(manager: EntityManager, chatId: number, projectId: number | null) {
  if (projectId === null) return null;
  return (await manager.getRepository(Project).existsBy({ id: projectId, chatId })) ? projectId : null;
}

/**
 * Puts a task back as the snapshot says, in the caller's transaction, re-creating it under its old
 * id when it was deleted; a project gone since is left out, and so is a person forgotten since.
 */
export async function restoreTask(manager: EntityManager, snapshot: TaskSnapshot): Promise<Task> {
  const repository = manager.getRepository(Task);
  const fields = restoredFields(snapshot);
  const values = {
    ...fields,
    projectId: await existingProjectId(manager, fields.chatId, fields.projectId),
    ...(await stillKnown(manager, fields)),
  };
  const exists = await repository.exists({ where: { id: snapshot.id, chatId: snapshot.chatId } });
  if (exists) await repository.update({ id: snapshot.id }, values);
  // The old id keeps the buttons of old messages working. Listing the columns is what makes
  // TypeORM write an explicit id into an auto-increment column on PostgreSQL too.
  else
    await manager
      .createQueryBuilder()
      .insert()
      .into(Task, ['id', ...Object.keys(values)])
      .values({ id: snapshot.id, ...values })
      .execute();
  const restored = await findWithAssignee(repository, { id: snapshot.id, chatId: snapshot.chatId });
  if (!restored) throw new Error(`task ${snapshot.id} is missing right after it was restored`);
  return restored;
}
