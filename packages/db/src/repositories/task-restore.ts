import { type DeletedTaskSnapshot, restoredExtras, restoredFields } from '@taskbot/domain/task-snapshot';
import { type EntityManager, type EntityTarget, In, type ObjectLiteral } from 'typeorm';
import { Project } from '../entities/Project';
import { Task } from '../entities/Task';
import { TaskFile } from '../entities/TaskFile';
import { TaskNote } from '../entities/TaskNote';
import { User } from '../entities/User';
import { findWithAssignee, stillKnown } from './task-queries';

// A deleted task and what goes with it (its notes and files, deleted by the database with it): read
// before the delete for /undo, and put back together under their old ids.

/** A task as deleted, with the notes and files the delete took along, each oldest first. */
export interface RemovedTask {
  task: Task;
  notes: TaskNote[];
  files: TaskFile[];
}

/**
 * The tasks with their notes and files, read in the caller's transaction right before the tasks are
 * deleted (locked by the caller: a note is added only on the locked task, a file's insert waits for
 * the lock on its task), in two statements whatever the number of tasks.
 */
export async function withExtras(manager: EntityManager, tasks: Task[]): Promise<RemovedTask[]> {
  const taskId = In(tasks.map((task) => task.id));
  const notes = await manager.find(TaskNote, { where: { taskId }, order: { id: 'ASC' } });
  const files = await manager.find(TaskFile, { where: { taskId }, order: { id: 'ASC' } });
  return tasks.map((task) => ({
    task,
    notes: notes.filter((note) => note.taskId === task.id),
    files: files.filter((file) => file.taskId === task.id),
  }));
}

async function existingProjectId(manager: EntityManager, chatId: number, projectId: number | null) {
  if (projectId === null) return null;
  return (await manager.getRepository(Project).existsBy({ id: projectId, chatId })) ? projectId : null;
}

/**
 * Inserts rows under the ids they give. Listing the columns is what makes TypeORM write an explicit
 * id into an auto-increment column on PostgreSQL too (the sequence is ahead of an old id already).
 */
async function insertWithIds<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: Array<{ id: number } & ObjectLiteral>,
): Promise<void> {
  const [first] = rows;
  if (!first) return;
  await manager.createQueryBuilder().insert().into(entity, Object.keys(first)).values(rows).execute();
}

/**
 * The notes and files of a deleted task's snapshot back on it (just re-created), with their ids,
 * authors and times; those of a person forgotten since stay out (see restoredExtras).
 */
async function restoreExtras(manager: EntityManager, snapshot: DeletedTaskSnapshot): Promise<void> {
  const authors = [...(snapshot.notes ?? []), ...(snapshot.files ?? [])].flatMap((row) =>
    row.authorId === null ? [] : [row.authorId],
  );
  const known = new Set(
    authors.length === 0
      ? []
      : (await manager.find(User, { where: { id: In([...new Set(authors)]) }, select: { id: true } })).map(
          (user) => Number(user.id),
        ),
  );
  const { notes, files } = restoredExtras(snapshot, (id) => known.has(id));
  const onTask = <T extends object>(rows: T[]) => rows.map((row) => ({ ...row, taskId: snapshot.id }));
  await insertWithIds(manager, TaskNote, onTask(notes));
  await insertWithIds(manager, TaskFile, onTask(files));
}

/**
 * Puts a task back as the snapshot says, in the caller's transaction, re-creating it under its old
 * id when it was deleted, with the notes and files the snapshot of a delete keeps; a project gone
 * since is left out, and so is a person forgotten since.
 */
export async function restoreTask(manager: EntityManager, snapshot: DeletedTaskSnapshot): Promise<Task> {
  const repository = manager.getRepository(Task);
  const fields = restoredFields(snapshot);
  const values = {
    ...fields,
    projectId: await existingProjectId(manager, fields.chatId, fields.projectId),
    ...(await stillKnown(manager, fields)),
  };
  const exists = await repository.exists({ where: { id: snapshot.id, chatId: snapshot.chatId } });
  if (exists) await repository.update({ id: snapshot.id }, values);
  else {
    // The old id keeps the buttons of old messages working.
    await insertWithIds(manager, Task, [{ id: snapshot.id, ...values }]);
    await restoreExtras(manager, snapshot);
  }
  const restored = await findWithAssignee(repository, { id: snapshot.id, chatId: snapshot.chatId });
  if (!restored) throw new Error(`task ${snapshot.id} is missing right after it was restored`);
  return restored;
}
