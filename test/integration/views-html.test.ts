import { forgetQuestionView, forgottenView, type PersonRecordCounts } from '@taskbot/domain/forget-me';
import { projectsView } from '@taskbot/domain/projects-view';
import { digestView, reminderView, snoozeChoicesView, snoozedView } from '@taskbot/domain/reminder-views';
import { settingsView } from '@taskbot/domain/settings-view';
import { type CardMode, deletedCardView, taskCardView } from '@taskbot/domain/task-card';
import { notesListView } from '@taskbot/domain/task-notes';
import { languages } from '@taskbot/domain/texts';
import {
  filterChoicesView,
  statsView,
  type TaskSummary,
  taskListView,
  type ViewOptions,
} from '@taskbot/domain/views';
import { zoneQuestionView } from '@taskbot/domain/zone-question';
import { expectTelegramHtml, HOSTILE } from '../support/telegram-html';

// The views the domain builds from what people typed (titles, project and author names, notes), read
// by the fake Bot API's parser, which refuses what Telegram refuses: each must be valid HTML and show
// the hostile values as they were written.

const now = new Date('2026-03-10T12:00:00Z');
const task: TaskSummary = {
  id: 42,
  title: `Pay ${HOSTILE}`,
  priority: 'high',
  status: 'open',
  dueAt: new Date('2026-03-11T09:00:00Z'),
  projectName: `Home ${HOSTILE}`,
  assigneeName: `Ann ${HOSTILE}`,
  recurrence: 'FREQ=WEEKLY;BYDAY=MO',
  fileCount: 2,
  notes: {
    count: 2,
    newest: { kind: 'note', text: `Call ${HOSTILE}`, authorName: `Bob ${HOSTILE}`, createdAt: now },
  },
};
const counts: PersonRecordCounts = {
  privateTasks: 3,
  notes: 2,
  files: 1,
  groups: 1,
  assigned: 1,
  authored: 1,
  known: true,
};
const MODES: CardMode[] = ['main', 'priority', 'project', 'due', 'repeat', 'confirmDelete'];

describe.each(languages)('the %s views', (lang) => {
  const options: ViewOptions = { lang, now, formatDate: (d) => d.toISOString().slice(0, 16) };
  const projects = [{ id: 7, name: `Work ${HOSTILE}` }];
  const shows = (html: string) => expect(expectTelegramHtml(html)).toContain(HOSTILE);

  it('task cards in every mode, done or open, and a deleted card', () => {
    for (const mode of MODES) shows(taskCardView(options, task, mode, projects).text);
    shows(taskCardView(options, { ...task, status: 'done', doneAt: now }).text);
    shows(deletedCardView(lang, task.title).text);
  });

  it('lists, their filters, stats and projects', () => {
    const tasks = [task, { ...task, id: 43, dueAt: null, projectName: null }];
    for (const filter of [{ kind: 'all' }, { kind: 'done' }, { kind: 'project', projectId: 7 }] as const) {
      shows(
        taskListView(options, tasks, { filter, page: 0, total: 25, projectName: projects[0]?.name }).text,
      );
      expectTelegramHtml(taskListView(options, [], { filter, page: 0, total: 0 }).text);
    }
    expectTelegramHtml(filterChoicesView(lang, { kind: 'all' }, projects).text);
    expectTelegramHtml(statsView(lang, { open: 1, done: 2, overdue: 3 }).text);
    shows(projectsView(lang, [{ ...projects[0], id: 7, openCount: 2 } as never]).text);
    expectTelegramHtml(projectsView(lang, []).text);
  });

  it('notes, reminders, snoozes and the digest', () => {
    const notes = task.notes?.newest
      ? [task.notes.newest, { ...task.notes.newest, kind: 'origin' as const }]
      : [];
    shows(notesListView(options, task, notes).text);
    const reminded = { id: 42, title: task.title, dueAt: task.dueAt ?? null };
    shows(reminderView(lang, reminded, 'Europe/Berlin', null).text);
    shows(reminderView(lang, reminded, 'Europe/Berlin', { userId: 5, name: `Ann ${HOSTILE}` }).text);
    shows(snoozeChoicesView(lang, reminded).text);
    shows(snoozedView(lang, reminded, now, 'Europe/Berlin').text);
    const digest = digestView(
      lang,
      '2026-03-10',
      [
        { title: task.title, dueAt: new Date('2026-03-09T09:00:00Z'), chatTitle: `Team ${HOSTILE}` },
        { title: task.title, dueAt: new Date('2026-03-10T18:00:00Z'), chatTitle: null },
      ],
      now,
      'Europe/Berlin',
    );
    shows(digest?.text ?? '');
  });

  it('settings, the zone question and forgetting a person', () => {
    const settings = {
      language: lang,
      timeZone: 'Europe/Berlin',
      leadMinutes: 15,
      digestTime: '08:00',
      quietStart: '22:00',
      quietEnd: '07:00',
    };
    for (const mode of ['main', 'lead', 'digest', 'quiet'] as const) {
      expectTelegramHtml(settingsView(settings, mode).text);
    }
    expectTelegramHtml(zoneQuestionView(lang, 'Hi &amp; welcome').text);
    expectTelegramHtml(forgetQuestionView(lang, counts, 5, now).text);
    expectTelegramHtml(forgottenView(lang, counts).text);
  });
});
