import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { Project } from '../entities/Project';
import { hydrate, PreparedQuery } from '../prepared-select';

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
  /** A chat's projects as the cache keeps them: read when a chat is new or its list changed. */
  private readonly projectRows: PreparedQuery<'chatId'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.projectRows = new PreparedQuery(dataSource, ['chatId'], (parameters) =>
      dataSource
        .getRepository(Project)
        .createQueryBuilder('project')
        .select(['project.id', 'project.name', 'project.archived'])
        .where('project.chatId = :chatId', { chatId: parameters.chatId })
        .orderBy('project.id', 'ASC'),
    );
  }

  /** All projects of the chat, archived ones too, oldest first. */
  projects(chatId: number): Promise<CachedProject[]> {
    return this.readThrough(this.projectsKey(chatId), async () =>
      (await this.projectRows.rows({ chatId })).map((row) => {
        const { id, name, archived } = hydrate(this.dataSource, Project, 'project', row) as Project;
        return { id, name, archived };
      }),
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
