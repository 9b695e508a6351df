import { decodeCallback } from './callback-data';
import { decodeReminderAction } from './reminder-buttons';
import { type DigestTask, digestView, reminderView, snoozeChoicesView, snoozedView } from './reminder-views';

const task = { id: 12, title: 'Pay <rent> & bills', dueAt: new Date('2026-12-04T15:00:00Z') };

describe('the reminder', () => {
  it('names the task and its due time in the person’s zone, with Done and three snoozes', () => {
    const view = reminderView('en', task, 'Europe/Moscow', null);
    expect(view.text).toBe('⏰ Reminder: <b>Pay &lt;rent&gt; &amp; bills</b>\n📅 Due Fri 4 Dec 18:00');
    const [doneRow, snoozeRow] = view.keyboard ?? [];
    expect(doneRow?.map((button) => decodeCallback(button.callbackData))).toEqual([
      { action: 'card', taskId: 12, op: 'done' },
    ]);
    expect(snoozeRow?.map((button) => button.text)).toEqual(['⏰ 15 min', '⏰ 1 hour', '⏰ Tomorrow']);
    expect(snoozeRow?.map((button) => decodeReminderAction(button.callbackData))).toEqual([
      { action: 'snooze', taskId: 12, kind: '15m' },
      { action: 'snooze', taskId: 12, kind: '1h' },
      { action: 'snooze', taskId: 12, kind: 'tomorrow' },
    ]);
  });

  it('speaks Russian and mentions the person in a group, their name escaped', () => {
    const view = reminderView('ru', { ...task, dueAt: null }, 'UTC', { userId: 77, name: 'Боря <b>' });
    expect(view.text).toBe(
      '⏰ <a href="tg://user?id=77">Боря &lt;b&gt;</a>, напоминание: <b>Pay &lt;rent&gt; &amp; bills</b>',
    );
    expect(view.keyboard?.[1]?.map((button) => button.text)).toEqual(['⏰ 15 мин', '⏰ 1 час', '⏰ Завтра']);
  });

  it('stays within Telegram’s 4096 characters for the longest title, however it escapes', () => {
    const view = reminderView('en', { ...task, title: '&'.repeat(4096) }, 'UTC', {
      userId: 1,
      name: '<'.repeat(300),
    });
    expect(view.text.length).toBeLessThanOrEqual(4096);
    expect(view.text).toContain('…');
  });

  it('after a snooze says when it rings again and keeps its buttons', () => {
    const view = snoozedView('en', task, new Date('2026-12-05T06:00:00Z'), 'Europe/Moscow');
    expect(view.text).toBe('⏰ I’ll remind you at Sat 5 Dec 09:00: <b>Pay &lt;rent&gt; &amp; bills</b>');
    expect(view.keyboard).toEqual(reminderView('en', task, 'UTC', null).keyboard);
  });

  it('offers the snooze choices for a task card', () => {
    const view = snoozeChoicesView('ru', task);
    expect(view.text).toContain('Когда напомнить');
    expect(view.keyboard?.[0]?.map((button) => decodeReminderAction(button.callbackData))).toEqual([
      { action: 'snooze', taskId: 12, kind: '15m', onCard: true },
      { action: 'snooze', taskId: 12, kind: '1h', onCard: true },
      { action: 'snooze', taskId: 12, kind: 'tomorrow', onCard: true },
    ]);
    expect(decodeCallback(view.keyboard?.[1]?.[0]?.callbackData)).toEqual({
      action: 'card',
      taskId: 12,
      op: 'show',
    });
  });
});

describe('the daily digest', () => {
  const now = new Date('2026-12-04T06:00:00Z'); // 09:00 in Moscow
  const digestTask = (title: string, dueIso: string, chatTitle: string | null = null): DigestTask => ({
    title,
    dueAt: new Date(dueIso),
    chatTitle,
  });

  it('has nothing to say without tasks', () => {
    expect(digestView('en', '2026-12-04', [], now, 'Europe/Moscow')).toBeNull();
  });

  it('lists overdue tasks first, then today’s, each by due time, with the group they belong to', () => {
    const view = digestView(
      'en',
      '2026-12-04',
      [
        digestTask('Call Bob', '2026-12-04T15:00:00Z', 'Team <A>'),
        digestTask('Send report', '2026-12-03T09:00:00Z'),
        digestTask('Buy milk', '2026-12-04T08:00:00Z'),
      ],
      now,
      'Europe/Moscow',
    );
    expect(view?.text).toBe(
      [
        '🗓 Your tasks for 2026-12-04:',
        '',
        '<b>⚠️ Overdue</b>',
        '• Send report — Thu 3 Dec 12:00',
        '',
        '<b>📅 Due today</b>',
        '• Buy milk — Fri 4 Dec 11:00',
        '• Call Bob — Fri 4 Dec 18:00 · Team &lt;A&gt;',
      ].join('\n'),
    );
  });

  it('fits one message and counts what did not fit', () => {
    const many = Array.from({ length: 200 }, (_, index) =>
      digestTask(`${'&'.repeat(150)} ${index}`, '2026-12-04T10:00:00Z'),
    );
    const view = digestView('ru', '2026-12-04', many, now, 'Europe/Moscow');
    expect(view?.text.length).toBeLessThanOrEqual(4096);
    expect(view?.text).toMatch(/…и ещё \d+: \/my покажет все\.$/);
  });
});
