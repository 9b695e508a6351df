import type { Redis } from 'ioredis';
import type { DataSource, Repository } from 'typeorm';
import { Project } from '../entities/Project';

/** A project as the cache keeps it: archived ones included, so old tasks still show their project. */
export interface CachedProject {
  id: number;
  name: string;
  archived: boolean;
}

/** An hour: a safety net only; every change invalidates at once. */
const TTL_SECONDS = 3600;

/**
 * Each chat's projects, read through Redis (priorities need no cache: they are code, see
 * @taskbot/domain/priority). Every write to projects goes through `invalidateProjects` after its
 * transaction commits, so a reader never keeps an old name or list for longer than the write takes. When Redis is unreachable, reads fall back to the database.
 */
export class ReferenceCache {
  private readonly projectRows: Repository<Project>;

  constructor(
    dataSource: DataSource,
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.projectRows = dataSource.getRepository(Project);
  }

  /** All projects of the chat, archived ones too, oldest first. */
  projects(chatId: number): Promise<CachedProject[]> {
    return this.readThrough(this.projectsKey(chatId), async () =>
      (await this.projectRows.find({ where: { chatId }, order: { id: 'ASC' } })).map(
        ({ id, name, archived }) => ({
          id,
          name,
          archived,
        }),
      ),
    );
  }

  async invalidateProjects(chatId: number): Promise<void> {
    await this.redis.del(this.projectsKey(chatId));
  }

  private projectsKey(chatId: number): string {
    return `${this.prefix}cache:projects:${chatId}`;
  }

  private async readThrough<T>(key: string, load: () => Promise<T>): Promise<T> {
    const cached = await this.redis.get(key).catch(() => null);
    if (cached !== null) return JSON.parse(cached) as T;
    const value = await load();
    await this.redis.set(key, JSON.stringify(value), 'EX', TTL_SECONDS).catch(() => undefined);
    return value;
  }
}
