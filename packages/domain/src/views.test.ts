import { decodeCallback } from './callback-data';
import {
  filterChoicesView,
  pageCount,
  statsView,
  TASKS_PER_MESSAGE,
  type TaskSummary,
  taskListView,
  type ViewOptions,
} from './views';

const task = (
  id: number,
  title: string,
  priority = 'normal',
  extra: Partial<TaskSummary> = {},
): TaskSummary => ({
  id,
  title,
  priority,
  ...extra,
});
const now = new Date('2026-03-10T12:00:00Z');
const en: ViewOptions = { lang: 'en', now, formatDate: (d) => d.toISOString().slice(0, 16) };
const ru: ViewOptions = { ...en, lang: 'ru' };
const all = { kind: 'all' } as const;

describe('the task list view', () => {
  it('shows an invitation to add a task when there is none', () => {
    const view = taskListView(en, [], { filter: all, page: 0, total: 0 });
    expect(view.text).toContain('/add');
  });

  it('numbers the tasks and gives each a done button that names its task and keeps the page', () => {
    const view = taskListView(en, [task(5, 'Buy milk', 'urgent'), task(9, 'Call Bob')], {
      filter: all,
      page: 0,
      total: 2,
    });
    expect(view.text).toBe('📋 Open tasks (2):\n1. 🔴 Buy milk\n2. Call Bob');
    expect(view.keyboard?.slice(0, 2).map((row) => row[0]?.text)).toEqual([
      '✅ Done 1. Buy milk',
      '✅ Done 2. Call Bob',
    ]);
    expect(view.keyboard?.slice(0, 2).map((row) => decodeCallback(row[0]?.callbackData))).toEqual([
      { action: 'listDone', taskId: 5, filter: all, page: 0 },
      { action: 'listDone', taskId: 9, filter: all, page: 0 },
    ]);
    expect(decodeCallback(view.keyboard?.[0]?.[1]?.callbackData)).toEqual({
      action: 'card',
      taskId: 5,
      op: 'show',
    });
  });

  it('continues the numbers on later pages and offers both directions in the middle', () => {
    const tasks = Array.from({ length: TASKS_PER_MESSAGE }, (_, i) => task(100 + i, `T${i}`));
    const view = taskListView(en, tasks, { filter: { kind: 'overdue' }, page: 1, total: 35 });
    expect(view.text.split('\n')[1]).toBe('11. T0');
    expect(view.text).toContain('Page 2 of 4');
    const navigation = view.keyboard?.at(-1)?.map((b) => decodeCallback(b.callbackData));
    expect(navigation).toEqual([
      { action: 'list', filter: { kind: 'overdue' }, page: 0 },
      { action: 'filters', filter: { kind: 'overdue' } },
      { action: 'list', filter: { kind: 'overdue' }, page: 2 },
    ]);
    expect(pageCount(35)).toBe(4);
    expect(pageCount(0)).toBe(1);
  });

  it('marks overdue due dates and shows project and assignee', () => {
    const view = taskListView(
      en,
      [
        task(1, 'Old', 'high', {
          dueAt: new Date('2026-03-01T10:00:00Z'),
          projectName: 'Home',
          assigneeName: 'Ann',
        }),
      ],
      { filter: all, page: 0, total: 1 },
    );
    expect(view.text).toContain('1. 🟠 Old — ⚠️ 2026-03-01T10:00 · 📁 Home · 👤 Ann');
  });

  it('speaks Russian to Russian users', () => {
    const view = taskListView(ru, [task(1, 'Купить молоко')], { filter: all, page: 0, total: 1 });
    expect(view.text).toContain('Открытые задачи (1)');
    expect(view.keyboard?.[0]?.[0]?.text).toContain('Готово');
  });

  it('escapes HTML in titles, project names and assignee names', () => {
    const view = taskListView(
      en,
      [task(1, '<b>bold</b> & "q"', 'normal', { projectName: '<p>', assigneeName: 'a&b' })],
      {
        filter: all,
        page: 0,
        total: 1,
      },
    );
    expect(view.text).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; "q"');
    expect(view.text).toContain('📁 &lt;p&gt; · 👤 a&amp;b');
  });

  it('stays within Telegram limits for ten of the longest titles', () => {
    const tasks = Array.from({ length: TASKS_PER_MESSAGE }, (_, i) =>
      task(2 ** 31 - 1 - i, '&'.repeat(4096), 'urgent', {
        dueAt: now,
        projectName: '<'.repeat(128),
        assigneeName: '>'.repeat(255),
      }),
    );
    const view = taskListView(en, tasks, {
      filter: { kind: 'project', projectId: 2 ** 31 - 1 },
      page: 999,
      total: 99_999,
      projectName: '&'.repeat(128),
    });
    expect(view.text.length).toBeLessThanOrEqual(4096);
    for (const row of view.keyboard ?? []) {
      for (const b of row) {
        expect(Buffer.byteLength(b.callbackData)).toBeLessThanOrEqual(64);
        expect(decodeCallback(b.callbackData)).toBeDefined();
      }
    }
  });

  it('offers every filter, priorities and projects included', () => {
    const view = filterChoicesView('en', all, [{ id: 3, name: 'Work' }]);
    const actions = view.keyboard?.flat().map((b) => decodeCallback(b.callbackData));
    expect(actions).toContainEqual({ action: 'list', filter: { kind: 'today' }, page: 0 });
    expect(actions).toContainEqual({ action: 'list', filter: { kind: 'priority', priorityId: 4 }, page: 0 });
    expect(actions).toContainEqual({ action: 'list', filter: { kind: 'project', projectId: 3 }, page: 0 });
    expect(actions).toContainEqual({ action: 'list', filter: { kind: 'recurring' }, page: 0 });
    expect(actions).toContainEqual({ action: 'list', filter: { kind: 'done' }, page: 0 });
  });

  it('marks repeating tasks with 🔁 and titles the repeating filter', () => {
    const view = taskListView(
      en,
      [task(1, 'Water the plants', 'normal', { recurrence: 'FREQ=DAILY' }), task(2, 'Once')],
      { filter: { kind: 'recurring' }, page: 0, total: 2 },
    );
    expect(view.text.split('\n')).toEqual(['🔁 Repeating (2):', '1. 🔁 Water the plants', '2. Once']);
  });

  it('opens the done list from /stats', () => {
    const view = statsView('ru', { open: 3, done: 2, overdue: 1 });
    expect(view.text).toContain('Сделано за неделю: 2');
    const [open] = view.keyboard?.flat() ?? [];
    expect(open?.text).toBe('✅ Выполненные');
    expect(decodeCallback(open?.callbackData)).toEqual({ action: 'list', filter: { kind: 'done' }, page: 0 });
  });

  describe('the done list', () => {
    const done = { kind: 'done' } as const;
    const doneAt = new Date('2026-03-09T08:00:00Z');

    it('shows when each task was done, not its due date or an overdue mark, with ↩️ to reopen', () => {
      const late = new Date('2026-01-01T10:00:00Z');
      const view = taskListView(
        en,
        [task(7, 'Pay rent', 'high', { status: 'done', doneAt, dueAt: late, recurrence: 'FREQ=MONTHLY' })],
        { filter: done, page: 2, total: 21 },
      );
      expect(view.text.split('\n')).toEqual([
        '✅ Done (21):',
        '21. 🟠 🔁 Pay rent — ✅ 2026-03-09T08:00',
        'Page 3 of 3',
      ]);
      const [reopen, card] = view.keyboard?.[0] ?? [];
      expect(reopen?.text).toBe('↩️ 21. Pay rent');
      expect(decodeCallback(reopen?.callbackData)).toEqual({ action: 'listReopen', taskId: 7, page: 2 });
      expect(decodeCallback(card?.callbackData)).toEqual({ action: 'card', taskId: 7, op: 'show' });
      const navigation = view.keyboard?.at(-1)?.map((b) => decodeCallback(b.callbackData));
      expect(navigation).toContainEqual({ action: 'list', filter: done, page: 1 });
    });

    it('says so when nothing is done yet, in both languages', () => {
      expect(taskListView(en, [], { filter: done, page: 0, total: 0 }).text).toBe(
        'Nothing is done here yet.',
      );
      expect(taskListView(ru, [], { filter: done, page: 0, total: 0 }).text).toBe(
        'Здесь пока ничего не выполнено.',
      );
    });
  });
});
