import type { Language } from './language';
import { t } from './texts';
import { type Button, button, shortenEscaped, TELEGRAM_TEXT_LIMIT, type View } from './views';

export interface ProjectWithCount {
  id: number;
  name: string;
  openCount: number;
}

const MAX_PROJECT_ROWS = 30;

/** The chat's projects with their open-task counts, and buttons to open, rename and archive each. */
export function projectsView(lang: Language, projects: ProjectWithCount[]): View {
  const create = [button(t(lang, 'btnNewProject'), { action: 'projectNew' })];
  if (projects.length === 0) return { text: t(lang, 'projectsEmpty'), keyboard: [create] };
  const budget = Math.floor((TELEGRAM_TEXT_LIMIT - 100) / projects.length);
  const lines = projects.map(
    (project) =>
      `• ${t(lang, 'projectLine', { name: '\u0000', count: project.openCount }).replace('\u0000', () => shortenEscaped(project.name, Math.max(budget - 30, 10)))}`,
  );
  const rows: Button[][] = projects.slice(0, MAX_PROJECT_ROWS).map((project) => [
    button(`📁 ${[...project.name].slice(0, 24).join('')} (${project.openCount})`, {
      action: 'list',
      filter: { kind: 'project', projectId: project.id },
      page: 0,
    }),
    button(t(lang, 'btnRenameProject', { name: '' }).trim(), {
      action: 'projectRename',
      projectId: project.id,
    }),
    button(t(lang, 'btnArchiveProject', { name: '' }).trim(), {
      action: 'projectArchive',
      projectId: project.id,
    }),
  ]);
  return { text: [t(lang, 'projectsTitle'), ...lines].join('\n'), keyboard: [...rows, create] };
}
