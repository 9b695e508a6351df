import { decodeCallback } from './callback-data';
import { projectsView } from './projects-view';
import { TELEGRAM_TEXT_LIMIT } from './views';

const decoded = (view: ReturnType<typeof projectsView>) =>
  (view.keyboard ?? []).flat().map((button) => decodeCallback(button.callbackData));

describe('the projects view', () => {
  it('invites to create a project when there is none, in each language', () => {
    const en = projectsView('en', []);
    expect(en.text).toContain('No projects yet');
    expect(en.keyboard).toEqual([[{ text: '➕ New project', callbackData: expect.any(String) }]]);
    expect(decoded(en)).toEqual([{ action: 'projectNew' }]);
    expect(projectsView('ru', []).text).toContain('Проектов пока нет');
  });

  it('lists each project with its open-task count and buttons to open, rename and archive it', () => {
    const view = projectsView('en', [
      { id: 3, name: 'Home', openCount: 2 },
      { id: 7, name: 'Work', openCount: 0 },
    ]);
    expect(view.text).toBe('📁 Projects:\n• Home — 2 open\n• Work — 0 open');
    expect(view.keyboard?.map((row) => row.map((button) => button.text))).toEqual([
      ['📁 Home (2)', '✏️', '🗄'],
      ['📁 Work (0)', '✏️', '🗄'],
      ['➕ New project'],
    ]);
    expect(decoded(view)).toEqual([
      { action: 'list', filter: { kind: 'project', projectId: 3 }, page: 0 },
      { action: 'projectRename', projectId: 3 },
      { action: 'projectArchive', projectId: 3 },
      { action: 'list', filter: { kind: 'project', projectId: 7 }, page: 0 },
      { action: 'projectRename', projectId: 7 },
      { action: 'projectArchive', projectId: 7 },
      { action: 'projectNew' },
    ]);
    expect(projectsView('ru', [{ id: 3, name: 'Дом', openCount: 5 }]).text).toBe(
      '📁 Проекты:\n• Дом — открытых: 5',
    );
  });

  it("shows a name with $& or $' as typed, not as a replacement pattern", () => {
    const view = projectsView('en', [{ id: 4, name: "Q$&A $' $`", openCount: 1 }]);
    expect(view.text).toBe("📁 Projects:\n• Q$&amp;A $' $` — 1 open");
  });

  it('escapes names and stays within Telegram limits with many long names', () => {
    const view = projectsView(
      'en',
      Array.from({ length: 60 }, (_, index) => ({
        id: index + 1,
        name: `<b>${'x'.repeat(120)}`,
        openCount: index,
      })),
    );
    expect(view.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(view.text).not.toContain('<b>');
    expect(view.text).toContain('&lt;b&gt;');
    // 30 project rows at most, then the create button; every button's data fits Telegram's 64 bytes.
    expect(view.keyboard).toHaveLength(31);
    for (const button of (view.keyboard ?? []).flat()) {
      expect(Buffer.byteLength(button.callbackData)).toBeLessThanOrEqual(64);
    }
  });
});
