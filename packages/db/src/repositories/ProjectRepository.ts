import type { DataSource, Repository } from 'typeorm';
import { Project } from '../entities/Project';
import { hydrate, PreparedQuery } from '../prepared-select';
import { isUniqueViolation } from '../unique-violation';

export const PROJECT_NAME_MAX_LENGTH = 128;

export class ProjectRepository {
  private readonly projects: Repository<Project>;
  /** The chat's project of a name, as the first task that names it asks (once per chat and name). */
  private readonly named: PreparedQuery<'chatId' | 'name'>;
  /**
   * On PostgreSQL the insert of a new project as one INSERT … RETURNING built once (a chat's first
   * `#project` runs it); MySQL has no RETURNING, and TypeORM's insert reads the id its own way there.
   */
  private readonly insertReturningId: PreparedQuery<'chatId' | 'name'> | undefined;

  constructor(private readonly dataSource: DataSource) {
    this.projects = dataSource.getRepository(Project);
    this.named = new PreparedQuery(dataSource, ['chatId', 'name'], (parameters) =>
      this.projects
        .createQueryBuilder('project')
        .select(['project.id', 'project.name', 'project.archived'])
        .where('project.chatId = :chatId AND project.name = :name', parameters)
        .limit(1),
    );
    if (dataSource.options.type === 'postgres') {
      this.insertReturningId = new PreparedQuery(dataSource, ['chatId', 'name'], (parameters) =>
        this.projects
          .createQueryBuilder()
          .insert()
          .into(Project)
          .values(parameters as unknown as Partial<Project>)
          .returning(['id'])
          .updateEntity(false),
      );
    }
  }

  /** Inserts the project; its id. A unique violation rejects as any write does. */
  private async insert(chatId: number, name: string): Promise<number> {
    if (!this.insertReturningId) {
      const result = await this.projects.insert({ chatId, name });
      return (result.identifiers[0] as { id: number }).id;
    }
    const [row] = await this.insertReturningId.rows({ chatId, name });
    if (!row) throw new Error(`the insert of project "${name}" in chat ${chatId} returned no id`);
    return Number(row.id);
  }

  /**
   * The id of the chat's project with this name for a new task: created when missing, taken out of
   * the archive when archived, if `mayRestore` agrees (in a group only admins restore projects;
   * otherwise `archived: true` comes back and nothing changes). `changed` says the chat's list of
   * projects changed (invalidate its cache). Names are compared by the database's collation: exactly on PostgreSQL,
   * case-insensitively on MySQL/MariaDB (utf8mb4 *_ci collations); `name` is the project's as stored.
   */
  async ensure(
    chatId: number,
    name: string,
    mayRestore: () => Promise<boolean> = async () => true,
  ): Promise<{ id: number; name: string; changed: boolean; archived?: true }> {
    const trimmed = checkedName(name);
    const [row] = await this.named.rows({ chatId, name: trimmed });
    const existing = row ? hydrate(this.dataSource, Project, 'project', row) : null;
    if (existing) {
      if (existing.archived && !(await mayRestore())) {
        return { id: existing.id, name: existing.name, changed: false, archived: true };
      }
      if (existing.archived) await this.projects.update({ id: existing.id }, { archived: false });
      return { id: existing.id, name: existing.name, changed: existing.archived };
    }
    try {
      return { id: await this.insert(chatId, trimmed), name: trimmed, changed: true };
    } catch (error) {
      // Another worker created the same project between our select and insert.
      if (!isUniqueViolation(error)) throw error;
      const created = await this.projects.findOneByOrFail({ chatId, name: trimmed });
      return { id: created.id, name: created.name, changed: true };
    }
  }

  /** The chat's projects that are not archived, in the order they were created. */
  listByChat(chatId: number): Promise<Project[]> {
    return this.projects.find({ where: { chatId, archived: false }, order: { id: 'ASC' } });
  }

  /** A new project; `taken` when the chat already has one of that name (archived ones included). */
  async create(chatId: number, name: string): Promise<{ project: Project } | { taken: true }> {
    const trimmed = checkedName(name);
    try {
      await this.projects.insert({ chatId, name: trimmed });
    } catch (error) {
      if (isUniqueViolation(error)) return { taken: true };
      throw error;
    }
    return { project: await this.projects.findOneByOrFail({ chatId, name: trimmed }) };
  }

  /** Renames the chat's project; null when it does not exist, `taken` when the name is in use. */
  async rename(chatId: number, projectId: number, name: string): Promise<Project | { taken: true } | null> {
    const trimmed = checkedName(name);
    try {
      const result = await this.projects.update({ id: projectId, chatId }, { name: trimmed });
      if ((result.affected ?? 0) === 0) return null;
    } catch (error) {
      if (isUniqueViolation(error)) return { taken: true };
      throw error;
    }
    return this.projects.findOneBy({ id: projectId, chatId });
  }

  /** Archives the chat's project (its tasks keep it); null when it does not exist. */
  async archive(chatId: number, projectId: number): Promise<Project | null> {
    const result = await this.projects.update({ id: projectId, chatId }, { archived: true });
    if ((result.affected ?? 0) === 0) return null;
    return this.projects.findOneBy({ id: projectId, chatId });
  }
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || [...trimmed].length > PROJECT_NAME_MAX_LENGTH) {
    throw new RangeError(`A project name must be 1 to ${PROJECT_NAME_MAX_LENGTH} characters`);
  }
  return trimmed;
}
