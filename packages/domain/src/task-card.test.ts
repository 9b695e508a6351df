import { decodeCallback } from './callback-data';
import { deletedCardView, taskCardView } from './task-card';
import type { TaskSummary, ViewOptions } from './views';

const now = new Date('2026-03-10T12:00:00Z');
const en: ViewOptions = { lang: 'en', now, formatDate: (d) => d.toISOString().slice(0, 16) };
const ru: ViewOptions = { ...en, lang: 'ru' };
const task: TaskSummary = {
  id: 42,
  title: 'Pay <rent>',
  priority: 'high',
  status: 'open',
  dueAt: new Date('2026-03-11T09:00:00Z'),
  projectName: 'Home & co',
};

const labels = (view: ReturnType<typeof taskCardView>) => view.keyboard?.flat().map((b) => b.text);
const actions = (view: ReturnType<typeof taskCardView>) => view.keyboard?.flat().map((b) => b.callbackData);

describe('the task card', () => {
  it('shows the title escaped, then priority, due date and project', () => {
    const view = taskCardView(en, task);
    expect(view.text).toBe('#42 🟠 <b>Pay &lt;rent&gt;</b>\n❗ high\n📅 2026-03-11T09:00\n📁 Home &amp; co');
  });

  it('labels each button with an emoji and the word, in both languages', () => {
    expect(labels(taskCardView(en, task))).toEqual([
      '✅ Done',
      '❗ Priority',
      '📁 Project',
      '📅 Due',
      '⏰ Remind',
      '✏️ Edit',
      '🔁 Repeat',
      '🗑 Delete',
    ]);
    expect(labels(taskCardView(ru, task))).toEqual([
      '✅ Готово',
      '❗ Приоритет',
      '📁 Проект',
      '📅 Срок',
      '⏰ Напомнить',
      '✏️ Изменить',
      '🔁 Повтор',
      '🗑 Удалить',
    ]);
  });

  it('leaves the remind button to the reminders feature and offers reopen on a done task', () => {
    expect(actions(taskCardView(en, task))).toContain('r:42');
    const done = taskCardView(en, { ...task, status: 'done' });
    expect(done.text).toContain('✅ Done');
    expect(decodeCallback(done.keyboard?.[0]?.[0]?.callbackData)).toEqual({
      action: 'card',
      taskId: 42,
      op: 'reopen',
    });
  });

  it('opens the priority, project, due and delete menus in place, each with a way back', () => {
    const decoded = (mode: Parameters<typeof taskCardView>[2]) =>
      actions(taskCardView(en, task, mode, [{ id: 7, name: 'Work' }]))?.map(decodeCallback);
    expect(decoded('priority')).toContainEqual({ action: 'card', taskId: 42, op: 'priority', priorityId: 4 });
    expect(decoded('project')).toEqual(
      expect.arrayContaining([
        { action: 'card', taskId: 42, op: 'project', projectId: 7 },
        { action: 'card', taskId: 42, op: 'project', projectId: null },
      ]),
    );
    expect(decoded('due')).toContainEqual({ action: 'card', taskId: 42, op: 'due', preset: 'nextWeek' });
    expect(decoded('confirmDelete')).toEqual([
      { action: 'card', taskId: 42, op: 'delete' },
      { action: 'card', taskId: 42, op: 'show' },
    ]);
    for (const mode of ['priority', 'project', 'due'] as const) {
      expect(decoded(mode)).toContainEqual({ action: 'card', taskId: 42, op: 'show' });
    }
  });

  it("shows a repeating task with 🔁 and its rule in the reader's language", () => {
    const repeating = { ...task, recurrence: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0' };
    expect(taskCardView(en, repeating).text).toContain('\n🔁 every Monday at 10:00');
    expect(taskCardView(ru, repeating).text).toMatch(/\n🔁 .*понедельник/);
  });

  it('offers daily, weekdays, weekly, monthly, a typed phrase and none on the 🔁 menu', () => {
    const decoded = actions(taskCardView(en, task, 'repeat'))?.map(decodeCallback);
    expect(decoded).toEqual([
      { action: 'card', taskId: 42, op: 'repeat', preset: 'daily' },
      { action: 'card', taskId: 42, op: 'repeat', preset: 'weekdays' },
      { action: 'card', taskId: 42, op: 'repeat', preset: 'weekly' },
      { action: 'card', taskId: 42, op: 'repeat', preset: 'monthly' },
      { action: 'card', taskId: 42, op: 'repeatAsk' },
      { action: 'card', taskId: 42, op: 'repeat', preset: 'none' },
      { action: 'card', taskId: 42, op: 'show' },
    ]);
  });

  it('asks whether to delete this occurrence or the whole series of a repeating task', () => {
    const view = taskCardView(en, { ...task, recurrence: 'FREQ=DAILY' }, 'confirmDelete');
    expect(view.text).toContain('Delete only this one, or the whole series?');
    expect(actions(view)?.map(decodeCallback)).toEqual([
      { action: 'card', taskId: 42, op: 'delete' },
      { action: 'card', taskId: 42, op: 'deleteSeries' },
      { action: 'card', taskId: 42, op: 'show' },
    ]);
  });

  it('fits a 4096-character title of HTML specials into one message', () => {
    const view = taskCardView(en, {
      ...task,
      title: '<'.repeat(4096),
      projectName: '&'.repeat(128),
      assigneeName: '>'.repeat(255),
    });
    expect(view.text.length).toBeLessThanOrEqual(4096);
    expect(view.text).toContain('…</b>');
  });

  it('turns a deleted task into a card without buttons', () => {
    expect(deletedCardView('en', 'a<b')).toEqual({ text: '🗑 Deleted: <s>a&lt;b</s>' });
  });

  it('counts the attached files with 📎 and offers a 📎 button that names the task', () => {
    const view = taskCardView(en, { ...task, fileCount: 3 });
    expect(view.text.split('\n').at(-1)).toBe('📎 3');
    expect(labels(view)?.at(-1)).toBe('📎 3');
    expect(decodeCallback(actions(view)?.at(-1))).toEqual({ action: 'card', taskId: 42, op: 'files' });
    expect(labels(taskCardView(en, { ...task, fileCount: 0 }))).not.toContain('📎 0');
    expect(taskCardView(en, task).text).not.toContain('📎');
  });
});
