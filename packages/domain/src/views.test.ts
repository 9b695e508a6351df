import { decodeCallback } from './callback-data';
import { TASKS_PER_MESSAGE, taskListView } from './views';

const task = (id: number, title: string, priority = 'normal') => ({ id, title, priority });

describe('the task list view', () => {
  it('shows an invitation to add a task when there is none', () => {
    const view = taskListView('en', [], 0);
    expect(view.text).toContain('/add');
    expect(view.keyboard).toBeUndefined();
  });

  it('numbers the tasks and gives each a done button that names its task', () => {
    const view = taskListView('en', [task(5, 'Buy milk', 'urgent'), task(9, 'Call Bob')], 2);
    expect(view.text).toBe('📋 Open tasks (2):\n1. 🔴 Buy milk\n2. Call Bob');
    expect(view.keyboard?.map((row) => row[0]?.text)).toEqual(['✅ Done 1. Buy milk', '✅ Done 2. Call Bob']);
    expect(view.keyboard?.map((row) => decodeCallback(row[0]?.callbackData))).toEqual([
      { action: 'done', taskId: 5 },
      { action: 'done', taskId: 9 },
    ]);
  });

  it('speaks Russian to Russian users', () => {
    const view = taskListView('ru', [task(1, 'Купить молоко')], 1);
    expect(view.text).toContain('Открытые задачи (1)');
    expect(view.keyboard?.[0]?.[0]?.text).toContain('Готово');
  });

  it('escapes HTML in titles so they are shown literally', () => {
    const view = taskListView('en', [task(1, '<b>bold</b> & "quotes"')], 1);
    expect(view.text).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; "quotes"');
  });

  it('stays within Telegram limits for ten of the longest titles', () => {
    const tasks = Array.from({ length: TASKS_PER_MESSAGE }, (_, i) => task(i + 1, '&'.repeat(1000)));
    const view = taskListView('en', tasks, 250);
    expect(view.text.length).toBeLessThanOrEqual(4096);
    expect(view.text).toContain('…and 240 more.');
    for (const row of view.keyboard ?? []) {
      expect(Buffer.byteLength(row[0]?.callbackData ?? '')).toBeLessThanOrEqual(64);
    }
  });
});
