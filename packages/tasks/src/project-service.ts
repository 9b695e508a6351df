import type { CachedProject, ReferenceCache } from '@taskbot/db/cache/ReferenceCache';
import type { Project } from '@taskbot/db/entities/Project';
import type { ProjectRepository } from '@taskbot/db/repositories/ProjectRepository';
import type { Asker, Rights } from './rights';

/** The stores projects live in: the table, and the per-chat list read through Redis. */
export interface ProjectStores {
  projects: ProjectRepository;
  cache: ReferenceCache;
}

/**
 * A chat's projects: anyone in the chat may create one, only those who manage projects (admins in a
 * group) rename, archive or take one back out of the archive. Every write drops the chat's cached
 * list, so the next reader sees it at once.
 */
export class ProjectService {
  constructor(
    private readonly stores: ProjectStores,
    private readonly rights: Rights,
  ) {}

  /** The chat's projects, archived ones included, from the cache. */
  list(chatId: number): Promise<CachedProject[]> {
    return this.stores.cache.projects(chatId);
  }

  /** Whether the person may rename or archive the chat's projects. */
  mayManage(who: Asker): Promise<boolean> {
    return this.rights.mayManageProjects(who);
  }

  /**
   * The project a new task names (`#name`): the chat's project of that name, made when there is
   * none; an archived one comes back only for someone who may manage projects, else it is returned
   * as archived and stays so.
   */
  async ensure(who: Asker, name: string) {
    const ensured = await this.stores.projects.ensure(who.chat.id, name, () => this.mayManage(who));
    if (ensured.changed) await this.stores.cache.invalidateProjects(who.chat.id);
    return ensured;
  }

  async create(chatId: number, name: string): Promise<{ project: Project } | { taken: true }> {
    const result = await this.stores.projects.create(chatId, name);
    await this.stores.cache.invalidateProjects(chatId);
    return result;
  }

  /**
   * Renames the project for someone who may (asked again: they may have lost the admin status since
   * they pressed the button). 'bad' for a name out of bounds, null for a project that is gone.
   */
  async rename(
    who: Asker,
    projectId: number,
    name: string,
  ): Promise<'notAllowed' | 'bad' | Project | { taken: true } | null> {
    if (!(await this.mayManage(who))) return 'notAllowed';
    const renamed = await this.stores.projects
      .rename(who.chat.id, projectId, name)
      .catch((error: unknown) => {
        if (error instanceof RangeError) return 'bad' as const;
        throw error;
      });
    await this.stores.cache.invalidateProjects(who.chat.id);
    return renamed;
  }

  /** Archives the project for someone who may; null for a project that is gone. */
  async archive(who: Asker, projectId: number): Promise<'notAllowed' | Project | null> {
    if (!(await this.mayManage(who))) return 'notAllowed';
    const archived = await this.stores.projects.archive(who.chat.id, projectId);
    await this.stores.cache.invalidateProjects(who.chat.id);
    return archived;
  }
}
