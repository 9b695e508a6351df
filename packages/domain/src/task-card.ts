import type { CardOp, RepeatPreset } from './callback-data';
import { describeRecurrence } from './describe-recurrence';
import type { Language } from './language';
import { PRIORITIES } from './priority';
import { cardNotesLine, notesButton } from './task-notes';
import { escapeHtml, t } from './texts';
import {
  type Button,
  button,
  PRIORITY_MARK,
  type ProjectChoice,
  priorityName,
  shorten,
  shortenEscaped,
  type TaskSummary,
  TELEGRAM_TEXT_LIMIT,
  type View,
  type ViewOptions,
} from './views';

/** Which set of buttons a card shows: the main ones, or one of its menus. */
export type CardMode = 'main' | 'priority' | 'project' | 'due' | 'repeat' | 'confirmDelete';

const REPEAT_BUTTONS: Array<[RepeatPreset, Parameters<typeof t>[1]]> = [
  ['daily', 'btnRepeatDaily'],
  ['weekdays', 'btnRepeatWeekdays'],
  ['weekly', 'btnRepeatWeekly'],
  ['monthly', 'btnRepeatMonthly'],
];

const MAX_PROJECT_BUTTONS = 20;

/** The card's text: title first, then what is set; everything user-written escaped. */
export function cardText(options: ViewOptions, task: TaskSummary): string {
  const { lang } = options;
  const details: string[] = [];
  if (task.status === 'done') details.push(t(lang, 'cardDone'));
  details.push(`❗ ${escapeHtml(priorityName(lang, task.priority))}`);
  if (task.dueAt) {
    const overdue = task.status !== 'done' && task.dueAt.getTime() < options.now.getTime() ? '⚠️ ' : '';
    details.push(`${overdue}${t(lang, 'cardDue', { due: options.formatDate(task.dueAt) })}`);
  }
  const repeat = task.recurrence ? describeRecurrence(task.recurrence, lang) : undefined;
  if (repeat) details.push(t(lang, 'cardRepeat', { rule: repeat }));
  if (task.projectName) details.push(t(lang, 'cardProject', { project: task.projectName }));
  if (task.assigneeName) details.push(t(lang, 'cardAssignee', { name: task.assigneeName }));
  const notes = cardNotesLine(lang, task.notes);
  if (notes) details.push(notes);
  if (task.fileCount) details.push(`📎 ${task.fileCount}`);
  const footer = details.join('\n');
  const head = `#${task.id} ${PRIORITY_MARK[task.priority] ?? ''}`;
  const room = TELEGRAM_TEXT_LIMIT - footer.length - head.length - 20;
  return `${head}<b>${shortenEscaped(task.title, room)}</b>\n${footer}`;
}

function cardButton(lang: Language, taskId: number, key: Parameters<typeof t>[1], op: CardOp): Button {
  return button(t(lang, key), { action: 'card', taskId, ...op });
}

function mainButtons(lang: Language, task: TaskSummary): Button[][] {
  const id = task.id;
  // Notes and files: each button lists or sends them; a card without either has neither.
  const extras = [
    notesButton(id, task.notes?.count ?? 0),
    task.fileCount ? button(`📎 ${task.fileCount}`, { action: 'card', taskId: id, op: 'files' }) : undefined,
  ].filter((extra) => extra !== undefined);
  const doneOrReopen =
    task.status === 'done'
      ? cardButton(lang, id, 'btnReopen', { op: 'reopen' })
      : cardButton(lang, id, 'btnDone', { op: 'done' });
  return [
    [doneOrReopen, cardButton(lang, id, 'btnPriority', { op: 'priorityMenu' })],
    [
      cardButton(lang, id, 'btnProject', { op: 'projectMenu' }),
      cardButton(lang, id, 'btnDue', { op: 'dueMenu' }),
    ],
    // The reminders feature handles r:<taskId>.
    [
      { text: t(lang, 'btnRemind'), callbackData: `r:${id}` },
      cardButton(lang, id, 'btnEdit', { op: 'edit' }),
    ],
    [
      cardButton(lang, id, 'btnRepeat', { op: 'repeatMenu' }),
      cardButton(lang, id, 'btnDelete', { op: 'deleteAsk' }),
    ],
    ...(extras.length > 0 ? [extras] : []),
  ];
}

/** A task with its buttons; `mode` opens one of the menus in place of the main buttons. */
export function taskCardView(
  options: ViewOptions,
  task: TaskSummary,
  mode: CardMode = 'main',
  projects: ProjectChoice[] = [],
): View {
  const { lang } = options;
  const id = task.id;
  const back = cardButton(lang, id, 'btnBack', { op: 'show' });
  let text = cardText(options, task);
  let keyboard: Button[][];
  switch (mode) {
    case 'main':
      keyboard = mainButtons(lang, task);
      break;
    case 'priority':
      keyboard = [
        PRIORITIES.map((priority) =>
          button(`${PRIORITY_MARK[priority.code] ?? ''}${priorityName(lang, priority.id)}`, {
            action: 'card',
            taskId: id,
            op: 'priority',
            priorityId: priority.id,
          }),
        ),
        [back],
      ];
      break;
    case 'project': {
      const rows: Button[][] = [];
      const shown = projects.slice(0, MAX_PROJECT_BUTTONS);
      for (let i = 0; i < shown.length; i += 2) {
        rows.push(
          shown.slice(i, i + 2).map((project) =>
            button(`📁 ${shorten(project.name, 30)}`, {
              action: 'card',
              taskId: id,
              op: 'project',
              projectId: project.id,
            }),
          ),
        );
      }
      rows.push([cardButton(lang, id, 'btnNoProject', { op: 'project', projectId: null }), back]);
      keyboard = rows;
      break;
    }
    case 'due':
      keyboard = [
        [
          cardButton(lang, id, 'btnDueToday', { op: 'due', preset: 'today' }),
          cardButton(lang, id, 'btnDueTomorrow', { op: 'due', preset: 'tomorrow' }),
        ],
        [
          cardButton(lang, id, 'btnDueNextWeek', { op: 'due', preset: 'nextWeek' }),
          cardButton(lang, id, 'btnDueNone', { op: 'due', preset: 'none' }),
        ],
        [back],
      ];
      break;
    case 'repeat': {
      const presets = REPEAT_BUTTONS.map(([preset, key]) =>
        cardButton(lang, id, key, { op: 'repeat', preset }),
      );
      keyboard = [
        presets.slice(0, 2),
        presets.slice(2),
        [
          cardButton(lang, id, 'btnRepeatCustom', { op: 'repeatAsk' }),
          cardButton(lang, id, 'btnRepeatNone', { op: 'repeat', preset: 'none' }),
        ],
        [back],
      ];
      break;
    }
    case 'confirmDelete':
      // A repeating task asks which: this occurrence, or every one of its series.
      if (task.recurrence) {
        text = `${text}\n\n${t(lang, 'cardConfirmDeleteSeries')}`;
        keyboard = [
          [
            cardButton(lang, id, 'btnDeleteOne', { op: 'delete' }),
            cardButton(lang, id, 'btnDeleteSeries', { op: 'deleteSeries' }),
          ],
          [back],
        ];
        break;
      }
      text = `${text}\n\n${t(lang, 'cardConfirmDelete')}`;
      keyboard = [[cardButton(lang, id, 'btnDeleteConfirm', { op: 'delete' }), back]];
      break;
  }
  return { text, keyboard };
}

/** What a deleted task's card turns into: no buttons left to press. */
export function deletedCardView(lang: Language, title: string): View {
  return { text: t(lang, 'cardDeleted', { title: shorten(title, 200) }) };
}
